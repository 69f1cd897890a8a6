package io.milr.spark;

import io.milr.lr.LrDecision;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Told after every epoch (and after the measurement before training, as epoch 0). A diverged epoch
 * is never reported this way: the network passed is always a good one, fit to be saved.
 */
@FunctionalInterface
public interface EpochListener {
    void epochEnded(EpochReport report, MultiLayerNetwork network);

    /** Told when an epoch diverged and was undone; it is trained again with {@code retry}'s learning rates. */
    default void rolledBack(Divergence divergence, LrDecision retry) {
    }
}
