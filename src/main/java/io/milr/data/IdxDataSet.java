package io.milr.data;

import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * An IDX data set in one or many file pairs, known on the driver by its headers and label counts
 * only: its examples are read by executors, slice by slice.
 *
 * @param parts       the file pairs, in order
 * @param used        how many examples of each part the data set uses (a limit cuts the last ones)
 * @param classCounts examples per label {@code 0..k-1} over all parts
 */
public record IdxDataSet(String location, List<IdxPair> parts, int[] used, int rows, int cols, long[] classCounts) {

    /**
     * Checks every part's headers (same image size everywhere) and streams their labels to count
     * classes; reads no image.
     *
     * @param limit at most this many examples, from the first part on ({@code <= 0}: all)
     * @throws DataFormatException naming the file and what was expected
     */
    public static IdxDataSet open(String location, int limit, LabelRange labels, Configuration conf) {
        List<IdxPair> parts = IdxFiles.locateAll(location, conf);
        int[] used = new int[parts.size()];
        long[] counts = new long[labels.classes()];
        long remaining = limit > 0 ? limit : Long.MAX_VALUE;
        IdxReader.IdxShape first = null;
        for (int p = 0; p < parts.size(); p++) {
            IdxReader.IdxShape shape = IdxReader.readShape(parts.get(p), conf);
            if (first == null) {
                first = shape;
            } else if (shape.rows() != first.rows() || shape.cols() != first.cols()) {
                throw new DataFormatException(parts.get(p).images().toString(), "images are " + shape.rows() + "x"
                        + shape.cols() + ", expected " + first.rows() + "x" + first.cols() + " like "
                        + parts.get(0).images());
            }
            used[p] = (int) Math.min(remaining, shape.count());
            remaining -= used[p];
            if (used[p] > 0) {
                long[] partCounts = IdxReader.countLabels(parts.get(p), used[p], labels, conf);
                for (int k = 0; k < counts.length; k++) {
                    counts[k] += partCounts[k];
                }
            }
        }
        return new IdxDataSet(location, parts, used, first.rows(), first.cols(), counts);
    }

    public long size() {
        long total = 0;
        for (int n : used) {
            total += n;
        }
        return total;
    }

    /** Slices of at most {@code sliceSize} examples, none spanning two parts. */
    public List<IdxSlice> slices(int sliceSize, LabelRange labels) {
        List<IdxSlice> slices = new ArrayList<>();
        long first = 0;
        for (int p = 0; p < parts.size(); p++) {
            for (int start = 0; start < used[p]; start += sliceSize) {
                int size = Math.min(sliceSize, used[p] - start);
                slices.add(IdxSlice.of(parts.get(p), start, size, first, labels));
                first += size;
            }
        }
        return slices;
    }
}
