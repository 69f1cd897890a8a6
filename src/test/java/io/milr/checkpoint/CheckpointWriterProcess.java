package io.milr.checkpoint;

import io.milr.lr.PolicyState;
import io.milr.model.ModelSpec;
import io.milr.report.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;
import java.util.Map;

/**
 * Run as its own JVM by {@link CheckpointStoreTest}: writes checkpoints of a network of about a
 * million parameters with Adam state (about 10 MB each) into the run directory {@code args[0]},
 * keeping only the newest (so a new one must be complete before the old one goes), one after the other until it is killed, and prints {@code checkpoint N} once epoch N
 * is written. Every checkpoint's weights are fresh random numbers (incompressible, so a write takes
 * a while), except the first, which is the epoch: a reader can tell which epoch's model it has.
 */
public final class CheckpointWriterProcess {
    private CheckpointWriterProcess() {
    }

    public static void main(String[] args) {
        CheckpointStore store = CheckpointStore.of(RunDirectory.create(args[0], true, new Configuration()));
        MultiLayerNetwork network = ModelSpec.of("mlp", new int[] {1000}, "relu").build(28, 28, 10, 1,
                new Adam(1e-3), List.of());
        StringBuilder metrics = new StringBuilder(CheckpointStoreTest.metricsLine(0));
        for (int epoch = 1; ; epoch++) {
            network.params().assign(Nd4j.rand(network.params().dataType(), network.params().shape()));
            network.params().putScalar(0, epoch);
            network.getUpdater().getStateViewArray().assign(Nd4j.rand(network.params().dataType(),
                    network.getUpdater().getStateViewArray().shape()));
            metrics.append(CheckpointStoreTest.metricsLine(epoch));
            store.write(new Checkpoint(epoch, network, new PolicyState("mi-lr", epoch, new double[] {0.1, 0.1},
                    0.5, 0.2, 0.2), 1, Map.of("train.seed", "1"), metrics.toString()), 1);
            System.out.println("checkpoint " + epoch);
            System.out.flush();
        }
    }
}
