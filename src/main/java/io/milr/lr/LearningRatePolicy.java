package io.milr.lr;

/** Sets every layer's learning rate from head readings; the driver calls it once per epoch. */
public interface LearningRatePolicy {

    /** The learning rates for the first epoch, given the readings measured before training. */
    LrDecision start(HeadReadings beforeTraining);

    /** The learning rates for the epoch after {@code epoch} (1-based), given the readings measured after it. */
    LrDecision afterEpoch(int epoch, HeadReadings readings);
}
