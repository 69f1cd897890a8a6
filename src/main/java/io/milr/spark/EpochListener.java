package io.milr.spark;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Told after every epoch (and after the measurement before training, as epoch 0). */
@FunctionalInterface
public interface EpochListener {
    void epochEnded(EpochReport report, MultiLayerNetwork network);
}
