package dev.gust.server;

import dev.gust.runtime.RuntimeConfig.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A node's settings. Built with {@link #builder()}; immutable once built.
 *
 * @param bind the address both listeners bind
 * @param httpPort the gateway port (0 picks a free one)
 * @param adminPort the admin API port (0 picks a free one)
 * @param dataDir the data directory
 * @param sandbox which sandbox instances run in
 * @param memoryBudgetMb the sum of instance memory the node allows
 * @param keepAlive how long idle instances above {@code min} live
 * @param throttleWait how long a request waits for a free instance before 429
 * @param drainTimeout how long shutdown waits for running invocations
 * @param logRetention how long log lines are kept
 * @param asyncRetention how long finished async invocations (succeeded, failed, expired) are kept
 * @param pricePerMillionRequests usage price per million requests, in dollars
 * @param pricePerGbSecond usage price per GB-second, in dollars
 * @param clock the time source
 * @param aotCaches whether each deployed function's AOT cache is trained in the background and used by its
 *     instances (default off here; {@code gust up} turns it on unless {@code --no-aot-caches})
 */
public record ServerConfig(
        String bind,
        int httpPort,
        int adminPort,
        Path dataDir,
        SandboxMode sandbox,
        long memoryBudgetMb,
        Duration keepAlive,
        Duration throttleWait,
        Duration drainTimeout,
        Duration logRetention,
        Duration asyncRetention,
        double pricePerMillionRequests,
        double pricePerGbSecond,
        InstantSource clock,
        boolean aotCaches) {

    /** The shortest {@code asyncRetention}: a finished invocation stays visible at least this long. */
    public static final Duration MIN_RETENTION = Duration.ofMinutes(1);

    public static Builder builder() {
        return new Builder();
    }

    /** Options with the documented defaults. Not thread-safe. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int httpPort = 8080;
        private int adminPort = 8081;
        private Path dataDir = Path.of(".gust");
        private SandboxMode sandbox = SandboxMode.AUTO;
        private long memoryBudgetMb = 4096;
        private Duration keepAlive = Duration.ofMinutes(10);
        private Duration throttleWait = Duration.ofSeconds(10);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Duration logRetention = Duration.ofDays(7);
        private Duration asyncRetention = Duration.ofDays(7);
        private double pricePerMillionRequests = 0.20;
        private double pricePerGbSecond = 0.0000166667;
        private InstantSource clock = InstantSource.system();
        private boolean aotCaches = false;

        public Builder bind(String v) { this.bind = v; return this; }
        public Builder httpPort(int v) { this.httpPort = v; return this; }
        public Builder adminPort(int v) { this.adminPort = v; return this; }
        public Builder dataDir(Path v) { this.dataDir = v; return this; }
        public Builder sandbox(SandboxMode v) { this.sandbox = v; return this; }
        public Builder memoryBudgetMb(long v) { this.memoryBudgetMb = v; return this; }
        public Builder keepAlive(Duration v) { this.keepAlive = v; return this; }
        public Builder throttleWait(Duration v) { this.throttleWait = v; return this; }
        public Builder drainTimeout(Duration v) { this.drainTimeout = v; return this; }
        public Builder logRetention(Duration v) { this.logRetention = v; return this; }
        public Builder asyncRetention(Duration v) { this.asyncRetention = v; return this; }
        public Builder pricePerMillionRequests(double v) { this.pricePerMillionRequests = v; return this; }
        public Builder pricePerGbSecond(double v) { this.pricePerGbSecond = v; return this; }
        public Builder clock(InstantSource v) { this.clock = v; return this; }
        public Builder aotCaches(boolean v) { this.aotCaches = v; return this; }

        public ServerConfig build() {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(asyncRetention, "asyncRetention");
            checkPort("httpPort", httpPort);
            checkPort("adminPort", adminPort);
            if (memoryBudgetMb < 128) {
                throw new IllegalArgumentException("memory budget must be at least 128 MB, was " + memoryBudgetMb);
            }
            if (asyncRetention.compareTo(MIN_RETENTION) < 0) {
                throw new IllegalArgumentException("asyncRetention must be at least 1 minute, was " + asyncRetention);
            }
            return new ServerConfig(bind, httpPort, adminPort, dataDir, sandbox, memoryBudgetMb, keepAlive,
                    throttleWait, drainTimeout, logRetention, asyncRetention, pricePerMillionRequests,
                    pricePerGbSecond, clock, aotCaches);
        }

        private static void checkPort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
            }
        }
    }
}
