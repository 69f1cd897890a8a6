package io.milr.spark;

import io.milr.data.FeatureScaling;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.heads.BatchReadout;
import io.milr.heads.Head;
import io.milr.heads.HeadLayout;
import io.milr.lr.LrMode;
import io.milr.mi.ClassCentroids;
import io.milr.mi.JointHistogram;
import io.milr.model.ModelSpec;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Distributed measurement against the same counting done on one machine, for several partitionings. */
class HistogramPassTest {
    private static final int EXAMPLES = 2000;
    private static List<DataSet> batches;
    private static MultiLayerNetwork network;
    private static HeadLayout layout;

    @BeforeAll
    static void setUp() {
        LabeledImages images = Mnist.train(EXAMPLES);
        batches = Minibatches.of(images, FeatureScaling.unit(255).fit(images), 50, 10, 7);
        network = ModelSpec.of("mlp", new int[]{64, 32}, "relu").build(28, 28, 10, 3, 0.1);
        // A little training so that the heads predict something other than one class.
        batches.subList(0, 20).forEach(network::fit);
        layout = HeadLayout.of(network, LrMode.LAYER);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 40})
    void mergedTablesEqualTheSingleMachineTables(int partitions) {
        JavaSparkContext sc = LocalSpark.context();
        List<Head> hidden = layout.hiddenHeads();
        int[] widths = {64, 32};

        ClassCentroids[] localSums = {new ClassCentroids(10, 64), new ClassCentroids(10, 32)};
        batches.forEach(b -> BatchReadout.sumByClass(network, b, hidden, localSums));
        ClassCentroids[] sparkSums = new HistogramPass(sc, 10).classSums(network, sc.parallelize(batches, partitions), hidden, widths);
        for (int h = 0; h < hidden.size(); h++) {
            for (int k = 0; k < 10; k++) {
                assertEquals(localSums[h].count(k), sparkSums[h].count(k), "class counts of head " + h);
                assertArrayEquals(localSums[h].centroids()[k], sparkSums[h].centroids()[k], 1e-4);
            }
        }

        List<Head> heads = layout.heads();
        ClassCentroids[] centroids = {localSums[0], localSums[1], null};
        JointHistogram[] local = {new JointHistogram(10), new JointHistogram(10), new JointHistogram(10)};
        batches.forEach(b -> BatchReadout.count(network, b, heads, centroids, local));
        JointHistogram[] merged = new HistogramPass(sc, 10).tables(network, sc.parallelize(batches, partitions), heads, centroids);
        for (int h = 0; h < heads.size(); h++) {
            assertEquals(local[h], merged[h], "head " + heads.get(h).name() + " with " + partitions + " partitions");
            assertEquals(EXAMPLES, merged[h].total(), "every example counted exactly once");
        }
    }
}
