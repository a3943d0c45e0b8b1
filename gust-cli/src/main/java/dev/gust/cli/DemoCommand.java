package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.server.GustServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a node like 'up', deploys every example app under $GUST_HOME/examples,",
            "and says what to try next. Ctrl-C drains and stops it."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Mixin
    private DataOption dataOption;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions options;

    @Override
    public Integer call() throws InterruptedException {
        Path home = Path.of(root.env().getOrDefault("GUST_HOME", "."));
        try (GustServer server = UpCommand.start(options.toConfig(spec, root.dataDir(dataOption)))) {
            String host = UpCommand.hostFor(options.bind);
            root.out().print(UpCommand.describe(server.sandbox(), host, server.httpPort(), server.adminPort(),
                    root.dataDir(dataOption)));
            var client = AdminClient.create(new NodeAddress(URI.create("http://" + host + ":" + server.adminPort()),
                    Optional.of(server.adminToken()), "the node this command started"));
            List<Deployed> deployed = deployAll(client, exampleApps(home));
            root.out().print(nextSteps(deployed, "http://" + host + ":" + server.httpPort(), home));
            root.out().flush();
            UpCommand.awaitStopped(server);
        }
        return Main.OK;
    }

    /** An app the demo deployed: its directory and the node's answer. */
    record Deployed(Path dir, JsonNode result) {
    }

    private List<Deployed> deployAll(AdminClient client, List<Path> apps) throws InterruptedException {
        List<Deployed> deployed = new ArrayList<>();
        for (Path app : apps) {
            try {
                JsonNode result = Deployer.deploy(client, app, root.err());
                root.out().print(Deployer.summary(result));
                deployed.add(new Deployed(app, result));
            } catch (CliException e) {
                root.err().println(e.getMessage());
            }
        }
        return deployed;
    }

    /** @return the directories {@code <home>/examples/*} that hold a {@code gust.yaml}, sorted */
    static List<Path> exampleApps(Path home) {
        Path examples = home.resolve("examples");
        if (!Files.isDirectory(examples)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(examples)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(Bundle.MANIFEST))).sorted().toList();
        } catch (IOException e) {
            throw new CliException("cannot list " + examples + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return commands to try against what was deployed: per app, the commands its {@code gust.yaml}
     *     suggests in its comments, or else a curl per plain route; then the CLI's tour
     */
    static String nextSteps(List<Deployed> deployed, String gateway, Path home) {
        if (deployed.isEmpty()) {
            return "\nNo example apps deployed (looked in " + home.resolve("examples")
                    + "); deploy one with ./gust deploy DIR\n";
        }
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Deployed app : deployed) {
            List<String> suggested = suggested(app.dir(), gateway);
            lines.addAll(suggested);
            for (JsonNode fn : app.result().path("functions")) {
                first = first == null ? fn.path("name").asText() : first;
                if (suggested.isEmpty()) {
                    fn.path("routes").forEach(r -> curl(r.asText(), gateway).ifPresent(lines::add));
                }
            }
        }
        lines.add("./gust invoke " + first + " --data '{\"name\":\"Ada\"}' -v");
        lines.add("./gust ls");
        lines.add("./gust logs " + first + " --follow");
        lines.add("./gust invocations");
        lines.add("./gust usage");
        return "\nTry:\n" + String.join("\n", lines).indent(2);
    }

    /**
     * @return the {@code curl} and {@code ./gust} commands (except deploy) that the manifest's comments
     *     suggest, written {@code #   command}, with {@code localhost:8080} pointed at this gateway
     */
    static List<String> suggested(Path app, String gateway) {
        List<String> lines;
        try {
            lines = Files.readAllLines(app.resolve(Bundle.MANIFEST));
        } catch (IOException e) {
            return List.of();
        }
        return lines.stream().filter(l -> l.startsWith("#   "))
                .map(l -> l.substring(1).strip().replaceFirst("#.*$", "").strip())
                .filter(l -> l.startsWith("curl ") || (l.startsWith("./gust ") && !l.startsWith("./gust deploy")))
                .map(l -> l.replace("http://localhost:8080", gateway).replace("localhost:8080", gateway))
                .toList();
    }

    private static Optional<String> curl(String route, String gateway) {
        String[] parts = route.split(" ", 2);
        if (parts.length != 2 || parts[1].contains("{")) {
            return Optional.empty();
        }
        String url = "'" + gateway + parts[1] + "'";
        return Optional.of(switch (parts[0]) {
            case "GET", "ANY" -> "curl '" + gateway + parts[1] + "?name=Ada'";
            default -> "curl -X " + parts[0] + " " + url + " -H 'content-type: application/json' -d '{\"name\":\"Ada\"}'";
        });
    }
}
