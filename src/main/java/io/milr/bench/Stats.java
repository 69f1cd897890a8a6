package io.milr.bench;

import java.util.Arrays;

/** Medians, as every figure of the bench is one. */
final class Stats {
    private Stats() {
    }

    /** The median; NaN for no values. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
