package io.milr.data;

import java.util.List;

/**
 * A training or test set as the driver knows it: its slices, in order, and their totals. The driver
 * holds no examples of it (unless a text reader put them into its slices).
 */
public record ExampleSet(List<ExampleSlice> slices, long size, int numFeatures) {

    public ExampleSet {
        slices = List.copyOf(slices);
        long sum = slices.stream().mapToLong(ExampleSlice::size).sum();
        if (sum != size) {
            throw new IllegalArgumentException("slices hold " + sum + " examples, not " + size);
        }
    }

    /** Every example, read here (on the driver): for small sets and for scalings that need statistics. */
    public LabeledData readAll(org.apache.hadoop.conf.Configuration conf) {
        if (size > Integer.MAX_VALUE / Math.max(1, numFeatures)) {
            throw new IllegalStateException(size + " examples of " + numFeatures + " features do not fit in one array");
        }
        float[] features = new float[(int) size * numFeatures];
        int[] labels = new int[(int) size];
        int at = 0;
        for (ExampleSlice slice : slices) {
            LabeledData examples = slice.read(conf);
            for (int i = 0; i < examples.size(); i++, at++) {
                examples.copyFeatures(i, features, at * numFeatures);
                labels[at] = examples.label(i);
            }
        }
        return new LabeledVectors(numFeatures, features, labels);
    }

    /** Examples read on the driver, cut into slices of at most {@code sliceSize} examples. */
    public static ExampleSet inMemory(LabeledData data, int sliceSize) {
        List<ExampleSlice> slices = new java.util.ArrayList<>();
        for (int first = 0; first < data.size(); first += sliceSize) {
            slices.add(InMemorySlice.of(data, first, Math.min(sliceSize, data.size() - first)));
        }
        return new ExampleSet(slices, data.size(), data.numFeatures());
    }
}
