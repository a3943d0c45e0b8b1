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
                NAME   VERSION  MEMORY  WARM  BUSY  COLD  LAST INVOKED  ROUTES
                hello  3        256 MB  2     1     -     5m ago        GET /hello
                greet  1        512 MB  0     0     -     never         POST /greet, GET /greet
                """);
    }

    @Test
    void lsTable_showsColdStartsWithTheirMostFrequentReason_thenOneLinePerStemCellClass() throws IOException {
        String table = LsCommand.table(json("""
                [{"name":"hello","version":3,"memory":256,"routes":[],
                  "instances":{"idle":1,"busy":0},"lastInvoked":"2026-01-01T11:59:00Z",
                  "coldStarts":{"total":14,"byMode":{"PLAIN":2,"AOT":0,"STEM_CELL":12},
                    "byReason":{"NEW_VERSION":2,"SCALE_OUT":3,"KEEP_ALIVE":9,"EVICTED":0,"CRASHED":0,"PREWARM":0}}},
                 {"name":"idle","version":1,"memory":512,"routes":[],
                  "instances":{"idle":0,"busy":0},"lastInvoked":null,
                  "coldStarts":{"total":0,"byMode":{"PLAIN":0,"AOT":0,"STEM_CELL":0},
                    "byReason":{"NEW_VERSION":0,"SCALE_OUT":0,"KEEP_ALIVE":0,"EVICTED":0,"CRASHED":0,"PREWARM":0}}},
                 {"name":"old","version":2,"memory":256,"routes":[],
                  "instances":{"idle":0,"busy":0},"lastInvoked":null,
                  "coldStarts":{"total":1,"byMode":{"PLAIN":0,"AOT":0,"STEM_CELL":0,"UNKNOWN":1},
                    "byReason":{"NEW_VERSION":0,"SCALE_OUT":0,"KEEP_ALIVE":0,"EVICTED":0,"CRASHED":0,"PREWARM":0,
                    "UNKNOWN":1}}}]"""), NOW);
        String cells = LsCommand.stemCells(json("""
                [{"memoryMb":256,"ready":2,"starting":0,"target":2,"launched":14,"handedOver":12,"lost":0},
                 {"memoryMb":512,"ready":0,"starting":1,"target":1,"launched":3,"handedOver":1,"lost":1}]"""));

        assertThat(table + cells).isEqualTo("""
                NAME   VERSION  MEMORY  WARM  BUSY  COLD             LAST INVOKED  ROUTES
                hello  3        256 MB  1     0     14 (keep-alive)  1m ago
                idle   1        512 MB  0     0     0                never
                old    2        256 MB  0     0     1 (unknown)      never
                stem cells 256 MB: 2 ready, 0 starting, target 2, 12 handed over
                stem cells 512 MB: 0 ready, 1 starting, target 1, 1 handed over, 1 lost
                """);
        assertThat(LsCommand.stemCells(json("[]"))).isEmpty();
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
    void invocationRecord_withABreakdown_showsHowAndWhyItStarted_andThePartsOfItsMode() throws IOException {
        String stem = InvokeCommand.describeRecord(json("""
                {"id":"inv-4","function":"hello","version":3,"durationMs":9,"billedDurationMs":4,"initDurationMs":4.7,
                 "memoryMb":256,"status":"SUCCESS","coldStart":{"mode":"STEM_CELL","reason":"KEEP_ALIVE",
                 "queueWaitMs":0.1,"sandboxMs":0.0,"jvmMs":0.0,"handOverMs":3.201,"classLoadMs":1.0,"initMs":0.4}}"""));
        String plain = InvokeCommand.describeRecord(json("""
                {"id":"inv-5","function":"hello","version":3,"durationMs":400,"billedDurationMs":4,
                 "memoryMb":256,"status":"SUCCESS","coldStart":{"mode":"PLAIN","reason":"NEW_VERSION",
                 "queueWaitMs":0.0,"sandboxMs":21.04,"jvmMs":312.55,"handOverMs":0.0,"classLoadMs":15.0,"initMs":5.0}}"""));

        assertThat(stem).contains(
                "cold start      stem cell, keep-alive: queue 0.1 ms, hand-over 3.2 ms, class load 1.0 ms, init 0.4 ms\n");
        assertThat(plain).contains("cold start      plain, new-version: queue 0.0 ms, sandbox 21.0 ms, jvm 312.6 ms,"
                + " class load 15.0 ms, init 5.0 ms\n");
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
