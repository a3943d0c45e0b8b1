package dev.gust.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options, and what every subcommand shares (streams, environment, node). */
@Command(name = "gust", mixinStandardHelpOptions = true, versionProvider = GustCommand.Version.class,
        description = "Runs and talks to a Gust node: a self-hosted serverless platform.",
        subcommands = {UpCommand.class, DemoCommand.class, DeployCommand.class, InvokeCommand.class,
            LsCommand.class, LogsCommand.class, InvocationsCommand.class, UsageCommand.class, RmCommand.class,
            SchedulesCommand.class, QueueCommand.class, EventsCommand.class, WfCommand.class},
        footer = {"", "The node is GUST_NODE (default " + NodeAddress.DEFAULT_NODE + "); its token is GUST_TOKEN,"
            + " else <data>/admin-token."})
final class GustCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final InstantSource clock;

    @Spec
    private CommandSpec spec;

    @Option(names = "--node", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The node's admin API (default: GUST_NODE, else " + NodeAddress.DEFAULT_NODE + ").")
    private String node;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".gust",
            description = "The data directory, which holds the admin token (default: ${DEFAULT-VALUE}).")
    private Path data;

    GustCommand(PrintStream out, PrintStream err, Map<String, String> env, InstantSource clock) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: say what to do, e.g. gust up");
    }

    PrintStream out() { return out; }
    PrintStream err() { return err; }
    Map<String, String> env() { return env; }
    InstantSource clock() { return clock; }
    /** @return the command's {@code --data}, else the one before the command, else {@code .gust} */
    Path dataDir(DataOption option) {
        return option != null && option.data != null ? option.data : data;
    }

    /**
     * @param option the command's {@code --data}, or null when it has none
     * @return a client for the node the options and environment name
     */
    AdminClient client(DataOption option) {
        return AdminClient.create(NodeAddress.resolve(node, dataDir(option), env, spec.commandLine()));
    }

    /** Reads the version from the jar's manifest; a build from source says so. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GustCommand.class.getPackage().getImplementationVersion();
            return new String[] {"gust " + (v == null ? "(development build)" : v)};
        }
    }
}
