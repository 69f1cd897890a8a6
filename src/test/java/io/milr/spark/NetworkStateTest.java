package io.milr.spark;

import io.milr.data.FeatureScaling;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.model.ModelSpec;
import io.milr.testing.Mnist;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Going back to a saved state must make the next steps exactly those the network took the first
 * time: with Adam they depend on the iteration count (bias correction), not only on the arrays.
 */
class NetworkStateTest {

    @Test
    void aRestoredAdamNetworkRetakesTheSameStepsBitForBit() {
        LabeledImages images = Mnist.train(96);
        List<DataSet> batches = Minibatches.of(images, FeatureScaling.unit(255).fit(images), 32, 10, 5);
        MultiLayerNetwork network = adamMlp();
        network.fit(batches.get(0));
        NetworkState saved = NetworkState.of(network);

        batches.subList(1, 3).forEach(network::fit);
        String firstAttempt = network.params().toStringFull();
        assertEquals(3, network.getIterationCount());

        saved.restoreInto(network);
        assertEquals(1, network.getIterationCount(), "the count of the saved moment");
        batches.subList(1, 3).forEach(network::fit);

        assertEquals(firstAttempt, network.params().toStringFull());
        assertNotEquals(firstAttempt, restoredWithoutCounters(saved, batches), "the counters make a difference");
    }

    private static MultiLayerNetwork adamMlp() {
        return ModelSpec.of("mlp", new int[]{16}, "relu").build(28, 28, 10, 9, new Adam(0.01), List.of());
    }

    /** The same retry when only the arrays go back: Adam's bias correction then uses later steps' counts. */
    private static String restoredWithoutCounters(NetworkState saved, List<DataSet> batches) {
        MultiLayerNetwork network = adamMlp();
        batches.subList(0, 3).forEach(network::fit);
        int countAfterwards = network.getIterationCount();
        saved.restoreInto(network);
        network.setIterationCount(countAfterwards);
        batches.subList(1, 3).forEach(network::fit);
        return network.params().toStringFull();
    }
}
