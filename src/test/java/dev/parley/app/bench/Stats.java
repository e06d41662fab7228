package dev.parley.app.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Median and range over repetitions, and percentiles over samples. */
final class Stats {
    private Stats() {
    }

    /** {@code p} in 0..100, nearest-rank; NaN for no samples. */
    static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    static double max(double[] samples) {
        return samples.length == 0 ? Double.NaN : Arrays.stream(samples).max().orElseThrow();
    }

    /**
     * "median (min–max)" of one figure over the repetitions, with {@code decimals} decimals; runs
     * without the figure (NaN, e.g. a burst that never showed) are left out and counted.
     */
    static <T> String summary(List<T> runs, ToDoubleFunction<T> figure, int decimals) {
        double[] v = runs.stream().mapToDouble(figure).filter(x -> !Double.isNaN(x)).toArray();
        int missing = runs.size() - v.length;
        String note = missing == 0 ? "" : " [" + missing + " of " + runs.size() + " runs: none]";
        if (v.length == 0) {
            return "–" + note;
        }
        String f = "%." + decimals + "f";
        double median = percentile(v, 50);
        if (v.length == 1) {
            return String.format(f, median) + note;
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return String.format(f + " (" + f + "–" + f + ")", median, sorted[0], sorted[sorted.length - 1]) + note;
    }
}
