package io.milr.eval;

import io.milr.mi.Mergeable;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What an evaluation counts over a data set: a K x K confusion matrix whose rows are the true class
 * and whose columns are the predicted class (the layout of MLlib's {@code MulticlassMetrics.confusionMatrix};
 * milr's {@link io.milr.mi.JointHistogram} is its transpose), the number of examples, and the sum of
 * the examples' log losses.
 *
 * <p>A mergeable accumulator in the manner of MLlib's {@code MultivariateOnlineSummarizer}: each
 * partition {@link #add}s its examples into a partial and the driver {@link #merge}s the partials. The
 * counts are longs, so the merged matrix is exactly the single-machine one whatever the partitioning.
 * The figures computed from it live apart, in {@link Evaluation}.
 */
public final class ConfusionCounts implements Serializable, Mergeable<ConfusionCounts> {

    private static final long serialVersionUID = 1L;

    /** Probabilities are clipped to [EPS, 1 - EPS] for the log loss, as MLlib's {@code logLoss()} does by default. */
    public static final double LOG_LOSS_EPS = 1e-15;
    private static final double LOSS_BELOW_EPS = -Math.log(LOG_LOSS_EPS);
    private static final double LOSS_ABOVE_ONE_MINUS_EPS = -Math.log1p(-LOG_LOSS_EPS);

    private final long[][] counts;
    private long n;
    /**
     * Sum over the examples of -ln p(true class). A double: its last bits depend on the order in which
     * examples are added and partials merged (floating-point addition is not associative), so two
     * partitionings agree to round-off, not bit for bit. The counts above are exact.
     */
    private double logLossSum;

    /** An empty accumulator over {@code numClasses} classes (at least two). */
    public ConfusionCounts(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, found " + numClasses);
        }
        this.counts = new long[numClasses][numClasses];
    }

    /**
     * Counts one example: its predicted class is the arg-max of {@code probabilities} (ties: the lowest
     * index, as METHOD.md section 1 says), its log loss -ln p(trueClass) with p clipped as MLlib clips it.
     * Returns this accumulator.
     *
     * @param probabilities the model's K class probabilities for the example (not renormalised here,
     *                      as MLlib does not); every one a finite number
     */
    public ConfusionCounts add(int trueClass, double[] probabilities) {
        int k = counts.length;
        if (trueClass < 0 || trueClass >= k) {
            throw new IllegalArgumentException("true class " + trueClass + " is out of range 0.." + (k - 1));
        }
        if (probabilities == null || probabilities.length != k) {
            throw new IllegalArgumentException("expected " + k + " class probabilities, got "
                    + (probabilities == null ? "none (null)" : String.valueOf(probabilities.length)));
        }
        int predicted = 0;
        for (int c = 0; c < k; c++) {
            if (!Double.isFinite(probabilities[c])) {
                throw new IllegalArgumentException("probability of class " + c + " is " + probabilities[c]
                        + "; expected a finite number (a diverged model cannot be evaluated)");
            }
            if (probabilities[c] > probabilities[predicted]) {
                predicted = c;
            }
        }
        counts[trueClass][predicted]++;
        n++;
        logLossSum += logLoss(probabilities[trueClass]);
        return this;
    }

    /** -ln p with p clipped to [eps, 1 - eps], computed as MLlib's {@code MulticlassMetrics.logLoss} computes it. */
    static double logLoss(double p) {
        if (p < LOG_LOSS_EPS) {
            return LOSS_BELOW_EPS;
        }
        if (p > 1 - LOG_LOSS_EPS) {
            return LOSS_ABOVE_ONE_MINUS_EPS;
        }
        return -Math.log(p);
    }

    /** Adds {@code other}'s counts and log-loss sum into this accumulator and returns this (a Spark reduce function). */
    @Override
    public ConfusionCounts merge(ConfusionCounts other) {
        if (other == null) {
            throw new IllegalArgumentException("cannot merge null confusion counts");
        }
        if (other.numClasses() != numClasses()) {
            throw new IllegalArgumentException("cannot merge confusion counts over " + other.numClasses()
                    + " classes into counts over " + numClasses() + " classes");
        }
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                counts[t][p] = Math.addExact(counts[t][p], other.counts[t][p]);
            }
        }
        n = Math.addExact(n, other.n);
        logLossSum += other.logLossSum;
        return this;
    }

    public int numClasses() {
        return counts.length;
    }

    /** N, the number of examples counted. */
    public long n() {
        return n;
    }

    /** Examples of true class {@code trueClass} predicted as {@code predicted}. */
    public long count(int trueClass, int predicted) {
        return counts[trueClass][predicted];
    }

    /** A deep copy of the confusion matrix, indexed {@code [true class][predicted class]}. */
    public long[][] confusion() {
        long[][] copy = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** The sum of the examples' clipped -ln p(true class); see the field's note on its last bits. */
    public double logLossSum() {
        return logLossSum;
    }

    /** Equal counts and, bit for bit, an equal log-loss sum. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionCounts other && n == other.n && Arrays.deepEquals(counts, other.counts)
                && Double.compare(logLossSum, other.logLossSum) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts) * 31 + Double.hashCode(logLossSum);
    }

    @Override
    public String toString() {
        return "ConfusionCounts{K=" + numClasses() + ", n=" + n + ", logLossSum=" + logLossSum
                + ", counts[true][predicted]=" + Arrays.deepToString(counts) + "}";
    }
}
