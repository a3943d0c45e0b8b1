package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy, the routes it makes, and invoke: the CLI against a real node running the example apps. */
class DeployAndInvokeTest {
    private static final String ID = "[0-9a-f]{16,32}";

    @TempDir
    static Path data;
    static RealNode node;
    static Cli firstHelloDeploy;

    @BeforeAll
    static void start() {
        node = RealNode.start(data);
        firstHelloDeploy = node.deploy(RealNode.HELLO);
        node.deploy(RealNode.GREETER);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void deploy_ofAnExample_printsEachFunctionWithItsVersionAndRoutes() {
        assertThat(firstHelloDeploy.exitCode()).isZero();
        assertThat(firstHelloDeploy.out()).isEqualTo("""
                deployed app hello
                FUNCTION  VERSION  CHANGE   ROUTES
                hello     1        changed  GET /hello
                """);
    }

    @Test
    void deploy_showsUploadProgressOnStderr() {
        String size = Formats.bytes(Bundle.of(RealNode.HELLO).length);

        assertThat(firstHelloDeploy.err()).startsWith("\ruploading ").endsWith(size + " / " + size + "\n");
    }

    @Test
    void deploy_again_unchanged_saysUnchanged_andKeepsTheVersion() {
        Cli r = node.cli("deploy", RealNode.GREETER.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                deployed app greeter
                FUNCTION  VERSION  CHANGE     ROUTES
                greet     1        unchanged  POST /greet
                """);
    }

    @Test
    void deploy_ofManifestWithProblems_printsEveryPathAndMessage_exitsOne_andChangesNothing(@TempDir Path app)
            throws IOException {
        Files.writeString(app.resolve("gust.yaml"), """
                app: hello
                functions:
                  hello:
                    runtime: java21
                    handler: dev.gust.examples.hello.Hello
                    code: target/missing.jar
                    memory: 64
                    routes:
                      - FETCH /hello
                """);

        Cli r = node.cli("deploy", app.toString());

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("deploy of " + app + " failed: ")
                .containsPattern("\n  functions\\.hello\\.memory: must be 128\\.\\.\\d+ MB, was 64")
                .containsPattern("\n  functions\\.hello\\.routes\\[0\\]: method must be one of GET, POST, .*, was \"FETCH\"")
                .containsPattern("\n  functions\\.hello\\.code: not found: target/missing\\.jar");
        assertThat(node.cli("invoke", "hello", "-v").err()).contains("function        hello version 1\n");
    }

    @Test
    void deploy_ofDirectoryWithoutManifest_saysSo(@TempDir Path empty) {
        Cli r = node.cli("deploy", empty.toString());

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("no gust.yaml in " + empty);
    }

    @Test
    void route_getHello_greetsTheNameInTheQueryString() {
        var response = node.gateway("GET", "/hello?name=Ada", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello, Ada\"}");
        assertThat(response.headers().firstValue("Gust-Invocation-Id")).isPresent();
    }

    @Test
    void route_postGreet_readsTheJsonBodyAsTheGreeting() {
        var response = node.gateway("POST", "/greet", "{\"name\":\"Ada\",\"language\":\"en\"}",
                "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"text\":\"From Gust: Hello, Ada\",\"language\":\"en\",");
    }

    @Test
    void route_postGreet_withABodyThatIsNotJson_is502InvalidInputNamingTheRoute() {
        var response = node.gateway("POST", "/greet", "name=Ada", "Content-Type", "text/plain");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("\"type\":\"InvalidInput\"")
                .contains("the body of the HTTP request POST /greet is not JSON");
    }

    @Test
    void invoke_withData_printsTheFunctionsResult() {
        Cli r = node.cli("invoke", "hello", "--data", "{\"name\":\"Ada\"}");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("{\"message\":\"Hello, Ada\"}\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void invoke_withoutData_sendsAnEmptyObject_andReadsFiles(@TempDir Path dir) throws IOException {
        assertThat(node.cli("invoke", "hello").out()).isEqualTo("{\"message\":\"Hello, world\"}\n");

        Path payload = Files.writeString(dir.resolve("p.json"), "{\"name\":\"Grace\"}");
        assertThat(node.cli("invoke", "hello", "--file", payload.toString()).out())
                .isEqualTo("{\"message\":\"Hello, Grace\"}\n");
    }

    @Test
    void invoke_whenTheFunctionFails_printsTypeAndMessage_andExitsOne() {
        Cli r = node.cli("invoke", "greet", "--data", "{\"name\":\"Ada\",\"language\":\"tlh\"}");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).matches("IllegalArgumentException: language must be one of \\[de, en, es, fr\\], was tlh "
                + "\\(invocation " + ID + "\\)\n");
    }

    @Test
    void invokeAsync_printsTheInvocationId_andTheInvocationRunsAsAnEvent() {
        Cli r = node.cli("invoke", "hello", "--async", "--data", "{\"name\":\"Ada\"}");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches(ID + "\n");
        String id = r.out().trim();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(node.cli("invocations", "--function", "hello", "--limit", "1000").out()).contains(id));
    }

    @Test
    void invokeWithIdempotencyKey_twice_printsTheSameResult_andRunsOnce() {
        Cli first = node.cli("invoke", "greet", "--idempotency-key", "k-1", "--data", "{\"name\":\"Ada\"}", "-v");
        Cli repeat = node.cli("invoke", "greet", "--idempotency-key", "k-1", "--data", "{\"name\":\"Ada\"}", "-v");

        assertThat(first.exitCode()).isZero();
        assertThat(repeat.out()).isEqualTo(first.out());
        assertThat(repeat.err().lines().findFirst()).isEqualTo(first.err().lines().findFirst());
    }

    @Test
    void invoke_ofUnknownFunction_printsTheNodesMessage_andExitsOne() {
        Cli r = node.cli("invoke", "nope");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("FunctionNotFound: no function named nope; see GET /v1/functions\n");
    }

    @Test
    void invokeVerbose_printsTheResult_andTheInvocationRecordOnStderr() {
        Cli r = node.cli("invoke", "hello", "--data", "{\"name\":\"Ada\"}", "-v");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("{\"message\":\"Hello, Ada\"}\n");
        assertThat(r.err()).matches("""
                invocation      %1$s
                function        hello version 1
                status          SUCCESS
                duration        \\d+ ms, billed \\d+ ms at 256 MB
                cold start      (no|yes, init \\d+ ms|[a-z ]+, [a-z-]+: queue [^\\n]+ ms)
                instance        i-[0-9a-f]+
                trace id        [0-9a-f]{32}
                correlation id  [0-9a-f]+
                """.formatted(ID));
    }

    @Test
    void invokeVerbose_ofAFailure_alsoPrintsTheRecordsError() {
        Cli r = node.cli("invoke", "greet", "--data", "{\"language\":\"tlh\"}", "-v");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).startsWith("IllegalArgumentException: language must be one of")
                .contains("\nfunction        greet version 1\n")
                .contains("\nstatus          ERROR IllegalArgumentException: language must be one of [de, en, es, fr], "
                        + "was tlh\n");
    }
}
