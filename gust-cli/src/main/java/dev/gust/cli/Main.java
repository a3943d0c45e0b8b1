package dev.gust.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code gust} command. {@link #run} is the whole program, so tests drive it in-process.
 *
 * <p>Exit codes: 0 done, 1 failed (the node said no, or is not there), 2 bad usage.
 */
public final class Main {
    /** The command ran and did what was asked. */
    public static final int OK = 0;
    /** The command ran and failed; the reason is on stderr. */
    public static final int FAILED = 1;
    /** The command line was wrong; the reason and the usage are on stderr. */
    public static final int USAGE = 2;

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs one command.
     *
     * @param args the command line, without the program name
     * @param out where results go
     * @param err where errors, progress and diagnostics go
     * @param env the environment ({@code GUST_NODE}, {@code GUST_TOKEN}, {@code GUST_HOME})
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, InstantSource.system());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, InstantSource clock) {
        CommandLine cl = new CommandLine(new GustCommand(out, err, env, clock));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, err));
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int failed(Exception e, PrintStream err) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
        } else if (e instanceof CliException) {
            err.println(e.getMessage());
        } else {
            err.println("gust failed unexpectedly: " + e);
        }
        return FAILED;
    }
}
