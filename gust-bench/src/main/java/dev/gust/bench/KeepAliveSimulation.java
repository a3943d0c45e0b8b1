package dev.gust.bench;

import dev.gust.bench.KeepAliveTrace.FunctionSpec;
import dev.gust.runtime.HybridKeepAlive;
import dev.gust.runtime.HybridKeepAlive.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a {@link KeepAliveTrace} against the fixed 10-minute keep-alive and against the hybrid histogram
 * policy ({@link HybridKeepAlive} itself, with the same 10 minutes as its fallback), one instance per function
 * as in the paper's simulation, and compares cold starts and wasted warm memory-time. Deterministic: a trace's
 * seed fixes every figure.
 *
 * <p>The instance model: after an invocation ends, the policy's windows say when the instance is loaded (the
 * end plus the pre-warm window) and until when (plus the keep-alive window). An invocation arriving in that
 * span is warm; before or after it, cold. An invocation arriving while the previous one still runs is served
 * by the same instance (warm) and records no idle time. Wasted memory-time is the time an instance is loaded
 * but not executing, pre-warmed time included, times its memory; the trace's end cuts the last window.
 */
public final class KeepAliveSimulation {
    /** The fixed policy's keep-alive, and the hybrid policy's fallback. */
    public static final Duration FIXED_KEEP_ALIVE = Duration.ofMinutes(10);
    /** Other fixed keep-alives the report shows, to place the hybrid policy on the fixed policy's trade-off. */
    public static final List<Duration> FRONTIER = List.of(Duration.ofMinutes(5), Duration.ofMinutes(20),
            Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(120));

    private KeepAliveSimulation() {
    }

    /**
     * What one policy did over a trace.
     *
     * @param invocations all invocations
     * @param coldStarts those that found no loaded instance
     * @param coldStartRatio {@code coldStarts / invocations}
     * @param medianFunctionColdPercent the median over functions of each function's cold-start percentage
     * @param p75FunctionColdPercent the 75th percentile of the same
     * @param wastedGbSeconds memory-time loaded but not executing, GB-seconds
     */
    public record PolicyFigures(long invocations, long coldStarts, double coldStartRatio,
            double medianFunctionColdPercent, double p75FunctionColdPercent, double wastedGbSeconds) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("invocations", invocations);
            m.put("coldStarts", coldStarts);
            m.put("coldStartRatio", coldStartRatio);
            m.put("medianFunctionColdPercent", medianFunctionColdPercent);
            m.put("p75FunctionColdPercent", p75FunctionColdPercent);
            m.put("wastedGbSeconds", wastedGbSeconds);
            return m;
        }
    }

    /**
     * Both policies over one trace.
     *
     * @param hybridModes how many functions ended the trace in each mode of the hybrid policy
     * @param otherFixed fixed keep-alives of other lengths, for where the hybrid policy stands against the
     *     trade-off between cold starts and memory the fixed policy offers (the paper's Pareto frontier)
     */
    public record Result(long seed, int functions, Duration span, PolicyFigures fixed, PolicyFigures hybrid,
            Map<Mode, Integer> hybridModes, Map<Duration, PolicyFigures> otherFixed) {
        /** The hybrid policy's cold starts relative to the fixed policy's (below 1 is fewer). */
        public double coldStartsVsFixed() {
            return (double) hybrid.coldStarts() / fixed.coldStarts();
        }

        /** The hybrid policy's wasted memory-time relative to the fixed policy's (below 1 is less). */
        public double wasteVsFixed() {
            return hybrid.wastedGbSeconds() / fixed.wastedGbSeconds();
        }
    }

    /** Runs both policies, and the fixed keep-alives of {@link #FRONTIER}, over the trace. */
    public static Result simulate(KeepAliveTrace trace) {
        return simulate(trace, FRONTIER);
    }

    /** Runs both policies, and fixed keep-alives of the given other lengths, over the trace. */
    public static Result simulate(KeepAliveTrace trace, List<Duration> otherFixed) {
        List<Tally> tallies = new ArrayList<>();
        for (int i = 0; i < otherFixed.size() + 2; i++) {
            tallies.add(new Tally());
        }
        Map<Mode, Integer> modes = new EnumMap<>(Mode.class);
        for (FunctionSpec f : trace.functions()) {
            HybridKeepAlive learned = HybridKeepAlive.create(FIXED_KEEP_ALIVE);
            List<Instance> instances = instancesFor(f, learned, otherFixed);
            trace.replay(f, (start, duration) -> {
                for (Instance i : instances) {
                    i.invoked(start, duration);
                }
            });
            for (int i = 0; i < instances.size(); i++) {
                tallies.get(i).add(instances.get(i), trace.span().toMillis());
            }
            modes.merge(learned.windows().mode(), 1, Integer::sum);
        }
        Map<Duration, PolicyFigures> others = new LinkedHashMap<>();
        for (int i = 0; i < otherFixed.size(); i++) {
            others.put(otherFixed.get(i), tallies.get(i + 2).figures());
        }
        return new Result(trace.seed(), trace.functions().size(), trace.span(), tallies.get(0).figures(),
                tallies.get(1).figures(), modes, others);
    }

    /** The fixed 10 minutes, the hybrid policy, then the other fixed keep-alives, in that order. */
    private static List<Instance> instancesFor(FunctionSpec f, HybridKeepAlive learned, List<Duration> otherFixed) {
        List<Instance> instances = new ArrayList<>();
        instances.add(new Instance(fixedPolicy(FIXED_KEEP_ALIVE), f.memoryMb()));
        instances.add(new Instance(hybridPolicy(learned), f.memoryMb()));
        otherFixed.forEach(d -> instances.add(new Instance(fixedPolicy(d), f.memoryMb())));
        return List.copyOf(instances);
    }

    /** Simulates the default trace for {@code make bench}: prints a table, returns the figures for its JSON. */
    public static Map<String, Object> report() {
        return report(KeepAliveTrace.DEFAULT_SEED);
    }

    /** Simulates the default-sized trace of the given seed; prints a table, returns the figures. */
    public static Map<String, Object> report(long seed) {
        long t0 = System.nanoTime();
        Result r = simulate(KeepAliveTrace.generate(seed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        print(r, seconds);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", r.seed());
        out.put("functions", r.functions());
        out.put("spanDays", r.span().toHours() / 24.0);
        out.put("fixed10min", r.fixed().toMap());
        out.put("hybrid", r.hybrid().toMap());
        out.put("hybridVsFixed", Map.of("coldStarts", r.coldStartsVsFixed(), "wastedMemoryTime", r.wasteVsFixed()));
        out.put("hybridModes", r.hybridModes());
        Map<String, Object> frontier = new LinkedHashMap<>();
        r.otherFixed().forEach((d, p) -> frontier.put("fixed" + d.toMinutes() + "min", p.toMap()));
        out.put("otherFixed", frontier);
        out.put("simulationSeconds", seconds);
        return out;
    }

    /** {@code java -cp ... dev.gust.bench.KeepAliveSimulation [seed]} */
    public static void main(String[] args) {
        report(args.length > 0 ? Long.parseLong(args[0]) : KeepAliveTrace.DEFAULT_SEED);
    }

    private static void print(Result r, double seconds) {
        System.out.printf("%nkeep-alive simulation: seed %d, %d functions, %d days, %d invocations (%.1f s)%n",
                r.seed(), r.functions(), r.span().toDays(), r.fixed().invocations(), seconds);
        System.out.printf("%-14s %11s %9s %9s %14s %9s %9s%n", "policy", "cold starts", "median fn", "p75 fn",
                "wasted GB-s", "cold/10m", "waste/10m");
        row("fixed 10 min", r.fixed(), r.fixed());
        row("hybrid", r.hybrid(), r.fixed());
        r.otherFixed().forEach((d, p) -> row("fixed " + d.toMinutes() + " min", p, r.fixed()));
        System.out.println("hybrid policy's mode per function at the end: " + r.hybridModes());
    }

    private static void row(String name, PolicyFigures p, PolicyFigures base) {
        System.out.printf("%-14s %10.3f%% %8.1f%% %8.1f%% %14.0f %8.3fx %8.3fx%n", name, 100 * p.coldStartRatio(),
                p.medianFunctionColdPercent(), p.p75FunctionColdPercent(), p.wastedGbSeconds(),
                (double) p.coldStarts() / base.coldStarts(), p.wastedGbSeconds() / base.wastedGbSeconds());
    }

    /** A keep-alive policy as the simulated instance sees it. */
    interface Policy {
        void idleEnded(long idleMs);

        long prewarmMs();

        long keepAliveMs();
    }

    static Policy fixedPolicy(Duration fixed) {
        long keepAlive = fixed.toMillis();
        return new Policy() {
            public void idleEnded(long idleMs) {
            }

            public long prewarmMs() {
                return 0;
            }

            public long keepAliveMs() {
                return keepAlive;
            }
        };
    }

    static Policy hybridPolicy(HybridKeepAlive policy) {
        return new Policy() {
            public void idleEnded(long idleMs) {
                policy.idleEnded(Duration.ofMillis(idleMs));
            }

            public long prewarmMs() {
                return policy.windows().prewarm().toMillis();
            }

            public long keepAliveMs() {
                return policy.windows().keepAlive().toMillis();
            }
        };
    }

    /** One function's single instance under one policy. Not thread-safe: one replay drives it. */
    static final class Instance {
        private final Policy policy;
        private final double gb;
        private long busyUntil = -1;
        private long loadFrom;
        private long loadUntil;
        long invocations;
        long coldStarts;
        private long wastedMs;

        Instance(Policy policy, int memoryMb) {
            this.policy = policy;
            this.gb = memoryMb / 1024.0;
        }

        void invoked(long start, long duration) {
            invocations++;
            if (busyUntil < 0) {
                coldStarts++;
            } else if (start >= busyUntil) {
                afterIdle(start);
            }
            busyUntil = Math.max(busyUntil, start + duration);
            loadFrom = busyUntil + policy.prewarmMs();
            loadUntil = loadFrom + policy.keepAliveMs();
        }

        private void afterIdle(long start) {
            policy.idleEnded(start - busyUntil);
            if (start >= loadFrom && start <= loadUntil) {
                wastedMs += start - loadFrom;
                return;
            }
            coldStarts++;
            if (start > loadUntil) {
                wastedMs += loadUntil - loadFrom;
            }
        }

        /** Wasted GB-seconds, the last window cut at the trace's end. */
        double wastedGbSeconds(long end) {
            long tail = busyUntil < 0 ? 0 : Math.max(0, Math.min(loadUntil, end) - loadFrom);
            return (wastedMs + tail) / 1000.0 * gb;
        }
    }

    /** Sums instances of one policy over the functions. */
    private static final class Tally {
        private long invocations;
        private long coldStarts;
        private double wastedGbSeconds;
        private final List<Double> coldPercents = new ArrayList<>();

        void add(Instance i, long end) {
            invocations += i.invocations;
            coldStarts += i.coldStarts;
            wastedGbSeconds += i.wastedGbSeconds(end);
            if (i.invocations > 0) {
                coldPercents.add(100.0 * i.coldStarts / i.invocations);
            }
        }

        PolicyFigures figures() {
            double[] sorted = coldPercents.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new PolicyFigures(invocations, coldStarts, invocations == 0 ? 0 : (double) coldStarts / invocations,
                    nearestRank(sorted, 50), nearestRank(sorted, 75), wastedGbSeconds);
        }

        private static double nearestRank(double[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }
    }
}
