package io.milr.data;

import org.apache.hadoop.conf.Configuration;

/** Examples a reader on the driver already holds (text formats), copied into a slice to ship once. */
public record InMemorySlice(long first, LabeledVectors examples) implements ExampleSlice {

    @Override
    public String describe() {
        return "examples " + first + ".." + (first + examples.size() - 1);
    }

    public static InMemorySlice of(LabeledData data, int first, int count) {
        int width = data.numFeatures();
        float[] features = new float[count * width];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            data.copyFeatures(first + i, features, i * width);
            labels[i] = data.label(first + i);
        }
        return new InMemorySlice(first, new LabeledVectors(width, features, labels));
    }

    public int size() {
        return examples.size();
    }

    @Override
    public LabeledData read(Configuration conf) {
        return examples;
    }
}
