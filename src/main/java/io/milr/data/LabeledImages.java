package io.milr.data;

import java.util.Arrays;

/**
 * {@code n} grey-scale images of {@code rows x cols} unsigned bytes, stored row-major one image
 * after the other, with one unsigned-byte label per image.
 *
 * <p>The arrays are shared, not copied (full MNIST is 47 MB of pixels): callers must not mutate
 * the arrays they pass in or get back. Equality compares contents.
 */
public record LabeledImages(int rows, int cols, byte[] pixels, byte[] labels) {

    public LabeledImages {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, got " + rows + "x" + cols);
        }
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("pixels and labels must not be null");
        }
        long expectedPixels = (long) labels.length * rows * cols;
        if (pixels.length != expectedPixels) {
            throw new IllegalArgumentException("expected " + expectedPixels + " pixels for "
                    + labels.length + " images of " + rows + "x" + cols + ", got " + pixels.length);
        }
    }

    public int size() {
        return labels.length;
    }

    public int numFeatures() {
        return rows * cols;
    }

    /** Unsigned value of the label of example {@code i}. */
    public int label(int i) {
        return Byte.toUnsignedInt(labels[i]);
    }

    /** The first {@code n} examples; this instance itself when {@code n >= size()}. */
    public LabeledImages first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new LabeledImages(rows, cols,
                Arrays.copyOf(pixels, n * numFeatures()), Arrays.copyOf(labels, n));
    }

    /** Largest label plus one; 0 when there are no examples. */
    public int numClasses() {
        int max = -1;
        for (byte label : labels) {
            max = Math.max(max, Byte.toUnsignedInt(label));
        }
        return max + 1;
    }

    /** How many examples carry each label {@code 0..k-1}. */
    public long[] classCounts(int k) {
        long[] counts = new long[k];
        for (int i = 0; i < labels.length; i++) {
            counts[checkedLabel(i, k)]++;
        }
        return counts;
    }

    /** The label of example {@code i}, failing clearly when it is not below {@code numClasses}. */
    int checkedLabel(int i, int numClasses) {
        int label = label(i);
        if (label >= numClasses) {
            throw new DataFormatException("example " + i, "label " + label
                    + " is out of range for numClasses " + numClasses + " (expected 0.."
                    + (numClasses - 1) + "); the data has more classes than the model was built for");
        }
        return label;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabeledImages that
                && rows == that.rows && cols == that.cols
                && Arrays.equals(labels, that.labels) && Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(labels)) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "LabeledImages[" + size() + " images of " + rows + "x" + cols + "]";
    }
}
