package io.milr.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import io.milr.storage.StorageFailure;

/**
 * Reads the lines of {@link InputFiles} in order, each with its file and 1-based line number,
 * decompressing files whose name says so ({@code .gz}, {@code .bz2}, ...) with Hadoop's codecs.
 */
final class TextLines {
    private static final int BUFFER_CHARS = 1 << 16;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** Told of each line; returns false to stop reading. */
    @FunctionalInterface
    interface LineHandler {
        boolean line(Path file, long number, String text);
    }

    private TextLines() {
    }

    static void read(InputFiles input, Configuration conf, LineHandler handler) {
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        for (Path file : input.files()) {
            if (!readFile(file, codecs, conf, handler)) {
                return;
            }
        }
    }

    private static boolean readFile(Path file, CompressionCodecFactory codecs, Configuration conf,
            LineHandler handler) {
        try (BufferedReader lines = open(file, codecs, conf)) {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                    line = line.substring(1);
                }
                if (!handler.line(file, number, line)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw StorageFailure.onPath("cannot read", file, e);
        }
    }

    private static BufferedReader open(Path file, CompressionCodecFactory codecs, Configuration conf)
            throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        InputStream in = fs.open(file);
        CompressionCodec codec = codecs.getCodec(file);
        if (codec != null) {
            in = codec.createInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER_CHARS);
    }
}
