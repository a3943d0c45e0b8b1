package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How each command lays out what a node answered, for answers a live node makes hard to pin down
 * (fixed times, warnings, a record not written yet). The commands themselves run against a real node
 * in {@link DeployAndInvokeTest} and {@link NodeCommandsTest}.
 */
class CommandOutputTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static JsonNode json(String text) throws IOException {
        return AdminClient.JSON.readTree(text);
    }

    private static AdminClient.Response response(int status, Map<String, List<String>> headers, String body) {
        return new AdminClient.Response(status, HttpHeaders.of(headers, (k, v) -> true),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deploySummary_showsEachFunctionsChange_thenEveryWarning() throws IOException {
        String s = Deployer.summary(json("""
                {"app":"hello","functions":[
                  {"name":"hello","version":3,"changed":true,"routes":["GET /hello"],
                   "warnings":["functions.hello.handler: class not found"]},
                  {"name":"bye","version":1,"changed":false,"routes":[],"warnings":[]}],
                 "warnings":["app-level note"]}"""));

        assertThat(s).isEqualTo("""
                deployed app hello
                FUNCTION  VERSION  CHANGE     ROUTES
                hello     3        changed    GET /hello
                bye       1        unchanged
                warning: functions.hello.handler: class not found
                warning: app-level note
                """);
    }

    @Test
    void deployRejectedAsTooLarge_saysTheZippedSize() {
        var client = AdminClient.create(NodeAddress.resolve(null, Path.of(".gust"), Map.of(), null));
        var r = response(413, Map.of(), "{\"error\":{\"type\":\"PayloadTooLarge\",\"message\":\"bundles are limited to 100 MB\"}}");

        assertThat(Deployer.rejected(client, r, Path.of("app"), 150L * 1024 * 1024))
                .hasMessage("the node refused app (150.0 MB zipped): bundles are limited to 100 MB");
    }

    @Test
    void lsTable_showsWarmAndBusyInstances_andWhenLastInvoked() throws IOException {
        String s = LsCommand.table(json("""
                [{"name":"hello","version":3,"memory":256,"routes":["GET /hello"],
                  "instances":{"starting":0,"idle":2,"busy":1,"draining":0},"lastInvoked":"2026-01-01T11:55:00Z"},
                 {"name":"greet","version":1,"memory":512,"routes":["POST /greet","GET /greet"],
                  "instances":{"starting":0,"idle":0,"busy":0,"draining":0},"lastInvoked":null}]"""), NOW);

        assertThat(s).isEqualTo("""
                NAME   VERSION  MEMORY  WARM  BUSY  LAST INVOKED  ROUTES
                hello  3        256 MB  2     1     5m ago        GET /hello
                greet  1        512 MB  0     0     never         POST /greet, GET /greet
                """);
    }

    @Test
    void schedulesTable_showsTargetNextSlotAndNeverForAScheduleThatHasNotFired() throws IOException {
        String s = SchedulesCommand.table(json("""
                [{"name":"nightly","app":"shop","expression":"cron(0 3 * * ? *)","zone":"Europe/Berlin",
                  "target":{"kind":"function","name":"report"},"catchUp":"latest",
                  "nextSlot":"2026-01-02T02:00:00Z","lastFired":null},
                 {"name":"tick","app":"shop","expression":"rate(5 minutes)","zone":"UTC",
                  "target":{"kind":"function","name":"poll"},"catchUp":"none",
                  "nextSlot":"2026-01-01T12:05:00Z","lastFired":"2026-01-01T12:00:00Z"}]"""));

        assertThat(s).isEqualTo("""
                NAME     EXPRESSION         ZONE           TARGET           CATCH-UP  NEXT                  LAST FIRED
                nightly  cron(0 3 * * ? *)  Europe/Berlin  function report  latest    2026-01-02T02:00:00Z  never
                tick     rate(5 minutes)    UTC            function poll    none      2026-01-01T12:05:00Z  2026-01-01T12:00:00Z
                """);
    }

    @Test
    void invocationsTable_showsTimesToTheMillisecond_andColdStartsAndErrors() throws IOException {
        String s = InvocationsCommand.table(json("""
                [{"id":"0193aa00000011112222333344445555","function":"hello","version":3,"trigger":"http",
                  "start":"2026-01-01T11:59:00.123456Z","durationMs":12,"billedDurationMs":13,"initDurationMs":240,
                  "memoryMb":256,"status":"ERROR","errorType":"IllegalArgumentException","errorMessage":"bad"}]"""));

        assertThat(s).isEqualTo("""
                ID                                START                     FUNCTION  VERSION  STATUS  DURATION  BILLED  COLD    ERROR
                0193aa00000011112222333344445555  2026-01-01T11:59:00.123Z  hello     3        ERROR   12 ms     13 ms   240 ms  IllegalArgumentException
                """);
    }

    @Test
    void usageTable_showsRowsATotalAndThePrice() throws IOException {
        String s = UsageCommand.table(json("""
                {"from":"2026-01-01T11:00:00Z","to":"2026-01-01T12:00:00Z",
                 "functions":[{"function":"hello","requests":1200,"billedMs":15600,"gbSeconds":3.9,"errors":2,"cost":0.0000652}],
                 "total":{"requests":1200,"gbSeconds":3.9,"cost":0.0000652},
                 "price":{"perMillionRequests":0.2,"perGbSecond":0.0000166667}}"""));

        assertThat(s).isEqualTo("""
                usage from 2026-01-01T11:00:00.000Z to 2026-01-01T12:00:00.000Z
                FUNCTION  REQUESTS  GB-S   COST
                hello     1200      3.900  $0.000065
                TOTAL     1200      3.900  $0.000065
                price: $0.2 per million requests, $1.66667E-5 per GB-second
                """);
    }

    @Test
    void invocationRecord_ofAColdStart_andOfATimeout() throws IOException {
        assertThat(InvokeCommand.describeRecord(json("""
                {"id":"inv-1","function":"hello","version":3,"durationMs":260,"billedDurationMs":12,"initDurationMs":245,
                 "memoryMb":256,"status":"SUCCESS","errorType":null,"instanceId":"i-0a1b2c",
                 "traceId":"4bf92f3577b34da6a3ce929d0e0e4736","correlationId":"c-42"}"""))).isEqualTo("""
                invocation      inv-1
                function        hello version 3
                status          SUCCESS
                duration        260 ms, billed 12 ms at 256 MB
                cold start      yes, init 245 ms
                instance        i-0a1b2c
                trace id        4bf92f3577b34da6a3ce929d0e0e4736
                correlation id  c-42
                """);
        assertThat(InvokeCommand.describeRecord(json("""
                {"id":"inv-3","function":"hello","version":1,"durationMs":10001,"billedDurationMs":10000,
                 "memoryMb":256,"status":"TIMEOUT","errorType":"Timeout","errorMessage":"ran longer than 10s"}""")))
                .contains("status          TIMEOUT Timeout: ran longer than 10s")
                .contains("duration        10.0 s, billed 10.0 s at 256 MB")
                .contains("cold start      no");
    }

    @Test
    void invocationHeaders_sayMostOfTheRecord_beforeItIsWritten() {
        var r = response(200, Map.of("Gust-Invocation-Id", List.of("inv-2"), "Gust-Cold-Start", List.of("false"),
                "traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                "Gust-Correlation-Id", List.of("c-43")), "{}");

        assertThat(InvokeCommand.describeHeaders(r)).isEqualTo("""
                invocation      inv-2
                cold start      no
                trace id        4bf92f3577b34da6a3ce929d0e0e4736
                correlation id  c-43
                """);
    }

    @Test
    void followedLogEvents_skipCommentsAndBlankLines() {
        assertThat(LogsCommand.eventData(": keep-alive")).isEmpty();
        assertThat(LogsCommand.eventData("")).isEmpty();
        assertThat(LogsCommand.eventData("data: {\"message\":\"one\"}")).hasValueSatisfying(
                l -> assertThat(l.path("message").asText()).isEqualTo("one"));
    }

    @Test
    void functionNames_areEncodedAsOnePathSegment() {
        assertThat(AdminClient.segment("a b/c")).isEqualTo("a%20b%2Fc");
    }
}
