package io.milr.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Cuts {@link LabeledData} into ND4J minibatches ready for training. */
public final class Minibatches {

    private Minibatches() {
    }

    /**
     * Minibatches of {@code batchSize} examples (the last one may be smaller) with scaled features
     * of shape {@code [b, numFeatures]} and one-hot labels of shape {@code [b, numClasses]}, both
     * float.
     *
     * @param shuffleSeed seed of the example order's shuffle; negative keeps the stored order
     * @throws DataFormatException when a label is not below {@code numClasses}
     */
    public static List<DataSet> of(LabeledData data, FeatureScaler scaler, int batchSize, int numClasses,
            long shuffleSeed) {
        if (batchSize <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("batchSize and numClasses must be positive, got "
                    + batchSize + " and " + numClasses);
        }
        if (scaler.numFeatures() != data.numFeatures()) {
            throw new IllegalArgumentException("the scaler was fitted on " + scaler.numFeatures()
                    + " features, the data have " + data.numFeatures());
        }
        data.classCounts(numClasses);
        int[] order = exampleOrder(data.size(), shuffleSeed);
        List<DataSet> batches = new ArrayList<>((data.size() + batchSize - 1) / batchSize);
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(start + batchSize, order.length);
            batches.add(batch(data, scaler, order, start, end, numClasses));
        }
        return batches;
    }

    /**
     * Example indices in training order: Fisher-Yates shuffled, or as stored. Public so that a peer
     * outside the JVM (the benchmark's PyTorch run) can train on exactly the same minibatches.
     */
    public static int[] exampleOrder(int size, long shuffleSeed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (shuffleSeed < 0) {
            return order;
        }
        Random random = new Random(shuffleSeed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = order[i];
            order[i] = order[j];
            order[j] = swapped;
        }
        return order;
    }

    private static DataSet batch(LabeledData data, FeatureScaler scaler, int[] order, int start, int end,
            int numClasses) {
        int b = end - start;
        int numFeatures = data.numFeatures();
        float[] features = new float[b * numFeatures];
        float[] oneHot = new float[b * numClasses];
        for (int row = 0; row < b; row++) {
            int example = order[start + row];
            data.copyFeatures(example, features, row * numFeatures);
            scaler.scaleInPlace(features, row * numFeatures);
            oneHot[row * numClasses + data.label(example)] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {b, numFeatures}),
                Nd4j.create(oneHot, new long[] {b, numClasses}));
    }
}
