package io.milr.data;

import java.util.Arrays;

/**
 * {@code n} grey-scale images of {@code rows x cols} unsigned bytes, stored row-major one image
 * after the other, with one unsigned-byte label per image.
 *
 * <p>The arrays are shared, not copied (full MNIST is 47 MB of pixels): callers must not mutate
 * the arrays they pass in or get back. Equality compares contents.
 */
public record LabeledImages(int rows, int cols, byte[] pixels, byte[] labels) implements LabeledData, java.io.Serializable {

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

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numFeatures() {
        return rows * cols;
    }

    /** Unsigned value of the label of example {@code i}. */
    @Override
    public int label(int i) {
        return Byte.toUnsignedInt(labels[i]);
    }

    /** Pixel values 0..255, unscaled. */
    @Override
    public void copyFeatures(int example, float[] into, int offset) {
        int n = numFeatures();
        int from = example * n;
        for (int f = 0; f < n; f++) {
            into[offset + f] = Byte.toUnsignedInt(pixels[from + f]);
        }
    }

    @Override
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
