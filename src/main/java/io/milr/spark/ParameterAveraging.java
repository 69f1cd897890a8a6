package io.milr.spark;

import io.milr.heads.TrainingReadout;
import io.milr.mi.JointHistogram;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Data-parallel training by parameter averaging, with the semantics of DL4J's
 * ParameterAveragingTrainingMaster (every worker starts a round from the same parameters and updater
 * state, trains its own minibatches, and the driver averages parameters and updater state) but none
 * of its per-round costs: a round is one Spark job over exactly the blocks it trains (no random split
 * of the whole data set per round), workers keep their network replica between rounds (no rebuild),
 * and results are averaged in block order (so a run is reproducible from its seed).
 *
 * <p>A round trains {@code workers} blocks of {@link TrainingData}, one per task, each block being the
 * minibatches one worker trains between two averagings. Epoch {@code e} visits every block once, in an
 * order drawn from {@code (seed, e)} alone: a run resumed at epoch {@code e} trains exactly as an
 * uninterrupted one.
 */
public final class ParameterAveraging {
    private final JavaSparkContext sc;
    private final TrainingData data;
    private final long seed;
    /** Names this trainer's replicas on the executors. */
    private final String runKey = UUID.randomUUID().toString();

    public ParameterAveraging(JavaSparkContext sc, TrainingData data, long seed) {
        this.sc = sc;
        this.data = data;
        this.seed = seed;
    }

    /**
     * What one epoch's training reports: the mean of its minibatch losses, how many minibatches it
     * trained, and, when asked for, the output head's table counted during training (else null).
     */
    public record EpochFit(double meanLoss, long minibatches, JointHistogram outputTable) {
    }

    /**
     * Trains {@code network} in place for one epoch; {@code roundDone} hears the number of each finished
     * round (for progress output). With {@code countOutput} the workers also count the output head's
     * table from their training forward passes ({@link TrainingReadout}).
     */
    public EpochFit fitEpoch(MultiLayerNetwork network, int epoch, boolean countOutput, IntConsumer roundDone) {
        int[] order = blockOrder(epoch);
        int workers = data.workers();
        double lossSum = 0;
        long minibatches = 0;
        JointHistogram table = countOutput ? new JointHistogram(data.numClasses()) : null;
        for (int first = 0, round = 0; first < order.length; first += workers, round++) {
            int[] blocks = java.util.Arrays.copyOfRange(order, first, Math.min(order.length, first + workers));
            RoundFit fit = fitRound(network, blocks, roundSeed(epoch, round), countOutput);
            lossSum += fit.lossSum();
            minibatches += fit.minibatches();
            if (countOutput) {
                table.merge(fit.outputTable());
            }
            roundDone.accept(round);
        }
        return new EpochFit(minibatches == 0 ? Double.NaN : lossSum / minibatches, minibatches, table);
    }

    /** The number of rounds in one epoch. */
    public int roundsPerEpoch() {
        return (data.numBlocks() + data.workers() - 1) / data.workers();
    }

    /** Trains one round on the given blocks (the range test's step); returns the mean minibatch loss. */
    public double fitBlocks(MultiLayerNetwork network, int[] blocks, long roundSeed) {
        RoundFit fit = fitRound(network, blocks, roundSeed, false);
        return fit.minibatches() == 0 ? Double.NaN : fit.lossSum() / fit.minibatches();
    }

    /** A seeded shuffle of all block indices: the epoch's round-by-round schedule. */
    int[] blockOrder(int epoch) {
        List<Integer> blocks = new ArrayList<>();
        for (int b = 0; b < data.numBlocks(); b++) {
            blocks.add(b);
        }
        Collections.shuffle(blocks, new Random(SeedMix.of(seed, epoch)));
        return blocks.stream().mapToInt(Integer::intValue).toArray();
    }

    private RoundFit fitRound(MultiLayerNetwork network, int[] blocks, long roundSeed, boolean countOutput) {
        if (countOutput && !TrainingReadout.supports(network)) {
            throw new IllegalArgumentException("the output head cannot be counted during training: the output layer's"
                    + " input needs a preprocessor");
        }
        Broadcast<WorkerStart> start = sc.broadcast(WorkerStart.of(runKey, network, roundSeed, countOutput));
        try {
            JavaRDD<DataSet> roundData = data.blocks(blocks);
            List<WorkerResult> results = roundData
                    .mapPartitionsWithIndex((index, batches) -> Collections.singletonList(
                            Worker.train(start.value(), index, batches)).iterator(), false)
                    .collect();
            return average(network, results);
        } finally {
            start.destroy();
        }
    }

    /**
     * Sets the network to the mean of the workers' parameters and updater states, summed in block order,
     * and moves its iteration count on as far as the busiest worker's.
     */
    private static RoundFit average(MultiLayerNetwork network, List<WorkerResult> results) {
        float[] params = mean(results.stream().map(WorkerResult::parameters).toList());
        network.setParams(Nd4j.createFromArray(params).castTo(network.params().dataType()).reshape(1, params.length));
        INDArray updaterState = network.getUpdater().getStateViewArray();
        if (updaterState != null) {
            float[] state = mean(results.stream().map(WorkerResult::updaterState).toList());
            updaterState.assign(Nd4j.createFromArray(state).castTo(updaterState.dataType()).reshape(updaterState.shape()));
        }
        double lossSum = 0;
        long minibatches = 0;
        for (WorkerResult result : results) {
            lossSum += result.lossSum();
            minibatches = Math.max(minibatches, result.minibatches());
        }
        network.setIterationCount(network.getIterationCount() + (int) minibatches);
        long total = results.stream().mapToLong(WorkerResult::minibatches).sum();
        JointHistogram table = null;
        for (WorkerResult result : results) {
            if (result.outputTable() != null) {
                table = table == null ? result.outputTable() : table.merge(result.outputTable());
            }
        }
        return new RoundFit(lossSum, total, table);
    }

    private static float[] mean(List<float[]> arrays) {
        float[] sum = new float[arrays.get(0).length];
        for (float[] array : arrays) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += array[i];
            }
        }
        float n = arrays.size();
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= n;
        }
        return sum;
    }

    private long roundSeed(int epoch, int round) {
        return SeedMix.of(SeedMix.of(seed, epoch), round);
    }

    /** One round: the sum of its losses, how many minibatches all workers trained, the counted table or null. */
    private record RoundFit(double lossSum, long minibatches, JointHistogram outputTable) {
    }

    /** What every worker of a round starts from (broadcast once per round). */
    record WorkerStart(String runKey, String configuration, float[] parameters, float[] updaterState,
                       int iteration, int epoch, long roundSeed, boolean countOutput) implements Serializable {

        static WorkerStart of(String runKey, MultiLayerNetwork network, long roundSeed, boolean countOutput) {
            INDArray state = network.getUpdater().getStateViewArray();
            return new WorkerStart(runKey, structure(network),
                    network.params().toFloatVector(), state == null ? null : state.toFloatVector(),
                    network.getIterationCount(), network.getEpochCount(), roundSeed, countOutput);
        }

        /** The configuration without its counters, which change every round: replicas are reused while it stays. */
        private static String structure(MultiLayerNetwork network) {
            org.deeplearning4j.nn.conf.MultiLayerConfiguration configuration = network.getLayerWiseConfigurations().clone();
            configuration.setIterationCount(0);
            configuration.setEpochCount(0);
            return configuration.toJson();
        }
    }

    /** What a worker hands back: its parameters and updater state after the round, and its losses. */
    record WorkerResult(float[] parameters, float[] updaterState, double lossSum, long minibatches,
                        JointHistogram outputTable) implements Serializable {
    }

    /** The executor side of a round. */
    static final class Worker {
        private Worker() {
        }

        /** Trains the task's replica on its block, in an order drawn from the round's seed and the task. */
        static WorkerResult train(WorkerStart start, int task, Iterator<DataSet> batches) {
            List<DataSet> block = new ArrayList<>();
            batches.forEachRemaining(block::add);
            Collections.shuffle(block, new Random(SeedMix.of(start.roundSeed(), task)));
            MultiLayerNetwork replica = Replicas.borrow(start.runKey(), start.configuration());
            TrainingReadout readout = start.countOutput() ? new TrainingReadout(numClasses(replica)) : null;
            try {
                load(replica, start);
                if (readout != null) {
                    replica.setListeners(readout);
                }
                double lossSum = 0;
                for (DataSet minibatch : block) {
                    replica.fit(minibatch);
                    lossSum += replica.score();
                }
                INDArray state = replica.getUpdater().getStateViewArray();
                return new WorkerResult(replica.params().toFloatVector(), state == null ? null : state.toFloatVector(),
                        lossSum, block.size(), readout == null ? null : readout.table());
            } finally {
                replica.setListeners();
                Replicas.giveBack(start.runKey(), start.configuration(), replica);
            }
        }

        private static int numClasses(MultiLayerNetwork network) {
            return (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) network.getLayerWiseConfigurations()
                    .getConf(network.getnLayers() - 1).getLayer()).getNOut();
        }

        private static void load(MultiLayerNetwork replica, WorkerStart start) {
            replica.setParams(Nd4j.createFromArray(start.parameters()).castTo(replica.params().dataType())
                    .reshape(1, start.parameters().length));
            INDArray state = replica.getUpdater().getStateViewArray();
            if (state != null) {
                state.assign(Nd4j.createFromArray(start.updaterState()).castTo(state.dataType()).reshape(state.shape()));
            }
            replica.setIterationCount(start.iteration());
            replica.setEpochCount(start.epoch());
        }
    }
}
