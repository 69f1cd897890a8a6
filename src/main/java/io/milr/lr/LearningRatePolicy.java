package io.milr.lr;

import java.util.Optional;

/** Sets every layer's learning rate from head readings; the driver calls it once per epoch. */
public interface LearningRatePolicy {

    /** The learning rates for the first epoch, given the readings measured before training. */
    LrDecision start(HeadReadings beforeTraining);

    /** The learning rates for the epoch after {@code epoch} (1-based), given the readings measured after it. */
    LrDecision afterEpoch(int epoch, HeadReadings readings);

    /**
     * Epoch {@code epoch} diverged and was undone: the learning rates to train it again with, lower
     * than before, or empty when the policy cannot go lower (and training must stop). The default
     * never retries.
     */
    default Optional<LrDecision> afterDivergence(int epoch) {
        return Optional.empty();
    }
}
