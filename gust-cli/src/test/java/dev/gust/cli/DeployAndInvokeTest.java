package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy and invoke, against the admin API contract. */
class DeployAndInvokeTest {
    private StubNode node;

    @TempDir
    Path app;

    @BeforeEach
    void start() throws IOException {
        node = new StubNode();
        Files.writeString(app.resolve("gust.yaml"), """
                app: hello
                functions:
                  hello:
                    runtime: java21
                    handler: dev.gust.examples.hello.Hello
                    code: target/hello.jar
                """);
        Files.createDirectories(app.resolve("target"));
        Files.write(app.resolve("target/hello.jar"), new byte[] {1, 2, 3});
        Files.writeString(app.resolve("README.md"), "not part of the bundle");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void deploy_uploadsManifestAndCode_andPrintsEachFunction() throws IOException {
        node.on("POST", "/v1/deployments", 200, """
                {"app":"hello","functions":[
                  {"name":"hello","version":3,"changed":true,"routes":["GET /hello"],
                   "warnings":["functions.hello.handler: class not found"]},
                  {"name":"bye","version":1,"changed":false,"routes":[],"warnings":[]}],
                 "warnings":["app-level note"]}""");

        Cli r = Cli.run(node.env(), "deploy", app.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                deployed app hello
                FUNCTION  VERSION  CHANGE     ROUTES
                hello     3        changed    GET /hello
                bye       1        unchanged
                warning: functions.hello.handler: class not found
                warning: app-level note
                """);
        StubNode.Received sent = node.last();
        assertThat(sent.header("Content-Type")).isEqualTo("application/zip");
        assertThat(entries(sent.body())).containsExactly("gust.yaml", "target/hello.jar");
        assertThat(sent.header("Content-Length")).isEqualTo(String.valueOf(sent.body().length));
    }

    @Test
    void deploy_showsUploadProgressOnStderr() {
        node.on("POST", "/v1/deployments", 200, "{\"app\":\"hello\",\"functions\":[],\"warnings\":[]}");

        Cli r = Cli.run(node.env(), "deploy", app.toString());

        int size = node.last().body().length;
        assertThat(r.err()).startsWith("\ruploading ").endsWith(Formats.bytes(size) + " / " + Formats.bytes(size) + "\n");
    }

    @Test
    void deploy_ofInvalidManifest_printsEveryProblem_andExitsOne() {
        node.on("POST", "/v1/deployments", 400, """
                {"error":{"type":"InvalidManifest","message":"gust.yaml has 2 problems","problems":[
                  {"path":"functions.hello.memory","message":"must be 128..10240 MB, was 64"},
                  {"path":"functions.hello.routes[0]","message":"method must be one of GET, POST"}]}}""");

        Cli r = Cli.run(node.env(), "deploy", app.toString());

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).endsWith("""
                deploy of %s failed: gust.yaml has 2 problems
                  functions.hello.memory: must be 128..10240 MB, was 64
                  functions.hello.routes[0]: method must be one of GET, POST
                """.formatted(app));
    }

    @Test
    void deploy_tooLarge_saysTheSize() {
        node.on("POST", "/v1/deployments", 413,
                "{\"error\":{\"type\":\"PayloadTooLarge\",\"message\":\"bundles are limited to 100 MB\"}}");

        Cli r = Cli.run(node.env(), "deploy", app.toString());

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("the node refused").contains("zipped): bundles are limited to 100 MB");
    }

    @Test
    void deploy_ofDirectoryWithoutManifest_saysSo(@TempDir Path empty) {
        Cli r = Cli.run(node.env(), "deploy", empty.toString());

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("no gust.yaml in " + empty);
        assertThat(node.received()).isEmpty();
    }

    @Test
    void invoke_sendsThePayload_andPrintsTheResult() {
        node.on("POST", "/v1/functions/hello/invocations", 200, "{\"message\":\"Hello, Ada\"}");

        Cli r = Cli.run(node.env(), "invoke", "hello", "--data", "{\"name\":\"Ada\"}");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("{\"message\":\"Hello, Ada\"}\n");
        assertThat(new String(node.last().body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(node.last().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void invoke_withoutData_sendsAnEmptyObject_andReadsFiles(@TempDir Path dir) throws IOException {
        node.on("POST", "/v1/functions/hello/invocations", 200, "null");

        Cli.run(node.env(), "invoke", "hello");
        assertThat(new String(node.last().body(), StandardCharsets.UTF_8)).isEqualTo("{}");

        Path payload = Files.writeString(dir.resolve("p.json"), "[1,2]");
        Cli.run(node.env(), "invoke", "hello", "--file", payload.toString());
        assertThat(new String(node.last().body(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }

    @Test
    void invoke_whenTheFunctionFails_printsTypeAndMessage_andExitsOne() {
        node.on("POST", "/v1/functions/hello/invocations", 502, """
                {"error":{"type":"IllegalArgumentException","message":"language must be one of [en]","invocationId":"inv-7"}}""");

        Cli r = Cli.run(node.env(), "invoke", "hello");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("IllegalArgumentException: language must be one of [en] (invocation inv-7)\n");
    }

    @Test
    void invoke_ofUnknownFunction_printsTheServersMessage() {
        Cli r = Cli.run(node.env(), "invoke", "nope");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("NotFound: no such thing: /v1/functions/nope/invocations\n");
    }

    @Test
    void invokeVerbose_printsTheInvocationRecord() {
        node.on("POST", "/v1/functions/hello/invocations", 200, Map.of("Gust-Invocation-Id", "inv-1"), "{}");
        node.on("GET", "/v1/invocations/inv-1", 200, """
                {"id":"inv-1","function":"hello","version":3,"trigger":"api","start":"2026-01-01T11:59:00Z",
                 "durationMs":260,"billedDurationMs":12,"initDurationMs":245,"memoryMb":256,"status":"SUCCESS",
                 "errorType":null,"errorMessage":null,"instanceId":"i-0a1b2c","traceId":"4bf92f3577b34da6a3ce929d0e0e4736",
                 "spanId":"00f067aa0ba902b7","parentSpanId":null,"correlationId":"c-42"}""");

        Cli r = Cli.run(node.env(), "invoke", "hello", "-v");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("{}\n");
        assertThat(r.err()).isEqualTo("""
                invocation      inv-1
                function        hello version 3
                status          SUCCESS
                duration        260 ms, billed 12 ms at 256 MB
                cold start      yes, init 245 ms
                instance        i-0a1b2c
                trace id        4bf92f3577b34da6a3ce929d0e0e4736
                correlation id  c-42
                """);
    }

    @Test
    void invokeVerbose_beforeTheRecordIsWritten_showsWhatTheHeadersSay() {
        node.on("POST", "/v1/functions/hello/invocations", 200, Map.of("Gust-Invocation-Id", "inv-2",
                "Gust-Cold-Start", "false", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "Gust-Correlation-Id", "c-43"), "{}");

        Cli r = Cli.run(node.env(), "invoke", "hello", "-v");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo("""
                invocation      inv-2
                cold start      no
                trace id        4bf92f3577b34da6a3ce929d0e0e4736
                correlation id  c-43
                """);
    }

    @Test
    void invokeVerbose_ofAFailure_alsoPrintsTheRecordsError() {
        node.on("POST", "/v1/functions/hello/invocations", 504, Map.of("Gust-Invocation-Id", "inv-3"),
                "{\"error\":{\"type\":\"Timeout\",\"message\":\"ran longer than 10s\",\"invocationId\":\"inv-3\"}}");
        node.on("GET", "/v1/invocations/inv-3", 200, """
                {"id":"inv-3","function":"hello","version":1,"durationMs":10001,"billedDurationMs":10000,
                 "memoryMb":256,"status":"TIMEOUT","errorType":"Timeout","errorMessage":"ran longer than 10s"}""");

        Cli r = Cli.run(node.env(), "invoke", "hello", "-v");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).startsWith("Timeout: ran longer than 10s (invocation inv-3)\n")
                .contains("status          TIMEOUT Timeout: ran longer than 10s")
                .contains("duration        10.0 s, billed 10.0 s at 256 MB")
                .contains("cold start      no");
    }
}
