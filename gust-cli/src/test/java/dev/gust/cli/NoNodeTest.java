package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoNodeTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void ls_withNoNode_saysHowToStartOne_andExitsOne() throws IOException {
        int port = freePort();

        Cli r = Cli.run(Map.of("GUST_NODE", "http://127.0.0.1:" + port, "GUST_TOKEN", "t"), "ls");

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).isEqualTo("no node at 127.0.0.1:" + port + ": start one with ./gust up\n");
    }

    @Test
    void anyCommand_withNoNodeAndNoToken_saysThereIsNoNode(@TempDir Path data) throws IOException {
        int port = freePort();
        Map<String, String> env = Map.of("GUST_NODE", "http://127.0.0.1:" + port);

        for (String[] args : new String[][] {{"invoke", "hello"}, {"rm", "hello"}, {"usage"}, {"logs", "hello"}}) {
            String[] withData = java.util.stream.Stream.concat(java.util.stream.Stream.of("--data", data.toString()),
                    java.util.Arrays.stream(args)).toArray(String[]::new);
            Cli r = Cli.run(env, withData);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(Main.FAILED);
            assertThat(r.err()).as(String.join(" ", args)).contains("no node at 127.0.0.1:" + port);
        }
    }

    @Test
    void deploy_withNoNode_saysThereIsNoNode(@TempDir Path app) throws IOException {
        Files.writeString(app.resolve("gust.yaml"), "app: x\n");

        Cli r = Cli.run(Map.of("GUST_NODE", "http://127.0.0.1:" + freePort(), "GUST_TOKEN", "t"),
                "deploy", app.toString());

        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("no node at 127.0.0.1:").contains("./gust up");
    }

    @Test
    void defaultNode_isLocalhost8081() {
        var address = NodeAddress.resolve(null, Path.of(".gust"), Map.of(), null);

        assertThat(address.base()).hasToString("http://127.0.0.1:8081");
        assertThat(address.hostPort()).isEqualTo("127.0.0.1:8081");
    }
}
