package dev.gust.cli;

import dev.gust.common.Durations;
import dev.gust.runtime.RuntimeConfig.SandboxMode;
import dev.gust.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of a node, shared by {@code up} and {@code demo}. */
final class ServerOptions {
    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT", description = "The gateway's port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--admin-port", defaultValue = "8081", paramLabel = "PORT", description = "The admin API's port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address both ports listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--sandbox", defaultValue = "auto", paramLabel = "auto|bwrap|process",
            description = "Where instances run: bwrap, a plain process, or auto (bwrap when it works here; default).")
    SandboxMode sandbox;

    @Option(names = "--memory-budget", defaultValue = "4096", paramLabel = "MB",
            description = "The total memory of all instances, at least 128 MB (default: ${DEFAULT-VALUE}).")
    long memoryBudgetMb;

    @Option(names = "--keep-alive", defaultValue = "10m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an idle instance lives, e.g. 30s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    Duration keepAlive;

    @Option(names = "--log-retention", defaultValue = "7d", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long function log lines are kept (default: ${DEFAULT-VALUE}).")
    Duration logRetention;

    @Option(names = "--async-retention", defaultValue = "7d", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long finished async invocations are kept, at least 1m (default: ${DEFAULT-VALUE}).")
    Duration asyncRetention;

    @Option(names = "--price-per-million-requests", defaultValue = "0.20", paramLabel = "DOLLARS",
            description = "Usage price per million requests (default: ${DEFAULT-VALUE}).")
    double pricePerMillionRequests;

    @Option(names = "--price-per-gb-second", defaultValue = "0.0000166667", paramLabel = "DOLLARS",
            description = "Usage price per GB-second (default: ${DEFAULT-VALUE}).")
    double pricePerGbSecond;

    @Option(names = "--aot-caches", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Train each deployed function's AOT cache in the background and start its instances from it;"
                    + " --no-aot-caches starts every instance plainly (default: on).")
    boolean aotCaches;

    /** @return the node's settings; a bad value is a usage error naming its option */
    ServerConfig toConfig(CommandSpec spec, Path dataDir) {
        Limits.check(spec, "--http-port", httpPort, 0, 65535);
        Limits.check(spec, "--admin-port", adminPort, 0, 65535);
        Limits.check(spec, "--memory-budget", memoryBudgetMb, 128, Long.MAX_VALUE / 2);
        if (!(pricePerMillionRequests >= 0) || !(pricePerGbSecond >= 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--price-per-million-requests and --price-per-gb-second must be 0 or more");
        }
        if (asyncRetention.compareTo(ServerConfig.MIN_RETENTION) < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--async-retention must be at least 1m, was " + Durations.format(asyncRetention));
        }
        return ServerConfig.builder().bind(bind).httpPort(httpPort).adminPort(adminPort).dataDir(dataDir)
                .sandbox(sandbox).memoryBudgetMb(memoryBudgetMb).keepAlive(keepAlive).logRetention(logRetention)
                .asyncRetention(asyncRetention).aotCaches(aotCaches)
                .pricePerMillionRequests(pricePerMillionRequests).pricePerGbSecond(pricePerGbSecond).build();
    }

    /** Reads {@code 30s}, {@code 10m}, {@code 1h}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value).orElseThrow(() -> new TypeConversionException(
                    "must be a duration like 500ms, 30s, 10m, 1h, was '" + value + "'"));
        }
    }
}
