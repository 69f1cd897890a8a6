package io.milr.checkpoint;

import io.milr.lr.PolicyState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a run needs to continue after {@code epoch} exactly as if it had never stopped: the
 * network with its updater state, the learning-rate policy's state, the seed, the effective
 * configuration (with a range test's suggested bounds, so the test is not run again), and the
 * metrics lines of epochs 0..epoch. Class centroids are not kept: every measurement recomputes them
 * from the current weights (METHOD.md section 1). The seed fixes the shuffle, the probe sample and,
 * with the epoch, how each epoch's data is split into averaging rounds.
 */
public record Checkpoint(int epoch, MultiLayerNetwork network, PolicyState policy, long seed,
                         Map<String, String> config, String metrics) {

    public Checkpoint {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, found " + epoch);
        }
        if (policy.epoch() != epoch) {
            throw new IllegalArgumentException("the policy state is of epoch " + policy.epoch() + ", the checkpoint of " + epoch);
        }
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
