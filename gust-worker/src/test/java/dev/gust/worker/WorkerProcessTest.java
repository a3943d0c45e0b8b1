package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worker as the node runs it: {@code java -cp ... dev.gust.worker.Main} in a child process. */
class WorkerProcessTest {

    @Test
    void main_asChildProcess_servesAnInvocationCapturesItsOutputAndExitsOnShutdown() throws Exception {
        try (var node = FakeNode.listening()) {
            Process process = launch(node, "dev.gust.worker.fixtures.Printer", List.of());
            try {
                node.accept();
                assertThat(node.startup()).isInstanceOf(Frame.Ready.class);
                Frame.Result result = node.invoke("inv-1", "{\"tag\":\"p\",\"lines\":2,\"lineLength\":3}");
                assertThat(HandlerKindsTest.json(result)).isEqualTo("\"printed p\"");
                assertThat(node.lines("inv-1", Frame.Stream.STDOUT)).containsExactly("out p", "thread p", "xxx", "xxx");
                assertThat(node.lines("inv-1", Frame.Stream.STDERR)).containsExactly("err p");
                node.send(new Frame.Shutdown());
                assertThat(awaitExit(process)).isZero();
                assertThat(output(node)).isEmpty();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void main_whenHandlerRunsOutOfMemory_reportsOutOfMemoryAndExits4() throws Exception {
        try (var node = FakeNode.listening()) {
            Process process = launch(node, "dev.gust.worker.fixtures.Hog", List.of("-Xmx32m"));
            try {
                node.accept();
                assertThat(node.startup()).isInstanceOf(Frame.Ready.class);
                Frame.Result result = node.invoke("inv-1", "{}");
                assertThat(result.ok()).isFalse();
                assertThat(result.error().errorType()).isEqualTo("OutOfMemory");
                assertThat(result.error().message()).contains("memory limit 64 MB");
                assertThat(awaitExit(process)).isEqualTo(Worker.EXIT_OUT_OF_MEMORY);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void main_whenHandlerCannotBeLoaded_sendsInitFailedAndExits3() throws Exception {
        try (var node = FakeNode.listening()) {
            Process process = launch(node, "com.example.Missing", List.of());
            try {
                node.accept();
                assertThat(node.startup()).isInstanceOf(Frame.InitFailed.class);
                assertThat(awaitExit(process)).isEqualTo(Worker.EXIT_INIT_FAILED);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static Process launch(FakeNode node, String handler, List<String> jvmOptions) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(FakeNode.environment(handler, Map.of("GUST_SOCKET", node.socket().toString(),
                "GUST_MEMORY_MB", "64")));
        builder.redirectErrorStream(true);
        builder.redirectOutput(node.dir().resolve("process-output.txt").toFile());
        return builder.start();
    }

    private static int awaitExit(Process process) throws InterruptedException {
        assertThat(process.waitFor(FakeNode.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("worker exited").isTrue();
        return process.exitValue();
    }

    /** @return what the process wrote to its own stdout and stderr: only the worker's diagnostics */
    private static String output(FakeNode node) throws IOException {
        return java.nio.file.Files.readString(node.dir().resolve("process-output.txt"), StandardCharsets.UTF_8);
    }
}
