package io.milr.spark;

import io.milr.data.FeatureScaling;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.eval.ConfusionCounts;
import io.milr.model.ModelSpec;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distributed evaluation against a single-machine loop over the same minibatches, for several partitionings. */
class EvaluationPassTest {
    private static final int EXAMPLES = 1_500;
    private static List<DataSet> batches;
    private static MultiLayerNetwork network;
    private static ConfusionCounts local;

    @BeforeAll
    static void setUp() {
        LabeledImages images = Mnist.test(EXAMPLES);
        var scaler = FeatureScaling.unit(255).fit(images);
        batches = Minibatches.of(images, scaler, 64, 10, -1);
        network = ModelSpec.of("mlp", new int[]{32}, "relu").build(28, 28, 10, 9, 0.1);
        batches.subList(0, 8).forEach(network::fit);

        // One machine, minibatch by minibatch, example by example.
        local = new ConfusionCounts(10);
        for (DataSet batch : batches) {
            INDArray output = network.output(batch.getFeatures(), false);
            INDArray labels = batch.getLabels();
            for (int i = 0; i < batch.numExamples(); i++) {
                double[] probabilities = new double[10];
                int label = -1;
                for (int c = 0; c < 10; c++) {
                    probabilities[c] = output.getFloat(i, c);
                    if (labels.getDouble(i, c) == 1.0) {
                        label = c;
                    }
                }
                local.add(label, probabilities);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 24})
    void mergedCountsEqualTheSingleMachineCounts(int partitions) {
        JavaSparkContext sc = LocalSpark.context();
        ConfusionCounts merged = new EvaluationPass(sc, 10).counts(network, sc.parallelize(batches, partitions));
        assertEquals(EXAMPLES, merged.n(), "every example counted exactly once");
        assertArrayEquals(local.confusion(), merged.confusion(), partitions + " partitions");
        // The pass regroups minibatches into chunks of ~1024 examples for one forward pass each; ND4J's float32
        // output of a larger batch rounds differently in its last bits, so the sums agree to float precision.
        assertEquals(local.logLossSum(), merged.logLossSum(), 1e-6 * local.logLossSum());
        long diagonal = 0;
        for (int c = 0; c < 10; c++) {
            diagonal += merged.count(c, c);
        }
        assertTrue(diagonal > EXAMPLES / 5 && diagonal < EXAMPLES, "a network neither constant nor perfect: "
                + diagonal + " right");
    }
}
