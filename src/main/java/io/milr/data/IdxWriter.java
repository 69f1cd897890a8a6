package io.milr.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes labelled images as a raw IDX pair (the format {@link IdxReader} reads), on any Hadoop file system. */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte}. */
    public static IdxPair write(String prefix, LabeledImages data, Configuration conf) {
        IdxPair files = new IdxPair(new Path(prefix + "-images-idx3-ubyte"), new Path(prefix + "-labels-idx1-ubyte"));
        try {
            FileSystem fs = files.images().getFileSystem(conf);
            try (FSDataOutputStream out = fs.create(files.images(), true)) {
                out.writeInt(IdxReader.IMAGE_MAGIC);
                out.writeInt(data.size());
                out.writeInt(data.rows());
                out.writeInt(data.cols());
                out.write(data.pixels());
            }
            try (FSDataOutputStream out = fs.create(files.labels(), true)) {
                out.writeInt(IdxReader.LABEL_MAGIC);
                out.writeInt(data.size());
                out.write(data.labels());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + prefix + ": " + e.getMessage(), e);
        }
    }
}
