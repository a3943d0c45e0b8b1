package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that read and change a node: a real node running the example apps. */
class NodeCommandsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @TempDir
    static Path data;
    static RealNode node;

    @BeforeAll
    static void start() {
        node = RealNode.start(data);
        node.deploy(RealNode.HELLO);
        node.deploy(RealNode.GREETER);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** @return the invocation id the greeter puts in its reply */
    private static String greet(String name) {
        Cli r = node.cli("invoke", "greet", "--data", "{\"name\":\"" + name + "\"}");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher m = Pattern.compile("\"invocationId\":\"([0-9a-f]+)\"").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    @Test
    void ls_printsATableOfFunctions_sortedByName() {
        node.cli("invoke", "hello");

        Cli r = node.cli("ls");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("""
                NAME   VERSION  MEMORY  WARM  BUSY  COLD +LAST INVOKED  ROUTES
                greet  1        256 MB  \\d +\\d +\\d+( \\([a-z-]+\\))? +(never|\\d+s ago) +POST /greet
                hello  1        256 MB  \\d +\\d +\\d+( \\([a-z-]+\\))? +\\d+s ago +GET /hello
                """);
    }

    @Test
    void schedulesLs_withoutSchedules_saysWhereToDeclareThem() {
        Cli r = node.cli("schedules", "ls");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("no schedules deployed; declare them under schedules: in gust.yaml\n");
    }

    @Test
    void rm_removesTheFunction_itsRouteStopsAnswering_andLsSaysWhatToDo() {
        try {
            assertThat(node.cli("rm", "hello").out()).isEqualTo("removed hello\n");
            assertThat(node.cli("rm", "greet").exitCode()).isZero();

            assertThat(node.cli("ls").out()).isEqualTo("no functions deployed; try ./gust deploy examples/hello-java\n");
            assertThat(node.cli("invoke", "hello").err()).contains("no function named hello");
            assertThat(node.gateway("GET", "/hello", "").statusCode()).isEqualTo(404);
        } finally {
            node.deploy(RealNode.HELLO);
            node.deploy(RealNode.GREETER);
        }
        assertThat(node.cli("invoke", "hello").out()).isEqualTo("{\"message\":\"Hello, world\"}\n");
    }

    @Test
    void rm_ofUnknownFunction_printsTheNodesMessage_andExitsOne() {
        Cli r = node.cli("rm", "nope");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("no function named nope; see GET /v1/functions\n");
    }

    @Test
    void invocations_passesFilters_andPrintsATable() {
        node.cli("invoke", "greet", "--data", "{\"language\":\"tlh\"}");
        greet("Ada");

        Cli r = node.cli("invocations", "--function", "greet", "--status", "error", "--limit", "1");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("""
                ID +START +FUNCTION  VERSION  STATUS  DURATION  BILLED +COLD +ERROR
                [0-9a-f]+  %s  greet +1 +ERROR +\\d+ ms +\\d+ ms +(\\d+ ms)? +IllegalArgumentException
                """.formatted(TIME));
    }

    @Test
    void invocations_withAnId_showsThatRecord_orSaysThereIsNone() {
        String id = greet("Di");

        Cli r = node.cli("invocations", id);
        Cli unknown = node.cli("invocations", "nope");
        Cli mixed = node.cli("invocations", id, "--function", "greet");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("invocation      " + id + "\n").contains("function        greet version 1\n")
                .containsPattern("cold start      (no|yes|[a-z ]+, [a-z-]+: queue)");
        assertThat(unknown.exitCode()).isEqualTo(Main.FAILED);
        assertThat(unknown.err()).isEqualTo("no invocation with id nope\n");
        assertThat(mixed.exitCode()).isNotZero();
        assertThat(mixed.err()).contains("an invocation ID shows one record; leave out --function");
    }

    @Test
    void invocations_withCorrelation_listsOnlyThatChain() {
        greet("Bo");
        Cli invoked = node.cli("invoke", "greet", "-v", "--data", "{\"name\":\"Cy\"}");
        Matcher m = Pattern.compile("correlation id +(\\S+)").matcher(invoked.out() + invoked.err());
        assertThat(m.find()).as(invoked.out() + invoked.err()).isTrue();

        Cli r = node.cli("invocations", "--correlation", m.group(1));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().skip(1)).singleElement().asString().contains(" greet ").contains("SUCCESS");
        assertThat(node.cli("invocations", "--correlation", "nobody-has-this").out()).isEqualTo("no invocations\n");
    }

    @Test
    void usage_printsPerFunctionRows_aTotal_andThePrice() {
        node.cli("invoke", "hello");
        greet("Ada");

        Cli r = node.cli("usage", "--since", "1h");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("""
                usage from %1$s to %1$s
                FUNCTION  REQUESTS  GB-S +COST
                greet +\\d+ +\\d+\\.\\d{3} +\\$\\d+\\.\\d{6}
                hello +\\d+ +\\d+\\.\\d{3} +\\$\\d+\\.\\d{6}
                TOTAL +\\d+ +\\d+\\.\\d{3} +\\$\\d+\\.\\d{6}
                price: \\$0\\.2 per million requests, \\$1\\.66667E-5 per GB-second
                """.formatted(TIME));
    }

    @Test
    void logs_printsTimeShortInvocationAndMessage_filteredByInvocation() {
        String id = greet("Lovelace");

        await().atMost(PATIENCE).untilAsserted(() -> {
            Cli r = node.cli("logs", "greet", "--invocation", id, "--since", "10m");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).containsPattern("(?m)^" + TIME + "  " + Formats.shortId(id) + "  greeting Lovelace in en$")
                    .doesNotContain("greeting Ada");
        });
    }

    @Test
    void logs_ofHello_showItsColdStart() {
        node.cli("invoke", "hello");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(node.cli("logs", "hello").out())
                .containsPattern("(?m)^" + TIME + "  [0-9a-f]{8}  cold start \\d+ ms"));
    }

    @Test
    void logsFollow_printsLiveLines_untilInterrupted() throws Exception {
        greet("Before");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var exit = new CompletableFuture<Integer>();
        Thread follower = Thread.ofPlatform().name("gust-logs-follow").start(() -> exit.complete(
                Main.run(new String[] {"logs", "greet", "--follow"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), node.env())));
        try {
            // the recent lines come after the node subscribed the stream to new ones
            await().atMost(PATIENCE).until(() -> out.toString(StandardCharsets.UTF_8).contains("greeting Before in en"));
            String id = greet("Live");

            await().atMost(PATIENCE).until(() -> out.toString(StandardCharsets.UTF_8)
                    .contains(Formats.shortId(id) + "  greeting Live in en\n"));
        } finally {
            follower.interrupt();
        }
        assertThat(exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(Main.OK);
    }

    @Test
    void logs_ofUnknownFunction_printsTheNodesMessage() {
        Cli r = node.cli("logs", "nope", "-f");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("no function named nope; see GET /v1/functions\n");
    }

    @Test
    void token_isReadFromTheDataDirectory_whenGustTokenIsNotSet() {
        Cli r = Cli.live(Map.of("GUST_NODE", node.adminUrl()), "--data", node.dataDir.toString(), "ls");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("hello");
    }

    @Test
    void globalOptions_workAfterTheCommandToo() {
        Cli r = Cli.live(Map.of(), "ls", "--node", node.adminUrl(), "--data", node.dataDir.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void wrongTokenInTheDataDirectory_saysWhichFileItCameFrom(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("admin-token"), "from-another-node");

        Cli r = Cli.live(Map.of("GUST_NODE", node.adminUrl()), "--data", other.toString(), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).endsWith(" (the token came from " + other.resolve("admin-token") + ")\n");
    }

    @Test
    void missingToken_saysWhereItLooked(@TempDir Path empty) {
        Cli r = Cli.live(Map.of("GUST_NODE", node.adminUrl()), "--data", empty.toString(), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("no admin token: looked in GUST_TOKEN (not set) and "
                + empty.resolve("admin-token"));
    }

    @Test
    void wrongToken_printsTheNodesMessage_andWhereTheTokenCameFrom() {
        Cli r = Cli.live(Map.of("GUST_NODE", node.adminUrl(), "GUST_TOKEN", "stale"), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).endsWith(" (the token came from GUST_TOKEN)\n");
    }
}
