package dev.gust.runtime;

import dev.gust.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The node's runtime settings. Built once with {@link #builder()}; immutable.
 *
 * @param dataDir the node's data directory (sockets and scratch space go under it)
 * @param sandbox which sandbox to use
 * @param memoryBudgetMb the sum of instance memory limits the node allows at once
 * @param keepAlive how long an idle instance above {@code min} lives
 * @param throttleWait how long an invocation waits for a free instance before {@code Throttled}
 * @param logCapBytes the most output kept per invocation; the rest is dropped and marked
 * @param javaCommand the {@code java} executable workers run on
 * @param workerClasspath the worker runtime's jars
 * @param workerJvmOptions extra JVM options for every worker
 * @param codeDirectory maps a code artifact's sha256 to the directory holding its unpacked code
 * @param store where records and logs go
 * @param clock the time source for records and keep-alive
 * @param scheduler runs keep-alive sweeps and timeouts
 * @param callHandler serves the calls running functions make to the platform; by default
 *     {@link CallHandler#refusing()}
 * @param stemCellsMax the most stem cells kept per memory class (0, the default, turns stem cells off)
 * @param stemCellShare the share of {@code memoryBudgetMb} that stem cells of all classes may hold
 * @param aotCaches whether a deploy trains each function's AOT cache in the background (default off)
 * @param keepAlivePolicy how long idle instances live: the fixed {@code keepAlive} (default), or learned per
 *     function
 */
public record RuntimeConfig(
        Path dataDir,
        SandboxMode sandbox,
        long memoryBudgetMb,
        Duration keepAlive,
        Duration throttleWait,
        long logCapBytes,
        Path javaCommand,
        List<Path> workerClasspath,
        List<String> workerJvmOptions,
        Function<String, Path> codeDirectory,
        Store store,
        InstantSource clock,
        ScheduledExecutorService scheduler,
        CallHandler callHandler,
        int stemCellsMax,
        double stemCellShare,
        boolean aotCaches,
        KeepAlivePolicy keepAlivePolicy) {

    /** How long idle instances live. */
    public enum KeepAlivePolicy {
        /** every idle instance above {@code min} lives {@code keepAlive} */
        FIXED,
        /**
         * per function, the hybrid histogram policy (Shahrad et al., USENIX ATC 2020): pre-warm and
         * keep-alive windows from a histogram of idle times, the fixed {@code keepAlive} until the
         * histogram is representative
         */
        HYBRID
    }

    /** Which sandbox to run instances in. */
    public enum SandboxMode {
        /** bubblewrap when it works here, else a plain process (said at start). */
        AUTO,
        /** bubblewrap, or refuse to start. */
        BWRAP,
        /** a plain child process, no isolation. */
        PROCESS
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options with defaults; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Path dataDir;
        private SandboxMode sandbox = SandboxMode.AUTO;
        private long memoryBudgetMb = 4096;
        private Duration keepAlive = Duration.ofMinutes(10);
        private Duration throttleWait = Duration.ofSeconds(10);
        private long logCapBytes = 1024 * 1024;
        private Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
        private List<Path> workerClasspath;
        private List<String> workerJvmOptions = List.of();
        private Function<String, Path> codeDirectory;
        private Store store;
        private InstantSource clock = InstantSource.system();
        private ScheduledExecutorService scheduler;
        private CallHandler callHandler = CallHandler.refusing();
        private int stemCellsMax = 0;
        private double stemCellShare = 0.25;
        private boolean aotCaches = false;
        private KeepAlivePolicy keepAlivePolicy = KeepAlivePolicy.FIXED;

        public Builder dataDir(Path v) { this.dataDir = v; return this; }
        public Builder sandbox(SandboxMode v) { this.sandbox = v; return this; }
        public Builder memoryBudgetMb(long v) { this.memoryBudgetMb = v; return this; }
        public Builder keepAlive(Duration v) { this.keepAlive = v; return this; }
        public Builder throttleWait(Duration v) { this.throttleWait = v; return this; }
        public Builder logCapBytes(long v) { this.logCapBytes = v; return this; }
        public Builder javaCommand(Path v) { this.javaCommand = v; return this; }
        public Builder workerClasspath(List<Path> v) { this.workerClasspath = List.copyOf(v); return this; }
        public Builder workerJvmOptions(List<String> v) { this.workerJvmOptions = List.copyOf(v); return this; }
        public Builder codeDirectory(Function<String, Path> v) { this.codeDirectory = v; return this; }
        public Builder store(Store v) { this.store = v; return this; }
        public Builder clock(InstantSource v) { this.clock = v; return this; }
        public Builder scheduler(ScheduledExecutorService v) { this.scheduler = v; return this; }
        public Builder callHandler(CallHandler v) { this.callHandler = Objects.requireNonNull(v, "callHandler"); return this; }

        public Builder stemCellsMax(int v) { this.stemCellsMax = v; return this; }
        public Builder stemCellShare(double v) { this.stemCellShare = v; return this; }
        public Builder aotCaches(boolean v) { this.aotCaches = v; return this; }
        public Builder keepAlivePolicy(KeepAlivePolicy v) { this.keepAlivePolicy = Objects.requireNonNull(v, "keepAlivePolicy"); return this; }

        public RuntimeConfig build() {
            Objects.requireNonNull(dataDir, "dataDir is required");
            Objects.requireNonNull(workerClasspath, "workerClasspath is required");
            Objects.requireNonNull(codeDirectory, "codeDirectory is required");
            Objects.requireNonNull(store, "store is required");
            Objects.requireNonNull(scheduler, "scheduler is required");
            if (memoryBudgetMb < 128) {
                throw new IllegalArgumentException("memoryBudgetMb must be >= 128, was " + memoryBudgetMb);
            }
            if (keepAlive.isNegative() || throttleWait.isNegative()) {
                throw new IllegalArgumentException("keepAlive and throttleWait must not be negative");
            }
            if (stemCellsMax < 0 || stemCellsMax > 64) {
                throw new IllegalArgumentException("stemCellsMax must be 0..64, was " + stemCellsMax);
            }
            if (!(stemCellShare >= 0 && stemCellShare <= 1)) {
                throw new IllegalArgumentException("stemCellShare must be 0..1, was " + stemCellShare);
            }
            return new RuntimeConfig(dataDir, sandbox, memoryBudgetMb, keepAlive, throttleWait, logCapBytes,
                    javaCommand, workerClasspath, workerJvmOptions, codeDirectory, store, clock, scheduler, callHandler,
                    stemCellsMax, stemCellShare, aotCaches, keepAlivePolicy);
        }
    }
}
