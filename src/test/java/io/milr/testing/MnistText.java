package io.milr.testing;

import io.milr.data.LabeledImages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** MNIST slices written in the text formats: one example per line, raw pixel values 0..255. */
public final class MnistText {
    private MnistText() {
    }

    /** {@code label,pixel0,...,pixel783}. */
    public static Path csv(LabeledImages images, Path file) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < images.size(); i++) {
            text.append(images.label(i));
            for (int p = 0; p < images.numFeatures(); p++) {
                text.append(',').append(pixel(images, i, p));
            }
            text.append('\n');
        }
        return write(file, text);
    }

    /** {@code label index:value ...} with the non-zero pixels, indices 1-based. */
    public static Path libsvm(LabeledImages images, Path file) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < images.size(); i++) {
            text.append(images.label(i));
            for (int p = 0; p < images.numFeatures(); p++) {
                if (pixel(images, i, p) != 0) {
                    text.append(' ').append(p + 1).append(':').append(pixel(images, i, p));
                }
            }
            text.append('\n');
        }
        return write(file, text);
    }

    private static int pixel(LabeledImages images, int example, int p) {
        return Byte.toUnsignedInt(images.pixels()[example * images.numFeatures() + p]);
    }

    private static Path write(Path file, CharSequence text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
