package io.milr.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small hand-made IDX files for tests. */
final class IdxBytes {

    private IdxBytes() {
    }

    static byte[] imageFile(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length)
                .putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
    }

    static byte[] labelFile(int magic, int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
    }

    static byte[] imageFile(LabeledImages data) {
        return imageFile(IdxReader.IMAGE_MAGIC, data.size(), data.rows(), data.cols(), data.pixels());
    }

    static byte[] labelFile(LabeledImages data) {
        return labelFile(IdxReader.LABEL_MAGIC, data.size(), data.labels());
    }

    /** {@code count} images of 2x3 whose pixels encode their index; label {@code i % classes}. */
    static LabeledImages numbered(int count, int classes) {
        byte[] pixels = new byte[count * 6];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 6; p++) {
                pixels[i * 6 + p] = (byte) (i + p);
            }
            labels[i] = (byte) (i % classes);
        }
        return new LabeledImages(2, 3, pixels, labels);
    }

    /** Writes {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte}. */
    static void writePair(Path dir, String name, byte[] images, byte[] labels) throws IOException {
        Files.write(dir.resolve(name + "-images-idx3-ubyte"), images);
        Files.write(dir.resolve(name + "-labels-idx1-ubyte"), labels);
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
