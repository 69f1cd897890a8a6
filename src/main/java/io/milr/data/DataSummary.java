package io.milr.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the driver needs to know of a data set without holding it: how many examples, per class and
 * in all, how many features they have, the per-feature statistics a fitted scaling needs, how many
 * rows were skipped, and the first problem found. A small mergeable accumulator in the manner of
 * MLlib's {@code MultivariateOnlineSummarizer}: each task summarises its own partition, the driver
 * merges the summaries in partition order. The math on the result (fitting a scaler) lives in
 * {@link FeatureScaling}.
 */
public final class DataSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean statistics;
    private long examples;
    private long skipped;
    private long[] classCounts = new long[0];
    private int firstWidth = -1;
    private int firstWidthPartition = -1;
    private int maxWidth = -1;
    private int otherWidth = -1;
    private int otherWidthPartition = -1;
    private float[] min;
    private float[] max;
    private double[] sum;
    private double[] sumOfSquares;
    private DataProblem problem;

    /** @param statistics whether to keep the per-feature minimum, maximum, sum and sum of squares */
    public DataSummary(boolean statistics) {
        this.statistics = statistics;
    }

    /** The summary of examples already in memory (a set read on the driver, or one chunk). */
    public static DataSummary of(LabeledData data, boolean statistics) {
        return new DataSummary(statistics).add(data, 0);
    }

    /** Adds {@code data}, examples of partition {@code partition} (named when widths disagree). */
    public DataSummary add(LabeledData data, int partition) {
        skipped += data.skippedRows();
        if (data.size() == 0) {
            return this;
        }
        noteWidth(data.numFeatures(), partition);
        for (int i = 0; i < data.size(); i++) {
            count(data.label(i));
        }
        if (statistics) {
            accumulate(data);
        }
        examples += data.size();
        return this;
    }

    private void count(int label) {
        if (label >= classCounts.length) {
            classCounts = Arrays.copyOf(classCounts, label + 1);
        }
        classCounts[label]++;
    }

    private void accumulate(LabeledData data) {
        int n = Math.max(data.numFeatures(), min == null ? 0 : min.length);
        widenStatistics(n);
        float[] row = new float[data.numFeatures()];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, row, 0);
            for (int f = 0; f < row.length; f++) {
                min[f] = Math.min(min[f], row[f]);
                max[f] = Math.max(max[f], row[f]);
                sum[f] += row[f];
                sumOfSquares[f] += (double) row[f] * row[f];
            }
        }
        // Features a narrower chunk (LibSVM) does not list are 0 in each of its examples.
        for (int f = row.length; f < n; f++) {
            min[f] = Math.min(min[f], 0f);
            max[f] = Math.max(max[f], 0f);
        }
    }

    /** Statistics for {@code n} features; features a summary has not seen yet held 0 in every example so far. */
    private void widenStatistics(int n) {
        int had = min == null ? 0 : min.length;
        if (had >= n) {
            return;
        }
        min = min == null ? new float[n] : Arrays.copyOf(min, n);
        max = max == null ? new float[n] : Arrays.copyOf(max, n);
        sum = sum == null ? new double[n] : Arrays.copyOf(sum, n);
        sumOfSquares = sumOfSquares == null ? new double[n] : Arrays.copyOf(sumOfSquares, n);
        float fill = examples == 0 ? Float.POSITIVE_INFINITY : 0f;
        float fillMax = examples == 0 ? Float.NEGATIVE_INFINITY : 0f;
        Arrays.fill(min, had, n, fill);
        Arrays.fill(max, had, n, fillMax);
    }

    /** Records a problem unless an earlier one is known: a check pass reports the first. */
    public void problem(DataProblem found) {
        if (problem == null) {
            problem = found;
        }
    }

    /** Notes examples {@code width} features wide; the first width seen is the one others are compared with. */
    private void noteWidth(int width, int partition) {
        if (firstWidth < 0) {
            firstWidth = width;
            firstWidthPartition = partition;
        } else if (width != firstWidth && otherWidth < 0) {
            otherWidth = width;
            otherWidthPartition = partition;
        }
        maxWidth = Math.max(maxWidth, width);
    }

    /** Adds the summary of the examples that follow this summary's (the next partition's). */
    public DataSummary merge(DataSummary later) {
        if (later.firstWidth >= 0) {
            noteWidth(later.firstWidth, later.firstWidthPartition);
        }
        if (later.otherWidth >= 0) {
            noteWidth(later.otherWidth, later.otherWidthPartition);
        }
        maxWidth = Math.max(maxWidth, later.maxWidth);
        if (later.classCounts.length > classCounts.length) {
            classCounts = Arrays.copyOf(classCounts, later.classCounts.length);
        }
        for (int k = 0; k < later.classCounts.length; k++) {
            classCounts[k] += later.classCounts[k];
        }
        if (statistics && later.min != null) {
            mergeStatistics(later);
        }
        examples += later.examples;
        skipped += later.skipped;
        if (problem == null) {
            problem = later.problem;
        }
        return this;
    }

    private void mergeStatistics(DataSummary later) {
        widenStatistics(later.min.length);
        for (int f = 0; f < min.length; f++) {
            boolean seen = f < later.min.length;
            min[f] = Math.min(min[f], seen ? later.min[f] : 0f);
            max[f] = Math.max(max[f], seen ? later.max[f] : 0f);
            if (seen) {
                sum[f] += later.sum[f];
                sumOfSquares[f] += later.sumOfSquares[f];
            }
        }
    }

    public long examples() {
        return examples;
    }

    public long skipped() {
        return skipped;
    }

    /** Examples per label 0..k-1, k the largest label seen plus one. */
    public long[] classCounts() {
        return classCounts.clone();
    }

    /** The widest example's number of features; -1 before any. */
    public int maxWidth() {
        return maxWidth;
    }

    /** The first examples' number of features, and the partition they are in; -1 before any. */
    public int firstWidth() {
        return firstWidth;
    }

    public int firstWidthPartition() {
        return firstWidthPartition;
    }

    /** The first number of features that differs from {@link #firstWidth()}, -1 if none. */
    public int otherWidth() {
        return otherWidth;
    }

    public int otherWidthPartition() {
        return otherWidthPartition;
    }

    /** The first problem found, or null. */
    public DataProblem problem() {
        return problem;
    }

    /** Per-feature minimum over {@code n} features (features never listed count as 0). */
    public float[] min(int n) {
        return statistic(min, n);
    }

    public float[] max(int n) {
        return statistic(max, n);
    }

    public double[] sum(int n) {
        return statistic(sum, n);
    }

    public double[] sumOfSquares(int n) {
        return statistic(sumOfSquares, n);
    }

    /** The values of {@code n} features, those never listed 0 (as copyOf pads). */
    private float[] statistic(float[] values, int n) {
        requireStatistics();
        return Arrays.copyOf(values == null ? new float[0] : values, n);
    }

    private double[] statistic(double[] values, int n) {
        requireStatistics();
        return Arrays.copyOf(values == null ? new double[0] : values, n);
    }

    private void requireStatistics() {
        if (!statistics) {
            throw new IllegalStateException("this summary keeps no feature statistics");
        }
    }
}
