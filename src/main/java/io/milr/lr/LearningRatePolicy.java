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

    /**
     * What this policy needs to continue exactly from here after a restart (taken after a decision).
     * The policies a job can choose all have one; a policy written for a test need not.
     */
    default PolicyState state() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot be checkpointed");
    }

    /**
     * Continues from {@code state}, as taken by {@link #state()} of a policy built with the same
     * settings: the next call is {@link #afterEpoch} for the epoch after {@code state.epoch()}.
     *
     * @throws IllegalArgumentException when the state does not fit this policy (another kind, other
     *         layers, LRs its settings cannot give); the policy is then unchanged
     */
    default void restore(PolicyState state) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot be checkpointed");
    }
}
