package dev.gust.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles and medians of repeated measurements. */
final class Stats {
    private Stats() {
    }

    static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** A figure: the median over rounds, with the range, in one unit. */
    record Figure(String name, String unit, double median, double min, double max, int rounds) {
        static Figure of(String name, String unit, List<Double> rounds) {
            return new Figure(name, unit, Stats.median(rounds), Stats.min(rounds), Stats.max(rounds), rounds.size());
        }
    }
}
