package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.protocol.Frame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A stem cell driven in-process: waiting for {@code Specialize}, and every way a specialisation is
 * refused. (The environment patch itself needs a process of its own: {@link StemCellProcessTest}.)
 */
class StemCellTest {
    private static final Map<String, String> STEM = Map.of(StemCell.FLAG, "1", "GUST_INSTANCE_ID", "stem-7");

    @Test
    void awaitSpecialize_whenNodeSendsShutdown_exitsZeroHavingSentOnlyHello() throws Exception {
        try (var node = FakeNode.start("<unset>", STEM)) {
            assertThat(node.first(Frame.Hello.class).instanceId()).isEqualTo("stem-7");
            node.send(new Frame.Shutdown());
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_OK);
            assertThat(node.frames()).singleElement().isInstanceOf(Frame.Hello.class);
            assertThat(node.diagnostics()).isEmpty();
        }
    }

    @Test
    void awaitSpecialize_whenNodeHangsUp_exitsZero() throws Exception {
        try (var node = FakeNode.start("<unset>", STEM)) {
            node.first(Frame.Hello.class);
            node.hangUp();
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_OK);
        }
    }

    @Test
    void awaitSpecialize_whenAnotherFrameComes_exitsBrokenNamingTheFrame() throws Exception {
        try (var node = FakeNode.start("<unset>", STEM)) {
            node.first(Frame.Hello.class);
            node.startInvoke("inv-1", "{}");
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_BROKEN);
            assertThat(node.diagnostics()).contains("a stem cell expects Specialize or Shutdown after Hello, got Invoke[");
            assertThat(node.frames()).singleElement().isInstanceOf(Frame.Hello.class);
        }
    }

    @Test
    void specialize_whenTheHandlerIsMissing_failsInitNamingTheVariableAndExits3() throws Exception {
        var environment = function("dev.gust.worker.fixtures.Greeter");
        environment.remove("GUST_HANDLER");
        assertThat(specializeAndFail(environment, Map.of())).contains("GUST_HANDLER: must be set");
    }

    @Test
    void specialize_whenANameCannotBeAnEnvironmentVariable_failsInitNamingIt() throws Exception {
        var environment = function("dev.gust.worker.fixtures.Greeter");
        environment.put("A=B", "x");
        assertThat(specializeAndFail(environment, Map.of()))
                .contains("'A=B': a variable's name must be non-empty, without '=' or NUL");
    }

    @Test
    void specialize_whenTheFunctionNeedsAnotherLocaleThanTheJvmStartedWith_failsInitNamingEachVariable()
            throws Exception {
        var environment = function("dev.gust.worker.fixtures.Greeter");
        environment.put("LANG", "de_DE.UTF-8");
        environment.put("LC_ALL", "de_DE.UTF-8");
        assertThat(specializeAndFail(environment, Map.of("LANG", "C.UTF-8")))
                .contains("LANG: the JVM read it at start as 'C.UTF-8', the function needs 'de_DE.UTF-8'")
                .contains("LC_ALL: the JVM read it at start as unset, the function needs 'de_DE.UTF-8'")
                .contains("start a worker for this function");
    }

    @Test
    void specialize_insideAnotherProgram_refusesRatherThanServeWithTheWrongEnvironment() throws Exception {
        assertThat(specializeAndFail(function("dev.gust.worker.fixtures.Greeter"), Map.of()))
                .contains("the stem cell cannot take the function's environment: this worker runs inside another program");
    }

    @Test
    void environment_isTheSpecializeMapPlusTheStemCellsCodeAndSocket_withoutTheFlag() throws Exception {
        Map<String, String> own = Map.of("GUST_CODE", "/var/task", "GUST_SOCKET", "/run/node.sock", StemCell.FLAG, "1",
                "GUST_INSTANCE_ID", "stem-7", "LEFTOVER", "from the launch");
        Map<String, String> specialized = Map.of("GUST_HANDLER", "com.example.Hello", "GUST_CODE", "/elsewhere",
                StemCell.FLAG, "1", "GUST_INSTANCE_ID", "i-1", "GREETING", "hi");
        assertThat(StemCell.environment(own, specialized)).isEqualTo(Map.of("GUST_HANDLER", "com.example.Hello",
                "GUST_CODE", "/var/task", "GUST_SOCKET", "/run/node.sock", "GUST_INSTANCE_ID", "i-1", "GREETING", "hi"));
    }

    @Test
    void environment_whenAValueHoldsNul_isRefusedNamingTheVariable() {
        assertThatThrownBy(() -> StemCell.environment(Map.of(), Map.of("SECRET", "a\0b")))
                .isInstanceOf(StemCell.InvalidSpecializeException.class)
                .hasMessageContaining("SECRET: a value must not contain NUL");
    }

    @Test
    void warmUp_leavesNoThreadNoPropertyNoOutputAndTheContextLoaderAsItWas() {
        var threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
        Properties propertiesBefore = (Properties) System.getProperties().clone();
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        var diagnostics = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;

        new WarmUp(new JsonCodec(), MonotonicClock.create(), new PrintStream(diagnostics, true, StandardCharsets.UTF_8))
                .run();

        assertThat(diagnostics.toString(StandardCharsets.UTF_8)).as("warm-up failures").isEmpty();
        assertThat(threadsBefore).containsAll(Thread.getAllStackTraces().keySet());
        assertThat(System.getProperties()).isEqualTo(propertiesBefore);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(contextLoader);
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
    }

    /** @return the environment a node would send for {@code handler} (no GUST_CODE: the stem cell keeps its own) */
    private static Map<String, String> function(String handler) {
        var environment = new HashMap<>(FakeNode.environment(handler, Map.of("GUST_INSTANCE_ID", "i-1")));
        environment.remove("GUST_CODE");
        return environment;
    }

    /** @return the InitFailed message a stem cell started with {@code own} sends for {@code environment} */
    private static String specializeAndFail(Map<String, String> environment, Map<String, String> own) throws Exception {
        var stem = new HashMap<>(STEM);
        stem.putAll(own);
        try (var node = FakeNode.start("<unset>", stem)) {
            node.first(Frame.Hello.class);
            node.send(new Frame.Specialize(environment));
            Frame startup = node.startup();
            assertThat(startup).isInstanceOf(Frame.InitFailed.class);
            assertThat(node.awaitExit()).isEqualTo(Worker.EXIT_INIT_FAILED);
            Frame.ErrorInfo error = ((Frame.InitFailed) startup).error();
            assertThat(error.errorType()).isEqualTo("InitError");
            return error.message();
        }
    }
}
