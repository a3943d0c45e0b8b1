package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that read and change a node, against the admin API contract. */
class NodeCommandsTest {
    private StubNode node;

    @BeforeEach
    void start() throws IOException {
        node = new StubNode();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void ls_printsATableOfFunctions() {
        node.on("GET", "/v1/functions", 200, """
                {"functions":[
                 {"name":"hello","app":"hello","version":3,"runtime":"java21","memory":256,"timeout":"10s",
                  "routes":["GET /hello"],"instances":{"starting":0,"idle":2,"busy":1,"draining":0},
                  "lastInvoked":"2026-01-01T11:55:00Z"},
                 {"name":"greet","app":"greeter","version":1,"memory":512,"routes":["POST /greet","GET /greet"],
                  "instances":{"starting":0,"idle":0,"busy":0,"draining":0},"lastInvoked":null}]}""");

        Cli r = Cli.run(node.env(), "ls");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                NAME   VERSION  MEMORY  WARM  BUSY  LAST INVOKED  ROUTES
                hello  3        256 MB  2     1     5m ago        GET /hello
                greet  1        512 MB  0     0     never         POST /greet, GET /greet
                """);
        assertThat(node.last().header("Authorization")).isEqualTo("Bearer " + StubNode.TOKEN);
    }

    @Test
    void ls_withNothingDeployed_saysWhatToDo() {
        node.on("GET", "/v1/functions", 200, "{\"functions\":[]}");

        assertThat(Cli.run(node.env(), "ls").out()).contains("no functions deployed; try ./gust deploy");
    }

    @Test
    void token_isReadFromTheDataDirectory_whenGustTokenIsNotSet(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve("admin-token"), StubNode.TOKEN + "\n");
        node.on("GET", "/v1/functions", 200, "{\"functions\":[]}");

        Cli r = Cli.run(Map.of("GUST_NODE", node.url()), "--data", data.toString(), "ls");

        assertThat(r.exitCode()).isZero();
        assertThat(node.last().header("Authorization")).isEqualTo("Bearer " + StubNode.TOKEN);
    }

    @Test
    void globalOptions_workAfterTheCommandToo(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve("admin-token"), StubNode.TOKEN);
        node.on("GET", "/v1/functions", 200, "{\"functions\":[]}");

        Cli r = Cli.run(Map.of(), "ls", "--node", node.url(), "--data", data.toString());

        assertThat(r.exitCode()).isZero();
    }

    @Test
    void wrongTokenInTheDataDirectory_saysWhichFileItCameFrom(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve("admin-token"), "from-another-node");

        Cli r = Cli.run(Map.of("GUST_NODE", node.url()), "--data", data.toString(), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("missing or wrong admin token (the token came from "
                + data.resolve("admin-token") + ")\n");
    }

    @Test
    void missingToken_saysWhereItLooked(@TempDir Path data) {
        Cli r = Cli.run(Map.of("GUST_NODE", node.url()), "--data", data.toString(), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("no admin token: looked in GUST_TOKEN (not set) and "
                + data.resolve("admin-token"));
        assertThat(node.received()).extracting(StubNode.Received::pathAndQuery).containsOnly("/healthz");
    }

    @Test
    void wrongToken_printsTheServersMessage_andWhereTheTokenCameFrom() {
        Cli r = Cli.run(Map.of("GUST_NODE", node.url(), "GUST_TOKEN", "stale"), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("missing or wrong admin token (the token came from GUST_TOKEN)\n");
    }

    @Test
    void rm_removesTheFunction() {
        node.on("DELETE", "/v1/functions/hello", 204, Map.of(), "");

        Cli r = Cli.run(node.env(), "rm", "hello");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("removed hello\n");
        assertThat(node.last().method()).isEqualTo("DELETE");
    }

    @Test
    void rm_ofUnknownFunction_printsTheServersMessage_andExitsOne() {
        node.on("DELETE", "/v1/functions/nope", 404,
                "{\"error\":{\"type\":\"FunctionNotFound\",\"message\":\"no function named nope\"}}");

        Cli r = Cli.run(node.env(), "rm", "nope");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("no function named nope\n");
    }

    @Test
    void serverErrorWithoutJson_saysTheStatus() {
        node.on("GET", "/v1/functions", 500, Map.of(), "boom");

        Cli r = Cli.run(node.env(), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("the node answered 500\n");
    }

    @Test
    void invocations_passesFilters_andPrintsATable() {
        node.on("GET", "/v1/invocations", 200, """
                {"invocations":[
                 {"id":"0193aa00000011112222333344445555","function":"hello","version":3,"trigger":"http",
                  "start":"2026-01-01T11:59:00.123456Z","durationMs":12,"billedDurationMs":13,"initDurationMs":240,
                  "memoryMb":256,"status":"ERROR","errorType":"IllegalArgumentException","errorMessage":"bad"}]}""");

        Cli r = Cli.run(node.env(), "invocations", "--function", "hello", "--status", "error", "--limit", "5");

        assertThat(r.exitCode()).isZero();
        assertThat(node.last().pathAndQuery()).isEqualTo("/v1/invocations?function=hello&status=ERROR&limit=5");
        assertThat(r.out()).isEqualTo("""
                ID                                START                     FUNCTION  VERSION  STATUS  DURATION  BILLED  COLD    ERROR
                0193aa00000011112222333344445555  2026-01-01T11:59:00.123Z  hello     3        ERROR   12 ms     13 ms   240 ms  IllegalArgumentException
                """);
    }

    @Test
    void usage_printsPerFunctionRows_aTotal_andThePrice() {
        node.on("GET", "/v1/usage", 200, """
                {"from":"2026-01-01T11:00:00Z","to":"2026-01-01T12:00:00Z",
                 "functions":[{"function":"hello","requests":1200,"billedMs":15600,"gbSeconds":3.9,"errors":2,"cost":0.0000652}],
                 "total":{"requests":1200,"gbSeconds":3.9,"cost":0.0000652},
                 "price":{"perMillionRequests":0.2,"perGbSecond":0.0000166667}}""");

        Cli r = Cli.run(node.env(), "usage", "--since", "1h");

        assertThat(node.last().pathAndQuery()).isEqualTo("/v1/usage?since=1h");
        assertThat(r.out()).isEqualTo("""
                usage from 2026-01-01T11:00:00.000Z to 2026-01-01T12:00:00.000Z
                FUNCTION  REQUESTS  GB-S   COST
                hello     1200      3.900  $0.000065
                TOTAL     1200      3.900  $0.000065
                price: $0.2 per million requests, $1.66667E-5 per GB-second
                """);
    }

    @Test
    void logs_printsTimeShortInvocationAndMessage_passingFilters() {
        node.on("GET", "/v1/functions/hello/logs", 200, """
                {"lines":[
                 {"time":"2026-01-01T11:59:00.5Z","invocationId":"0193aa0000001111deadbeef","message":"handling Ada"},
                 {"time":"2026-01-01T11:59:01Z","invocationId":null,"message":"instance ready"}]}""");

        Cli r = Cli.run(node.env(), "logs", "hello", "--since", "10m", "--invocation", "abc", "--limit", "7");

        assertThat(r.exitCode()).isZero();
        assertThat(node.last().pathAndQuery()).isEqualTo("/v1/functions/hello/logs?since=10m&invocation=abc&limit=7");
        assertThat(r.out()).isEqualTo("""
                2026-01-01T11:59:00.500Z  deadbeef  handling Ada
                2026-01-01T11:59:01.000Z  -         instance ready
                """);
    }

    @Test
    void logsFollow_printsEachEventOfTheStream_untilItEnds() {
        node.on("GET", "/v1/functions/hello/logs", 200, Map.of("Content-Type", "text/event-stream"), """
                : keep-alive

                data: {"time":"2026-01-01T11:59:00Z","invocationId":"0193aa0000001111aaaaaaaa","message":"one"}

                data: {"time":"2026-01-01T11:59:02Z","invocationId":"0193aa0000001111bbbbbbbb","message":"two"}

                """);

        Cli r = Cli.run(node.env(), "logs", "hello", "--follow");

        assertThat(r.exitCode()).isZero();
        assertThat(node.last().pathAndQuery()).contains("follow=true");
        assertThat(node.last().header("Accept")).isEqualTo("text/event-stream");
        assertThat(r.out()).isEqualTo("""
                2026-01-01T11:59:00.000Z  aaaaaaaa  one
                2026-01-01T11:59:02.000Z  bbbbbbbb  two
                """);
    }

    @Test
    void logs_ofUnknownFunction_printsTheServersMessage() {
        Cli r = Cli.run(node.env(), "logs", "nope", "-f");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("no such thing: /v1/functions/nope/logs");
    }

    @Test
    void functionNames_areEncodedIntoThePath() {
        node.on("DELETE", "/v1/functions/a b", 204, Map.of(), "");

        Cli.run(node.env(), "rm", "a b");

        assertThat(node.last().pathAndQuery()).isEqualTo("/v1/functions/a%20b");
        assertThat(new String(node.last().body(), StandardCharsets.UTF_8)).isEmpty();
    }
}
