package io.milr.spark;

import io.milr.data.FeatureScaling;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.heads.BatchReadout;
import io.milr.mi.JointHistogram;
import io.milr.model.ModelSpec;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributed training against a single-machine run on the same data, as DL4J's own Spark tests do:
 * with plain SGD, averaging after every minibatch, the mean of two workers' steps on 32 examples each
 * is exactly one step on the 64 examples together (the loss is a mean over the minibatch).
 */
class ParameterAveragingTest {
    private static final int BATCH = 32;

    private static MultiLayerNetwork mlp() {
        return ModelSpec.of("mlp", new int[]{40}, "relu").build(28, 28, 10, 7, 0.1);
    }

    private static List<DataSet> minibatches(int examples) {
        LabeledImages images = Mnist.train(examples);
        return Minibatches.of(images, FeatureScaling.unit(255).fit(images), BATCH, 10, 3);
    }

    @Test
    void averagingEveryMinibatchEqualsSingleMachineStepsOnTheRoundsBlocksTogether() {
        List<DataSet> batches = minibatches(8 * BATCH);
        TrainingData data = TrainingData.of(LocalSpark.context(), batches, batches.subList(0, 1), 10, 1, 2);
        try {
            assertEquals(8, data.numBlocks(), "one minibatch per block");
            MultiLayerNetwork distributed = mlp();
            MultiLayerNetwork single = mlp();
            ParameterAveraging averaging = new ParameterAveraging(LocalSpark.context(), data, 11);

            ParameterAveraging.EpochFit fit = averaging.fitEpoch(distributed, 1, false, round -> { });

            int[] order = averaging.blockOrder(1);
            for (int first = 0; first < order.length; first += 2) {
                int[] round = Arrays.copyOfRange(order, first, first + 2);
                Arrays.sort(round);
                single.fit(DataSet.merge(List.of(batches.get(round[0]), batches.get(round[1]))));
            }
            assertEquals(8, fit.minibatches());
            assertTrue(Double.isFinite(fit.meanLoss()) && fit.meanLoss() > 0);
            assertArrayEquals(single.params().toFloatVector(), distributed.params().toFloatVector(), 2e-5f);
            assertEquals(4, distributed.getIterationCount(), "one iteration per round, as on one machine");
        } finally {
            data.release();
        }
    }

    @Test
    void theFusedTableCountsEachRoundsPredictionsMadeWithTheWeightsTheRoundStartedFrom() {
        List<DataSet> batches = minibatches(6 * BATCH);
        TrainingData data = TrainingData.of(LocalSpark.context(), batches, batches.subList(0, 1), 10, 1, 2);
        try {
            MultiLayerNetwork distributed = mlp();
            MultiLayerNetwork single = mlp();
            ParameterAveraging averaging = new ParameterAveraging(LocalSpark.context(), data, 3);

            JointHistogram fused = averaging.fitEpoch(distributed, 1, true, round -> { }).outputTable();

            JointHistogram expected = new JointHistogram(10);
            int[] order = averaging.blockOrder(1);
            for (int first = 0; first < order.length; first += 2) {
                DataSet round = DataSet.merge(List.of(batches.get(order[first]), batches.get(order[first + 1])));
                int[] predicted = BatchReadout.argmax(single.output(round.getFeatures()));
                int[] labels = BatchReadout.labels(round);
                for (int i = 0; i < predicted.length; i++) {
                    expected.add(predicted[i], labels[i]);
                }
                single.fit(round);
            }
            assertEquals(6 * BATCH, fused.total(), "every training example once");
            assertEquals(expected, fused);
        } finally {
            data.release();
        }
    }

    @Test
    void anEpochVisitsEveryBlockOnceInAnOrderTheSeedAndEpochDecide() {
        List<DataSet> batches = minibatches(12 * BATCH);
        TrainingData data = TrainingData.of(LocalSpark.context(), batches, batches.subList(0, 1), 10, 2, 2);
        try {
            ParameterAveraging averaging = new ParameterAveraging(LocalSpark.context(), data, 5);
            int[] epoch1 = averaging.blockOrder(1);
            int[] sorted = epoch1.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, sorted);
            assertArrayEquals(epoch1, new ParameterAveraging(LocalSpark.context(), data, 5).blockOrder(1));
            assertNotEquals(Arrays.toString(epoch1), Arrays.toString(averaging.blockOrder(2)));

            MultiLayerNetwork a = mlp();
            MultiLayerNetwork b = mlp();
            averaging.fitEpoch(a, 1, false, round -> { });
            new ParameterAveraging(LocalSpark.context(), data, 5).fitEpoch(b, 1, false, round -> { });
            INDArray difference = a.params().sub(b.params());
            assertEquals(0.0, difference.amaxNumber().doubleValue(), "same seed, same epoch: the same parameters");
        } finally {
            data.release();
        }
    }
}
