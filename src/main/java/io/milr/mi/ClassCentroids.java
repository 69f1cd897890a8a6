package io.milr.mi;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-class sums and counts of activation vectors (K classes, dimension d): the first pass of a
 * hidden head's measurement. A mergeable accumulator like {@link JointHistogram}; the centroids are
 * the means, and {@link #nearest} turns an activation into that head's predicted class.
 */
public final class ClassCentroids implements Serializable, Mergeable<ClassCentroids> {

    private static final long serialVersionUID = 1L;

    private final double[][] sums;
    private final long[] counts;

    public ClassCentroids(int numClasses, int dimension) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, found " + numClasses);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, found " + dimension);
        }
        this.sums = new double[numClasses][dimension];
        this.counts = new long[numClasses];
    }

    /** Adds one example's activation to its class; returns this. */
    public ClassCentroids add(int label, double[] activation) {
        requireLabel(label);
        requireActivation(activation);
        double[] sum = sums[label];
        for (int i = 0; i < sum.length; i++) {
            sum[i] += activation[i];
        }
        counts[label]++;
        return this;
    }

    /** Adds a whole minibatch at once: K x d activation sums and the K example counts behind them. */
    public ClassCentroids addSums(double[][] sumsByClass, long[] countsByClass) {
        if (sumsByClass == null || sumsByClass.length != numClasses()) {
            throw new IllegalArgumentException("sumsByClass must have " + numClasses() + " rows, found "
                    + (sumsByClass == null ? "null" : sumsByClass.length));
        }
        if (countsByClass == null || countsByClass.length != numClasses()) {
            throw new IllegalArgumentException("countsByClass must have " + numClasses() + " entries, found "
                    + (countsByClass == null ? "null" : countsByClass.length));
        }
        for (int c = 0; c < numClasses(); c++) {
            requireActivation(sumsByClass[c]);
            if (countsByClass[c] < 0) {
                throw new IllegalArgumentException("countsByClass must be non-negative, found "
                        + countsByClass[c] + " for class " + c);
            }
        }
        for (int c = 0; c < numClasses(); c++) {
            addInto(c, sumsByClass[c], countsByClass[c]);
        }
        return this;
    }

    /** Adds {@code other}'s sums and counts into this; returns this (a Spark reduce function). */
    public ClassCentroids merge(ClassCentroids other) {
        if (other == null) {
            throw new IllegalArgumentException("cannot merge null centroids");
        }
        if (other.numClasses() != numClasses() || other.dimension() != dimension()) {
            throw new IllegalArgumentException("cannot merge centroids of " + other.numClasses() + " classes x "
                    + other.dimension() + " dimensions into " + numClasses() + " x " + dimension());
        }
        for (int c = 0; c < numClasses(); c++) {
            addInto(c, other.sums[c], other.counts[c]);
        }
        return this;
    }

    public long count(int label) {
        requireLabel(label);
        return counts[label];
    }

    public int dimension() {
        return sums[0].length;
    }

    public int numClasses() {
        return sums.length;
    }

    /** K x d class means; a class never seen gets a row of NaN. */
    public double[][] centroids() {
        double[][] means = new double[numClasses()][];
        for (int c = 0; c < numClasses(); c++) {
            means[c] = centroid(c);
        }
        return means;
    }

    /** Which classes have at least one example. */
    public boolean[] present() {
        boolean[] present = new boolean[numClasses()];
        for (int c = 0; c < numClasses(); c++) {
            present[c] = counts[c] > 0;
        }
        return present;
    }

    /**
     * The present class whose centroid is nearest to {@code activation} by squared Euclidean
     * distance; ties go to the lowest index, like the output head's argmax.
     */
    public int nearest(double[] activation) {
        requireActivation(activation);
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < numClasses(); c++) {
            if (counts[c] == 0) {
                continue;
            }
            double distance = squaredDistance(activation, c);
            if (best < 0 || distance < bestDistance) {
                best = c;
                bestDistance = distance;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no class has any example: centroids are undefined");
        }
        return best;
    }

    @Override
    public String toString() {
        return "ClassCentroids{K=" + numClasses() + ", d=" + dimension() + ", counts=" + Arrays.toString(counts) + "}";
    }

    private double squaredDistance(double[] activation, int label) {
        double[] sum = sums[label];
        double n = counts[label];
        double distance = 0.0;
        for (int i = 0; i < activation.length; i++) {
            double diff = activation[i] - sum[i] / n;
            distance += diff * diff;
        }
        return distance;
    }

    private double[] centroid(int label) {
        double[] mean = new double[dimension()];
        if (counts[label] == 0) {
            Arrays.fill(mean, Double.NaN);
            return mean;
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] = sums[label][i] / counts[label];
        }
        return mean;
    }

    private void addInto(int label, double[] sum, long count) {
        double[] target = sums[label];
        for (int i = 0; i < target.length; i++) {
            target[i] += sum[i];
        }
        counts[label] = Math.addExact(counts[label], count);
    }

    private void requireLabel(int label) {
        if (label < 0 || label >= numClasses()) {
            throw new IllegalArgumentException("label " + label + " is out of range 0.." + (numClasses() - 1));
        }
    }

    // A NaN or infinite activation would poison a class sum silently, or make every distance NaN.
    private void requireActivation(double[] activation) {
        if (activation == null || activation.length != dimension()) {
            throw new IllegalArgumentException("activation must have dimension " + dimension() + ", found "
                    + (activation == null ? "null" : activation.length));
        }
        for (int i = 0; i < activation.length; i++) {
            if (!Double.isFinite(activation[i])) {
                throw new IllegalArgumentException("activation must be finite, found " + activation[i]
                        + " at index " + i);
            }
        }
    }
}
