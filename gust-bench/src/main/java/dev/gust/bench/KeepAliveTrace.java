package dev.gust.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A synthetic invocation trace shaped after the Azure Functions production trace characterised by Shahrad et
 * al. (USENIX ATC 2020): per-function daily invocation rates over six orders of magnitude, a mix of periodic,
 * Poisson-like and bursty arrivals, log-normal execution times and Burr-distributed memory. Every distribution
 * and parameter, and where it comes from, is in {@code docs/keep-alive.md}.
 *
 * <p>Seeded and streamed: each function draws its arrivals from its own generator, so a trace of millions of
 * invocations is replayed without being held in memory and a given seed always yields the same trace.
 */
public final class KeepAliveTrace {
    /** The seed {@code make bench} uses (the first day of USENIX ATC 2020). */
    public static final long DEFAULT_SEED = 20200715L;
    public static final int DEFAULT_FUNCTIONS = 500;
    public static final Duration DEFAULT_SPAN = Duration.ofDays(7);

    /** Anchors of the CDF of log10(invocations per day) per function, linear in between. */
    static final double[][] DAILY_RATE_CDF = {{-0.5, 0}, {0, 0.10}, {Math.log10(24), 0.45},
        {Math.log10(1440), 0.81}, {4, 0.93}, {5, 1}};
    /** Shares of periodic and Poisson-like functions; the rest are bursty. */
    static final double PERIODIC_SHARE = 0.20;
    static final double POISSON_SHARE = 0.40;
    /** Timer periods people pick, in minutes: a periodic function's period snaps to the nearest. */
    static final int[] TIMER_MINUTES = {1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440};
    /** Log-normal mean execution time per function, seconds: ln-space mu and sigma (the paper's fit). */
    static final double EXEC_MU = -0.38;
    static final double EXEC_SIGMA = 2.36;
    /** Spread of one invocation's run time around its function's mean, ln-space sigma. */
    static final double EXEC_JITTER_SIGMA = 0.5;
    static final double EXEC_MAX_SECONDS = 600;
    /** Burr XII allocated memory per app, MB (the paper's fit): c, k, lambda. */
    static final double BURR_C = 11.652;
    static final double BURR_K = 0.221;
    static final double BURR_LAMBDA = 107.083;
    static final int MEMORY_MIN_MB = 64;
    static final int MEMORY_MAX_MB = 1536;
    /** A bursty function's mean burst size and its gap inside a burst, as a share of its mean interval. */
    static final double BURST_SIZE = 8;
    static final double BURST_GAP_SHARE = 0.02;

    private final long seed;
    private final Duration span;
    private final List<FunctionSpec> functions;

    private KeepAliveTrace(long seed, Duration span, List<FunctionSpec> functions) {
        this.seed = seed;
        this.span = span;
        this.functions = List.copyOf(functions);
    }

    /** How a function's invocations arrive. */
    public enum Pattern {
        /** a timer: a fixed period, CV of inter-arrival times about 0 */
        PERIODIC,
        /** independent arrivals: exponential inter-arrival times, CV about 1 */
        POISSON,
        /** bursts of close arrivals separated by long gaps: CV well above 1 */
        BURSTY
    }

    /**
     * One function of a trace.
     *
     * @param id its index in the trace
     * @param pattern how its invocations arrive
     * @param perDay its mean invocations per day
     * @param meanExecSeconds its mean execution time
     * @param memoryMb the memory its instance holds while loaded
     * @param seed the seed of its own arrival and run-time generator
     */
    public record FunctionSpec(int id, Pattern pattern, double perDay, double meanExecSeconds, int memoryMb,
            long seed) {
        public FunctionSpec {
            Objects.requireNonNull(pattern, "pattern");
            if (!(perDay > 0) || !(meanExecSeconds >= 0) || memoryMb <= 0) {
                throw new IllegalArgumentException("function " + id + ": perDay and memoryMb must be positive and"
                        + " meanExecSeconds zero or positive, were " + perDay + ", " + memoryMb + ", " + meanExecSeconds);
            }
        }

        /** The mean time between two invocations' starts, ms. */
        double meanIntervalMs() {
            return 86_400_000.0 / perDay;
        }
    }

    /** Receives a function's invocations in start order. */
    @FunctionalInterface
    public interface Sink {
        void invoked(long startMs, long durationMs);
    }

    /** The default trace: {@value #DEFAULT_FUNCTIONS} functions over {@link #DEFAULT_SPAN}. */
    public static KeepAliveTrace generate(long seed) {
        return generate(seed, DEFAULT_FUNCTIONS, DEFAULT_SPAN);
    }

    /** A trace of {@code count} functions drawn from the paper's distributions. */
    public static KeepAliveTrace generate(long seed, int count, Duration span) {
        requirePositive(span);
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<FunctionSpec> functions = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            functions.add(drawFunction(id, random));
        }
        return new KeepAliveTrace(seed, span, functions);
    }

    /** A trace of the given functions, for experiments on chosen shapes. */
    public static KeepAliveTrace of(List<FunctionSpec> functions, Duration span) {
        requirePositive(span);
        return new KeepAliveTrace(0, span, functions);
    }

    public long seed() {
        return seed;
    }

    public Duration span() {
        return span;
    }

    public List<FunctionSpec> functions() {
        return functions;
    }

    /** Streams one function's invocations, in start order, within the span; the same ones on every call. */
    public void replay(FunctionSpec f, Sink sink) {
        SplittableRandom random = new SplittableRandom(f.seed());
        long end = span.toMillis();
        Arrivals arrivals = Arrivals.of(f, random);
        for (long t = arrivals.first(); t < end; t = arrivals.next(t)) {
            sink.invoked(t, executionMs(f, random));
        }
    }

    private static FunctionSpec drawFunction(int id, SplittableRandom random) {
        double perDay = Math.pow(10, inverseCdf(DAILY_RATE_CDF, random.nextDouble()));
        double u = random.nextDouble();
        Pattern pattern = u < PERIODIC_SHARE ? Pattern.PERIODIC
                : u < PERIODIC_SHARE + POISSON_SHARE ? Pattern.POISSON : Pattern.BURSTY;
        if (pattern == Pattern.PERIODIC) {
            perDay = 1440.0 / nearestTimer(1440.0 / perDay);
        }
        double exec = Math.min(EXEC_MAX_SECONDS, Math.exp(EXEC_MU + EXEC_SIGMA * gaussian(random)));
        return new FunctionSpec(id, pattern, perDay, exec, memoryMb(random.nextDouble()), random.nextLong());
    }

    /** Piecewise-linear inverse of a CDF given by (x, F(x)) anchors. */
    static double inverseCdf(double[][] anchors, double u) {
        for (int i = 1; i < anchors.length; i++) {
            if (u <= anchors[i][1]) {
                double share = (u - anchors[i - 1][1]) / (anchors[i][1] - anchors[i - 1][1]);
                return anchors[i - 1][0] + share * (anchors[i][0] - anchors[i - 1][0]);
            }
        }
        return anchors[anchors.length - 1][0];
    }

    static int nearestTimer(double minutes) {
        int best = TIMER_MINUTES[0];
        for (int m : TIMER_MINUTES) {
            if (Math.abs(Math.log(m / minutes)) < Math.abs(Math.log(best / minutes))) {
                best = m;
            }
        }
        return best;
    }

    /** Inverse of the Burr XII CDF F(x) = 1 - (1 + (x/lambda)^c)^-k, clamped to the platform's limits. */
    static int memoryMb(double u) {
        double x = BURR_LAMBDA * Math.pow(Math.pow(1 - u, -1 / BURR_K) - 1, 1 / BURR_C);
        return (int) Math.max(MEMORY_MIN_MB, Math.min(MEMORY_MAX_MB, Math.round(x)));
    }

    private static long executionMs(FunctionSpec f, SplittableRandom random) {
        // a log-normal with the function's mean: median = mean * exp(-sigma^2 / 2)
        double s = EXEC_JITTER_SIGMA;
        double seconds = f.meanExecSeconds() * Math.exp(s * gaussian(random) - s * s / 2);
        return Math.round(Math.min(EXEC_MAX_SECONDS, seconds) * 1000);
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller, ours: the trace must not change with the JDK's own Gaussian algorithm
        double u1 = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static void requirePositive(Duration span) {
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, was " + span);
        }
    }

    /** Start times of one function's invocations; each pattern its own generator. */
    private sealed interface Arrivals {
        long first();

        long next(long previous);

        static Arrivals of(FunctionSpec f, SplittableRandom random) {
            return switch (f.pattern()) {
                case PERIODIC -> new Periodic(f.meanIntervalMs(), random);
                case POISSON -> new Poisson(f.meanIntervalMs(), random);
                case BURSTY -> new Bursty(f.meanIntervalMs(), random);
            };
        }
    }

    /** A timer with a random phase; it fires on its period, give or take a second. */
    private record Periodic(double period, SplittableRandom random) implements Arrivals {
        public long first() {
            return (long) (random.nextDouble() * period);
        }

        public long next(long previous) {
            return previous + Math.max(1, Math.round(period + random.nextDouble(-1_000, 1_000)));
        }
    }

    private record Poisson(double mean, SplittableRandom random) implements Arrivals {
        public long first() {
            return (long) exponential(random, mean);
        }

        public long next(long previous) {
            return previous + Math.max(1, Math.round(exponential(random, mean)));
        }
    }

    /**
     * Bursts of geometrically many arrivals ({@link #BURST_SIZE} on average) a short exponential gap apart,
     * separated by exponential gaps sized so the mean rate is the function's.
     */
    private static final class Bursty implements Arrivals {
        private final SplittableRandom random;
        private final double inBurst;
        private final double between;

        Bursty(double mean, SplittableRandom random) {
            this.random = random;
            this.inBurst = mean * BURST_GAP_SHARE;
            this.between = BURST_SIZE * mean - (BURST_SIZE - 1) * inBurst;
        }

        public long first() {
            return (long) exponential(random, between);
        }

        public long next(long previous) {
            boolean burstGoesOn = random.nextDouble() < 1 - 1 / BURST_SIZE;
            return previous + Math.max(1, Math.round(exponential(random, burstGoesOn ? inBurst : between)));
        }
    }
}
