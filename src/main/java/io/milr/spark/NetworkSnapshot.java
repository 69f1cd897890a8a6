package io.milr.spark;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;

/** The driver's network at one moment, as broadcast to executors for a measurement pass. */
final class NetworkSnapshot implements Serializable {
    private final MultiLayerConfiguration configuration;
    private final INDArray parameters;

    NetworkSnapshot(MultiLayerNetwork network) {
        this.configuration = network.getLayerWiseConfigurations().clone();
        this.parameters = network.params().dup();
    }

    /** A private copy of the network for one task: replicas must not share parameter arrays. */
    MultiLayerNetwork restore() {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.clone());
        network.init(parameters.dup(), false);
        return network;
    }
}
