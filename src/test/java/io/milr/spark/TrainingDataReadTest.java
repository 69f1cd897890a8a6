package io.milr.spark;

import io.milr.data.IdxSlice;
import java.util.ArrayList;

import io.milr.spark.ExampleSet;
import io.milr.data.FeatureScaling;
import io.milr.data.IdxDataSet;
import io.milr.data.LabelRange;
import io.milr.data.LabeledVectors;
import io.milr.mi.MiEstimator;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slices read on the executors become shuffled blocks holding every example exactly once. */
class TrainingDataReadTest {
    private static final int N = 1000;

    /** Example i has features (i, i % 7) and label i % 3. */
    private static ExampleSet numbered(int sliceSize) {
        float[] features = new float[N * 2];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = i % 7;
            labels[i] = i % 3;
        }
        return ExampleSet.inMemory(new LabeledVectors(2, features, labels), sliceSize);
    }

    private static TrainerSettings settings(int batch, int frequency, long seed) {
        return new TrainerSettings(batch, frequency, 2, seed, MiEstimator.PLUGIN, 100);
    }

    private static TrainingData read(ExampleSet train, TrainerSettings settings) {
        return TrainingData.read(LocalSpark.context(), train, numbered(N), FeatureScaling.none().fitConstant(2), 3, settings);
    }

    /** The example indices of each block, in training order. */
    private static List<List<Integer>> blockContents(TrainingData data) {
        List<List<Integer>> blocks = new ArrayList<>();
        for (int b = 0; b < data.numBlocks(); b++) {
            List<Integer> indices = new ArrayList<>();
            for (DataSet batch : data.blocks(new int[]{b}).collect()) {
                float[] features = batch.getFeatures().data().asFloat();
                float[] labels = batch.getLabels().data().asFloat();
                for (int row = 0; row < batch.numExamples(); row++) {
                    int index = (int) features[2 * row];
                    assertEquals(index % 7, features[2 * row + 1], 0);
                    assertEquals(1f, labels[3 * row + index % 3], "label of example " + index);
                    indices.add(index);
                }
            }
            blocks.add(indices);
        }
        return blocks;
    }

    private static void assertSameBatches(List<DataSet> expected, List<DataSet> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).getFeatures().data().asFloat(), actual.get(i).getFeatures().data().asFloat());
            assertArrayEquals(expected.get(i).getLabels().data().asFloat(), actual.get(i).getLabels().data().asFloat());
        }
    }

    @Test
    void blocksHoldEveryExampleOnceInFullMinibatchesShuffledByTheSeed() {
        TrainingData data = read(numbered(300), settings(16, 5, 1));
        try {
            assertEquals(13, data.numBlocks(), "1000 examples in blocks of 5 x 16");
            List<List<Integer>> blocks = blockContents(data);
            BitSet seen = new BitSet();
            for (int b = 0; b < blocks.size(); b++) {
                assertEquals(b < 12 ? 80 : 40, blocks.get(b).size(), "block " + b);
                for (int index : blocks.get(b)) {
                    assertTrue(!seen.get(index), "example " + index + " twice");
                    seen.set(index);
                }
            }
            assertEquals(N, seen.cardinality());
            assertEquals(N, data.train().map(DataSet::numExamples).reduce(Integer::sum));
            assertNotEquals(List.of(0, 1, 2), blocks.get(0).subList(0, 3), "shuffled");

            assertEquals(blocks, blockContents(read(numbered(128), settings(16, 5, 1))),
                    "the seed alone decides the blocks, not how the set was sliced");
            assertNotEquals(blocks, blockContents(read(numbered(300), settings(16, 5, 2))));
        } finally {
            data.release();
        }
    }

    @Test
    void aLostBlockIsRebuiltFromItsLineageExactlyAsItWas() {
        TrainingData data = read(numbered(300), settings(10, 3, 5));
        try {
            List<List<Integer>> before = blockContents(data);
            data.dropCachedBlocks();
            assertEquals(before, blockContents(data));
        } finally {
            data.release();
        }
    }

    @Test
    void imagesReadByTheExecutorsFromIdxFilesAreTheSameBlocksAsImagesReadOnTheDriver() {
        Configuration conf = new Configuration();
        LabelRange labels = new LabelRange(10, "test");
        IdxDataSet idx = IdxDataSet.open(Mnist.TRAIN, 2000, labels, conf);
        List<IdxSlice> slices = idx.slices(700, labels);
        ExampleSet onExecutors = new ExampleSet(new SliceSource("MNIST", new ArrayList<>(slices)),
                slices.stream().mapToLong(IdxSlice::size).toArray(), 784, idx.classCounts());
        ExampleSet onDriver = ExampleSet.inMemory(Mnist.train(2000), 2000);
        TrainerSettings settings = settings(50, 4, 9);
        TrainingData a = TrainingData.read(LocalSpark.context(), onExecutors, onExecutors,
                FeatureScaling.unit(255).fitConstant(784), 10, settings);
        TrainingData b = TrainingData.read(LocalSpark.context(), onDriver, onDriver,
                FeatureScaling.unit(255).fitConstant(784), 10, settings);
        try {
            assertEquals(10, a.numBlocks());
            for (int block = 0; block < a.numBlocks(); block++) {
                assertSameBatches(b.blocks(new int[]{block}).collect(), a.blocks(new int[]{block}).collect());
            }
            // Test minibatches are cut slice by slice: compare the examples, in order.
            assertSameBatches(List.of(DataSet.merge(b.test().collect())), List.of(DataSet.merge(a.test().collect())));
        } finally {
            a.release();
            b.release();
        }
    }
}
