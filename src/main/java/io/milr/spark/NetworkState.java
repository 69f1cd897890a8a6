package io.milr.spark;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network's parameters and updater state at one moment, kept on the driver to go back to. */
final class NetworkState {
    private final INDArray parameters;
    private final INDArray updaterState;

    private NetworkState(INDArray parameters, INDArray updaterState) {
        this.parameters = parameters;
        this.updaterState = updaterState;
    }

    static NetworkState of(MultiLayerNetwork network) {
        INDArray updater = network.getUpdater().getStateViewArray();
        return new NetworkState(network.params().dup(), updater == null ? null : updater.dup());
    }

    void restoreInto(MultiLayerNetwork network) {
        network.setParams(parameters.dup());
        if (updaterState != null) {
            network.getUpdater().getStateViewArray().assign(updaterState);
        }
    }
}
