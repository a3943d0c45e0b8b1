package dev.gust.cli;

import dev.gust.runtime.SandboxInfo;
import dev.gust.server.GustServer;
import dev.gust.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs a node in this process until Ctrl-C, which drains and stops it.",
            "Creates the data directory and its admin token on first start."})
final class UpCommand implements Callable<Integer> {
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
        try (GustServer server = start(options.toConfig(spec, root.dataDir(dataOption)))) {
            root.out().print(describe(server.sandbox(), hostFor(options.bind), server.httpPort(),
                    server.adminPort(), root.dataDir(dataOption)));
            root.out().println("Ctrl-C drains and stops the node.");
            root.out().flush();
            awaitStopped(server);
        }
        return Main.OK;
    }

    /** @return the running node; a start failure becomes a message naming what failed */
    static GustServer start(ServerConfig config) {
        try {
            return GustServer.start(config);
        } catch (RuntimeException e) {
            throw new CliException("could not start the node: " + e.getMessage(), e);
        }
    }

    /** Blocks until the node stops; Ctrl-C (the JVM's shutdown) closes it, which drains it first. */
    static void awaitStopped(GustServer server) throws InterruptedException {
        Thread hook = new Thread(server::close, "gust-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        server.awaitStopped();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped the node; nothing left to undo
        }
    }

    /** @return what a user needs to know about a node that just started */
    static String describe(SandboxInfo sandbox, String host, int httpPort, int adminPort, Path dataDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        Table t = new Table("gateway", "http://" + host + ":" + httpPort);
        t.row("admin API", "http://" + host + ":" + adminPort);
        t.row("sandbox", sandbox.kind() + " (cgroups " + sandbox.cgroups() + ")"
                + sandbox.fallbackReason().map(r -> ", fell back because " + r).orElse(""));
        t.row("data", data);
        t.row("token", data.resolve("admin-token"));
        return "Gust node running\n" + t.render().indent(2);
    }

    /** @return where a client on this machine reaches a node bound to {@code bind} */
    static String hostFor(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.isBlank() ? "127.0.0.1" : bind;
    }
}
