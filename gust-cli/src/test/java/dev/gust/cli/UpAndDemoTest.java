package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.runtime.SandboxInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpAndDemoTest {

    @Test
    void up_onAPortInUse_exitsOneNamingThePort_andLeavesNothingRunning(@TempDir Path data) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            Cli r = Cli.live(Map.of(), "up", "--http-port", port, "--admin-port", "0", "--data", data.toString());

            assertThat(r.exitCode()).isEqualTo(Main.FAILED);
            assertThat(r.out()).doesNotContain("Gust node running");
            assertThat(r.err()).startsWith("could not start the node: ").contains("127.0.0.1:" + port)
                    .contains("choose another port");
        }
    }

    @Test
    void describe_showsPortsSandboxDataAndToken(@TempDir Path data) {
        String s = UpCommand.describe(new SandboxInfo("bwrap", "v1", Optional.empty()), "127.0.0.1", 8080, 8081, data);

        assertThat(s).isEqualTo("""
                Gust node running
                  gateway    http://127.0.0.1:8080
                  admin API  http://127.0.0.1:8081
                  sandbox    bwrap (cgroups v1)
                  data       %s
                  token      %s
                """.formatted(data, data.resolve("admin-token")));
    }

    @Test
    void describe_saysWhyTheSandboxFellBack() {
        var sandbox = new SandboxInfo("process", "none", Optional.of("bwrap is not installed"));

        assertThat(UpCommand.describe(sandbox, "127.0.0.1", 1, 2, Path.of("d")))
                .contains("sandbox    process (cgroups none), fell back because bwrap is not installed");
    }

    @Test
    void hostFor_anyAddress_isLocalhost() {
        assertThat(UpCommand.hostFor("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(UpCommand.hostFor("192.168.1.5")).isEqualTo("192.168.1.5");
    }

    @Test
    void exampleApps_areTheDirectoriesWithAManifest_sorted(@TempDir Path home) throws IOException {
        for (String d : List.of("zeta", "alpha", "no-manifest")) {
            Files.createDirectories(home.resolve("examples").resolve(d));
        }
        Files.writeString(home.resolve("examples/zeta/gust.yaml"), "app: zeta");
        Files.writeString(home.resolve("examples/alpha/gust.yaml"), "app: alpha");
        Files.writeString(home.resolve("examples/pom.xml"), "<project/>");

        assertThat(DemoCommand.exampleApps(home)).extracting(p -> p.getFileName().toString())
                .containsExactly("alpha", "zeta");
        assertThat(DemoCommand.exampleApps(home.resolve("nowhere"))).isEmpty();
    }

    @Test
    void nextSteps_offerACurlPerPlainRoute_andTheCliTour() throws IOException {
        JsonNode hello = AdminClient.JSON.readTree("""
                {"app":"hello","functions":[{"name":"hello","routes":["GET /hello","GET /users/{id}"]}]}""");
        JsonNode greeter = AdminClient.JSON.readTree("""
                {"app":"greeter","functions":[{"name":"greet","routes":["POST /greet"]}]}""");

        Path noManifest = Path.of("no-such-app");
        String s = DemoCommand.nextSteps(List.of(new DemoCommand.Deployed(noManifest, hello),
                new DemoCommand.Deployed(noManifest, greeter)), "http://127.0.0.1:8080", Path.of("."));

        assertThat(s).isEqualTo("""

                Try:
                  curl 'http://127.0.0.1:8080/hello?name=Ada'
                  curl -X POST 'http://127.0.0.1:8080/greet' -H 'content-type: application/json' -d '{"name":"Ada"}'
                  ./gust invoke hello --data '{"name":"Ada"}' -v
                  ./gust ls
                  ./gust logs hello --follow
                  ./gust invocations
                  ./gust usage
                """);
    }

    @Test
    void nextSteps_preferTheCommandsAnAppsManifestSuggests_pointedAtThisGateway(@TempDir Path app) throws IOException {
        Files.writeString(app.resolve("gust.yaml"), """
                # Orders.
                #   ./gust deploy examples/orders-java
                #   curl -X POST localhost:8080/orders -d '{"sku":"widget"}'
                #   ./gust invocations --correlation demo-1    # the whole chain
                # not a command
                app: orders
                """);
        JsonNode orders = AdminClient.JSON.readTree("""
                {"app":"orders","functions":[{"name":"place-order","routes":["POST /orders"]}]}""");

        String s = DemoCommand.nextSteps(List.of(new DemoCommand.Deployed(app, orders)), "http://127.0.0.1:9", app);

        assertThat(s).contains("  curl -X POST http://127.0.0.1:9/orders -d '{\"sku\":\"widget\"}'\n"
                + "  ./gust invocations --correlation demo-1\n  ./gust invoke place-order")
                .doesNotContain("deploy", "the whole chain", "content-type");
    }

    @Test
    void nextSteps_withNothingDeployed_saysWhereItLooked() {
        assertThat(DemoCommand.nextSteps(List.of(), "http://h:1", Path.of("/opt/gust")))
                .contains("No example apps deployed (looked in /opt/gust/examples)");
    }

    @Test
    void repositoryExamples_areFoundAndBundleTheirCodeAndSampleEvents() {
        Path home = Path.of("..").toAbsolutePath().normalize();

        assertThat(DemoCommand.exampleApps(home)).extracting(p -> p.getFileName().toString())
                .contains("hello-java", "greeter-java", "orders-java");
        assertThat(Bundle.codePaths(home.resolve("examples/hello-java/gust.yaml")))
                .containsExactly("target/hello-java.jar", "events/get-hello.json");
        assertThat(Bundle.codePaths(home.resolve("examples/greeter-java/gust.yaml")))
                .containsExactly("target/greeter-java.jar");
        assertThat(Bundle.codePaths(home.resolve("examples/orders-java/gust.yaml")))
                .containsOnly("target/function", "order-saga.asl.json");
    }
}
