package io.milr.data;

import java.util.Arrays;

/**
 * A fitted per-feature scaling {@code x -> (x - offset[f]) / divisor[f]}. A divisor of 0 (a
 * feature constant on the training set) is taken as 1, so that such a feature becomes 0 rather
 * than NaN.
 */
public final class FeatureScaler implements java.io.Serializable {
    private final float[] offset;
    private final float[] divisor;

    FeatureScaler(float[] offset, float[] divisor) {
        if (offset.length != divisor.length) {
            throw new IllegalArgumentException("offset and divisor must have one entry per feature");
        }
        this.offset = offset.clone();
        this.divisor = divisor.clone();
        for (int f = 0; f < this.divisor.length; f++) {
            if (this.divisor[f] == 0f) {
                this.divisor[f] = 1f;
            }
        }
    }

    static FeatureScaler constant(int numFeatures, float offset, float divisor) {
        float[] offsets = new float[numFeatures];
        float[] divisors = new float[numFeatures];
        Arrays.fill(offsets, offset);
        Arrays.fill(divisors, divisor);
        return new FeatureScaler(offsets, divisors);
    }

    public int numFeatures() {
        return offset.length;
    }

    /** Scales the {@link #numFeatures()} values of {@code row} starting at {@code from}, in place. */
    public void scaleInPlace(float[] row, int from) {
        for (int f = 0; f < offset.length; f++) {
            row[from + f] = (row[from + f] - offset[f]) / divisor[f];
        }
    }
}
