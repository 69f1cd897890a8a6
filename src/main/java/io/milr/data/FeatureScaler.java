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

    /**
     * The scaler with these per-feature offsets and divisors, as {@link #offsets()} and
     * {@link #divisors()} return them: for a scaler saved with a model and read back.
     */
    public static FeatureScaler of(float[] offsets, float[] divisors) {
        return new FeatureScaler(offsets, divisors);
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

    /** What is subtracted from each feature (a copy). */
    public float[] offsets() {
        return offset.clone();
    }

    /** What each feature is then divided by (a copy); never 0. */
    public float[] divisors() {
        return divisor.clone();
    }

    /** Same offsets and divisors, bit for bit. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureScaler that && Arrays.equals(offset, that.offset)
                && Arrays.equals(divisor, that.divisor);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offset) + Arrays.hashCode(divisor);
    }

    /** Scales the {@link #numFeatures()} values of {@code row} starting at {@code from}, in place. */
    public void scaleInPlace(float[] row, int from) {
        for (int f = 0; f < offset.length; f++) {
            row[from + f] = (row[from + f] - offset[f]) / divisor[f];
        }
    }
}
