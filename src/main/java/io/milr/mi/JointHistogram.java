package io.milr.mi;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts of (predicted class, true class) pairs for one monitored head: a K x K table whose rows are
 * the predicted class p and whose columns are the true class y.
 *
 * <p>A mergeable accumulator in the manner of Spark MLlib's {@code MultivariateOnlineSummarizer}:
 * each executor {@link #add}s its examples into a partial table and the driver {@link #merge}s the
 * partials. Because the table holds plain counts, the merged table equals the single-machine table
 * whatever the partitioning or merge order. The information-theoretic quantities live apart, in
 * {@link MutualInformation}.
 */
public final class JointHistogram implements Serializable, Mergeable<JointHistogram> {

    private static final long serialVersionUID = 1L;

    private final long[][] counts;

    /** An empty table over {@code numClasses} classes (at least two). */
    public JointHistogram(int numClasses) {
        requireAtLeastTwoClasses(numClasses);
        this.counts = new long[numClasses][numClasses];
    }

    private JointHistogram(long[][] counts) {
        this.counts = counts;
    }

    /** A table holding a copy of {@code counts[predicted][label]}; square, K >= 2, non-negative. */
    public static JointHistogram of(long[][] counts) {
        if (counts == null) {
            throw new IllegalArgumentException("counts must not be null");
        }
        int k = counts.length;
        requireAtLeastTwoClasses(k);
        long[][] copy = new long[k][];
        for (int p = 0; p < k; p++) {
            if (counts[p] == null || counts[p].length != k) {
                throw new IllegalArgumentException("counts must be square " + k + " x " + k + ", but row " + p
                        + " has " + (counts[p] == null ? "no entries (null)" : counts[p].length + " entries"));
            }
            for (int y = 0; y < k; y++) {
                if (counts[p][y] < 0) {
                    throw new IllegalArgumentException("counts must be non-negative, found " + counts[p][y]
                            + " at [predicted=" + p + "][label=" + y + "]");
                }
            }
            copy[p] = counts[p].clone();
        }
        return new JointHistogram(copy);
    }

    /** Counts one example; returns this table. */
    public JointHistogram add(int predicted, int label) {
        requireClass("predicted", predicted);
        requireClass("label", label);
        counts[predicted][label]++;
        return this;
    }

    /** Adds {@code other}'s counts into this table and returns this table (a Spark reduce function). */
    public JointHistogram merge(JointHistogram other) {
        if (other == null) {
            throw new IllegalArgumentException("cannot merge a null histogram");
        }
        if (other.numClasses() != numClasses()) {
            throw new IllegalArgumentException("cannot merge a histogram over " + other.numClasses()
                    + " classes into one over " + numClasses() + " classes");
        }
        for (int p = 0; p < counts.length; p++) {
            for (int y = 0; y < counts.length; y++) {
                counts[p][y] = Math.addExact(counts[p][y], other.counts[p][y]);
            }
        }
        return this;
    }

    public int numClasses() {
        return counts.length;
    }

    /** N, the number of counted examples. */
    public long total() {
        long sum = 0;
        for (long[] row : counts) {
            for (long c : row) {
                sum += c;
            }
        }
        return sum;
    }

    public long count(int predicted, int label) {
        requireClass("predicted", predicted);
        requireClass("label", label);
        return counts[predicted][label];
    }

    /** A deep copy of the table, indexed {@code [predicted][label]}. */
    public long[][] toArray() {
        long[][] copy = new long[counts.length][];
        for (int p = 0; p < counts.length; p++) {
            copy[p] = counts[p].clone();
        }
        return copy;
    }

    /** Row sums: how often each class was predicted. */
    public long[] predictedTotals() {
        long[] totals = new long[counts.length];
        for (int p = 0; p < counts.length; p++) {
            for (int y = 0; y < counts.length; y++) {
                totals[p] += counts[p][y];
            }
        }
        return totals;
    }

    /** Column sums: how often each class is the true label. */
    public long[] labelTotals() {
        long[] totals = new long[counts.length];
        for (int p = 0; p < counts.length; p++) {
            for (int y = 0; y < counts.length; y++) {
                totals[y] += counts[p][y];
            }
        }
        return totals;
    }

    /** The diagonal sum: examples whose predicted class is their true class. */
    public long correct() {
        long sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JointHistogram other && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "JointHistogram{K=" + numClasses() + ", N=" + total() + ", counts[predicted][label]="
                + Arrays.deepToString(counts) + "}";
    }

    private void requireClass(String what, int value) {
        if (value < 0 || value >= counts.length) {
            throw new IllegalArgumentException(what + " class " + value + " is out of range 0.."
                    + (counts.length - 1));
        }
    }

    private static void requireAtLeastTwoClasses(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, found " + numClasses);
        }
    }
}
