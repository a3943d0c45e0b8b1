package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerStartupTest {

    @Test
    void run_sendsHelloWithInstanceIdThenReady() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Greeter", Map.of())) {
            Frame startup = node.startup();
            Frame.Hello hello = (Frame.Hello) node.frames().getFirst();
            assertThat(hello.instanceId()).isEqualTo("i-test");
            assertThat(hello.vmStartEpochMicros()).isPositive().isLessThanOrEqualTo(hello.connectedEpochMicros());
            assertThat(startup).isInstanceOfSatisfying(Frame.Ready.class, ready -> {
                assertThat(ready.classLoadMicros()).isNotNegative();
                assertThat(ready.initMicros()).isNotNegative();
            });
        }
    }

    @Test
    void start_whenHandlerClassIsMissing_failsInitNamingTheClassAndWhereItLooked() throws Exception {
        try (var node = FakeNode.start("com.example.Missing", Map.of())) {
            Frame.ErrorInfo error = initError(node);
            assertThat(error.message()).contains("handler class com.example.Missing not found in")
                    .contains(FakeNode.testClasses().getFileName().toString());
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_INIT_FAILED);
        }
    }

    @Test
    void start_whenConstructorThrows_failsInitWithTheCauseAndItsTrace() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.BrokenConstructor", Map.of())) {
            Frame.ErrorInfo error = initError(node);
            assertThat(error.message()).isEqualTo("handler dev.gust.worker.fixtures.BrokenConstructor: "
                    + "constructor threw IllegalStateException: database unreachable");
            assertThat(error.stackTrace()).first().asString()
                    .startsWith("dev.gust.worker.fixtures.BrokenConstructor.connect(BrokenConstructor.java:");
            assertThat(error.stackTrace()).noneMatch(line -> line.startsWith("dev.gust.worker.HandlerLoader"));
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_INIT_FAILED);
        }
    }

    @Test
    void start_whenInitThrows_failsInitNamingTheHandler() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.BrokenInit", Map.of())) {
            assertThat(initError(node).message()).isEqualTo("handler dev.gust.worker.fixtures.BrokenInit: "
                    + "init threw IllegalArgumentException: missing setting TABLE");
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_INIT_FAILED);
        }
    }

    @Test
    void start_whenClassIsNoKindOfHandler_failsInitSayingWhatWasExpected() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.NotAHandler", Map.of())) {
            assertThat(initError(node).message())
                    .contains("dev.gust.worker.fixtures.NotAHandler implements none of dev.gust.sdk.Handler, "
                            + "java.util.function.Function, com.amazonaws.services.lambda.runtime.RequestHandler")
                    .contains("dev.gust.worker.fixtures.NotAHandler::method");
        }
    }

    @Test
    void start_whenNamedMethodIsMissingOrHasNoInput_failsInitDescribingTheExpectedMethod() throws Exception {
        for (String method : new String[] {"absent", "noInput"}) {
            try (var node = FakeNode.start("dev.gust.worker.fixtures.Methods::" + method, Map.of())) {
                assertThat(initError(node).message()).contains("handler method dev.gust.worker.fixtures.Methods::"
                        + method + " not found: expected a public method " + method + "(input) or " + method
                        + "(input, dev.gust.sdk.Context)");
            }
        }
    }

    @Test
    void start_whenNamedMethodIsOverloaded_failsInitAsAmbiguous() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Methods::twice", Map.of())) {
            assertThat(initError(node).message()).contains("Methods::twice is ambiguous");
        }
    }

    @Test
    void start_whenEnvironmentIsIncomplete_failsInitNamingEveryBadVariable() throws Exception {
        try (var node = FakeNode.start("not a class!", Map.of("GUST_MEMORY_MB", "lots", "GUST_FUNCTION_NAME",
                "<unset>", "GUST_LOG_CAP_BYTES", "-1"))) {
            assertThat(initError(node).message()).contains("GUST_FUNCTION_NAME: must be set")
                    .contains("GUST_MEMORY_MB: must be a whole number in 1..2147483647, got 'lots'")
                    .contains("GUST_LOG_CAP_BYTES: must be a whole number")
                    .contains("GUST_HANDLER: must be a class name, optionally followed by ::method");
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_INIT_FAILED);
        }
    }

    @Test
    void start_whenCodeDirectoryIsMissing_failsInitSayingSo() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Greeter", Map.of("GUST_CODE", "/no/such/code"))) {
            assertThat(initError(node).message()).contains("code directory /no/such/code does not exist");
        }
    }

    @Test
    void connectAndRun_withoutSocket_exitsBrokenAndSaysWhichVariable() {
        var diagnostics = new java.io.ByteArrayOutputStream();
        int status = Main.connectAndRun(Map.of(), new java.io.PrintStream(diagnostics, true));
        assertThat(status).isEqualTo(Worker.EXIT_BROKEN);
        assertThat(diagnostics.toString()).contains("GUST_CHANNEL or GUST_SOCKET: one must be set");
    }

    @Test
    void connectAndRun_whenNobodyHoldsTheOtherEndsOfItsFifos_givesUpAndExitsBroken(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        for (String fifo : List.of("to-worker", "from-worker")) {
            assertThat(new ProcessBuilder("mkfifo", dir.resolve(fifo).toString()).start().waitFor()).isZero();
        }
        var diagnostics = new java.io.ByteArrayOutputStream();

        int status = Main.connectAndRun(Map.of("GUST_CHANNEL", dir.toString()), new java.io.PrintStream(diagnostics, true),
                java.time.Duration.ofMillis(300));

        assertThat(status).isEqualTo(Worker.EXIT_BROKEN);
        assertThat(diagnostics.toString()).contains("did not open within 300 ms: the node is gone");
    }

    @Test
    void connectAndRun_withAnEmptyChannelDirectory_exitsBrokenNamingWhereItLooked(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path empty) {
        var diagnostics = new java.io.ByteArrayOutputStream();
        int status = Main.connectAndRun(Map.of("GUST_CHANNEL", empty.toString()),
                new java.io.PrintStream(diagnostics, true));
        assertThat(status).isEqualTo(Worker.EXIT_BROKEN);
        assertThat(diagnostics.toString()).contains("cannot connect to the node at " + empty.resolve("worker.sock"));
    }

    @Test
    void run_whenNodeHangsUp_exitsZero() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Greeter", Map.of())) {
            node.startup();
            node.hangUp();
            assertThat(node.awaitExit()).isZero();
        }
    }

    private static Frame.ErrorInfo initError(FakeNode node) {
        Frame startup = node.startup();
        assertThat(startup).isInstanceOf(Frame.InitFailed.class);
        Frame.ErrorInfo error = ((Frame.InitFailed) startup).error();
        assertThat(error.errorType()).isEqualTo("InitError");
        return error;
    }
}
