package io.milr.data;

import java.util.Arrays;

/**
 * Dense feature vectors with an int label each, as read from a text format: {@code features}
 * holds {@code numFeatures} floats per example, one example after the other.
 *
 * <p>The arrays are shared, not copied: callers must not mutate them. Equality compares contents.
 */
public record LabeledVectors(int numFeatures, float[] features, int[] labels) implements LabeledData, java.io.Serializable {

    public LabeledVectors {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("numFeatures must be positive, got " + numFeatures);
        }
        if (features == null || labels == null) {
            throw new IllegalArgumentException("features and labels must not be null");
        }
        if (features.length != (long) labels.length * numFeatures) {
            throw new IllegalArgumentException("expected " + (long) labels.length * numFeatures + " features for "
                    + labels.length + " examples of " + numFeatures + ", got " + features.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label of example " + i + " is negative: " + labels[i]);
            }
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int example) {
        return labels[example];
    }

    @Override
    public void copyFeatures(int example, float[] into, int offset) {
        System.arraycopy(features, example * numFeatures, into, offset, numFeatures);
    }

    @Override
    public LabeledVectors first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new LabeledVectors(numFeatures, Arrays.copyOf(features, n * numFeatures), Arrays.copyOf(labels, n));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabeledVectors that && numFeatures == that.numFeatures
                && Arrays.equals(labels, that.labels) && Arrays.equals(features, that.features);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * numFeatures + Arrays.hashCode(labels)) + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "LabeledVectors[" + size() + " examples of " + numFeatures + " features]";
    }
}
