package io.milr.spark;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's parameters, updater state and step counters at one moment, kept on the driver to go
 * back to. The counters matter as much as the arrays: Adam's bias correction and any schedule read
 * the iteration count, so a rolled-back epoch must start from the count it first started from.
 */
final class NetworkState {
    private final INDArray parameters;
    private final INDArray updaterState;
    private final int iterationCount;
    private final int epochCount;

    private NetworkState(INDArray parameters, INDArray updaterState, int iterationCount, int epochCount) {
        this.parameters = parameters;
        this.updaterState = updaterState;
        this.iterationCount = iterationCount;
        this.epochCount = epochCount;
    }

    static NetworkState of(MultiLayerNetwork network) {
        INDArray updater = network.getUpdater().getStateViewArray();
        return new NetworkState(network.params().dup(), updater == null ? null : updater.dup(),
                network.getIterationCount(), network.getEpochCount());
    }

    void restoreInto(MultiLayerNetwork network) {
        network.setParams(parameters.dup());
        if (updaterState != null) {
            network.getUpdater().getStateViewArray().assign(updaterState);
        }
        network.setIterationCount(iterationCount);
        network.setEpochCount(epochCount);
    }
}
