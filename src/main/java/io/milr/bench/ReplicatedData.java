package io.milr.bench;

import io.milr.data.IdxFiles;
import io.milr.data.IdxReader;
import io.milr.data.IdxWriter;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import org.apache.hadoop.conf.Configuration;

/**
 * A data set made larger for scaling measurements: {@code copies} copies of an IDX training set, each
 * shuffled with its own seed (so the copies are not aligned), written in parts of {@code partSize}
 * examples. Labelled as replicated wherever its figures appear: it holds no new information.
 */
final class ReplicatedData {
    private ReplicatedData() {
    }

    /** Writes {@code <dir>/train-part-NNNNN-*} and returns the glob that reads them back. */
    static String write(String source, int copies, int partSize, String dir, Configuration conf) {
        LabeledImages original = IdxReader.read(IdxFiles.locate(source, conf), 0, conf);
        int n = original.size();
        int imageBytes = original.rows() * original.cols();
        int part = 0;
        byte[] pixels = new byte[partSize * imageBytes];
        byte[] labels = new byte[partSize];
        int filled = 0;
        for (int copy = 0; copy < copies; copy++) {
            int[] order = Minibatches.exampleOrder(n, 1000L + copy);
            for (int i = 0; i < n; i++) {
                System.arraycopy(original.pixels(), order[i] * imageBytes, pixels, filled * imageBytes, imageBytes);
                labels[filled] = original.labels()[order[i]];
                if (++filled == partSize) {
                    writePart(dir, part++, original, pixels, labels, filled, conf);
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            writePart(dir, part, original, pixels, labels, filled, conf);
        }
        return dir + "/train-part-*";
    }

    private static void writePart(String dir, int part, LabeledImages shape, byte[] pixels, byte[] labels, int count,
                                  Configuration conf) {
        int imageBytes = shape.rows() * shape.cols();
        LabeledImages data = new LabeledImages(shape.rows(), shape.cols(),
                java.util.Arrays.copyOf(pixels, count * imageBytes), java.util.Arrays.copyOf(labels, count));
        IdxWriter.write(String.format("%s/train-part-%05d", dir, part), data, conf);
    }
}
