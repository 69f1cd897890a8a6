package io.milr.data;

/** The height and width of single-channel images flattened row-major into feature vectors. */
public record ImageShape(int height, int width) {

    public ImageShape {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("height and width must be positive, found " + height + "x" + width);
        }
    }

    /** {@code "28x28"} (height x width). */
    public static ImageShape parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not HxW");
        }
        return new ImageShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    /** A flat vector seen as one row of pixels: what an MLP needs. */
    public static ImageShape flat(int numFeatures) {
        return new ImageShape(1, numFeatures);
    }

    public long pixels() {
        return (long) height * width;
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
