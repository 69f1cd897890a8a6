package io.milr.data;

import java.util.Arrays;

/**
 * Sparse feature vectors with an int label each, as LibSVM files hold them: example {@code i}'s
 * non-zero features are {@code values[rowStart[i] .. rowStart[i+1])} at the 0-based feature
 * positions {@code indices[...]}, ascending. Features not listed are 0.
 *
 * <p>The arrays are shared, not copied: callers must not mutate them.
 */
public record SparseLabeledVectors(int numFeatures, int[] rowStart, int[] indices, float[] values, int[] labels)
        implements LabeledData, java.io.Serializable {

    public SparseLabeledVectors {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("numFeatures must be positive, got " + numFeatures);
        }
        if (rowStart.length != labels.length + 1 || indices.length != values.length
                || rowStart[labels.length] != indices.length) {
            throw new IllegalArgumentException("rowStart must have one entry per example plus one, ending at the "
                    + "number of stored values");
        }
        for (int index : indices) {
            if (index < 0 || index >= numFeatures) {
                throw new IllegalArgumentException("feature index " + index + " is outside 0.." + (numFeatures - 1));
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
        Arrays.fill(into, offset, offset + numFeatures, 0f);
        for (int k = rowStart[example]; k < rowStart[example + 1]; k++) {
            into[offset + indices[k]] = values[k];
        }
    }

    @Override
    public SparseLabeledVectors first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        int stored = rowStart[n];
        return new SparseLabeledVectors(numFeatures, Arrays.copyOf(rowStart, n + 1), Arrays.copyOf(indices, stored),
                Arrays.copyOf(values, stored), Arrays.copyOf(labels, n));
    }

    /** The same examples seen as vectors of {@code n} features (at least the largest index stored plus one). */
    public SparseLabeledVectors withNumFeatures(int n) {
        return n == numFeatures ? this : new SparseLabeledVectors(n, rowStart, indices, values, labels);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SparseLabeledVectors that && numFeatures == that.numFeatures
                && Arrays.equals(rowStart, that.rowStart) && Arrays.equals(indices, that.indices)
                && Arrays.equals(values, that.values) && Arrays.equals(labels, that.labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {numFeatures, Arrays.hashCode(rowStart), Arrays.hashCode(indices),
                Arrays.hashCode(values), Arrays.hashCode(labels)});
    }

    @Override
    public String toString() {
        return "SparseLabeledVectors[" + size() + " examples of " + numFeatures + " features, "
                + values.length + " stored]";
    }
}
