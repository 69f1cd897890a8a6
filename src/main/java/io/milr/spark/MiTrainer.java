package io.milr.spark;

import io.milr.heads.Head;
import io.milr.heads.HeadLayout;
import io.milr.lr.HeadReadings;
import io.milr.lr.LearningRatePolicy;
import io.milr.lr.LrDecision;
import io.milr.mi.ClassCentroids;
import io.milr.mi.JointHistogram;
import io.milr.mi.MutualInformation;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The driver's epoch loop (METHOD.md section 5): fit one epoch by parameter averaging
 * ({@link ParameterAveraging}); measure every
 * head with a histogram pass; compute MI; let the policy set each layer's LR for the next epoch.
 * Executors never see the policy; the driver never sees examples. An epoch whose mean loss or any
 * parameter is NaN or infinite is undone before anyone sees it, then retried or the end of training
 * ({@link TrainerSettings#onDivergence()}).
 */
public final class MiTrainer {
    private final JavaSparkContext sc;
    private final TrainerSettings settings;

    public MiTrainer(JavaSparkContext sc, TrainerSettings settings) {
        this.sc = sc;
        this.settings = settings;
    }

    /** Trains {@code network} in place for {@code epochs} epochs and returns it. */
    public MultiLayerNetwork train(MultiLayerNetwork network, TrainingData data, HeadLayout layout,
                                   LearningRatePolicy policy, int epochs, EpochListener listener) {
        Measurer measurer = new Measurer(new HistogramPass(sc, data.numClasses()), data, layout, settings);

        long start = System.nanoTime();
        Measurement before = measurer.measure(network, null);
        LrDecision decision = policy.start(before.readings());
        apply(decision, network);
        double miSeconds = secondsSince(start);
        double driverMiSeconds = secondsSince(before.tablesMergedAt());
        double accuracy = measurer.testAccuracy(network);
        listener.epochEnded(new EpochReport(0, secondsSince(start), miSeconds, Double.NaN, accuracy,
                decision.learningRates(), false, before.heads(), driverMiSeconds), network);
        return trainEpochs(1, epochs, network, data, measurer, policy, decision, listener);
    }

    /**
     * Continues a run restored from a checkpoint taken after epoch {@code epochsDone}: {@code network}
     * and {@code policy} are as they were then and {@code inForce} holds the LRs decided for the next
     * epoch. Trains epochs {@code epochsDone + 1 .. epochs} as the uninterrupted run would have.
     */
    public MultiLayerNetwork resume(MultiLayerNetwork network, TrainingData data, HeadLayout layout,
                                    LearningRatePolicy policy, int epochsDone, LrDecision inForce, int epochs,
                                    EpochListener listener) {
        apply(inForce, network);
        Measurer measurer = new Measurer(new HistogramPass(sc, data.numClasses()), data, layout, settings);
        return trainEpochs(epochsDone + 1, epochs, network, data, measurer, policy, inForce, listener);
    }

    private MultiLayerNetwork trainEpochs(int first, int epochs, MultiLayerNetwork network, TrainingData data,
                                          Measurer measurer, LearningRatePolicy policy, LrDecision decision,
                                          EpochListener listener) {
        ParameterAveraging averaging = new ParameterAveraging(sc, data, settings.seed());
        int epoch = first;
        while (epoch <= epochs) {
            NetworkState lastGood = NetworkState.of(network);
            long epochStart = System.nanoTime();
            ParameterAveraging.EpochFit fit = averaging.fitEpoch(network, epoch,
                    settings.outputMeasure() == OutputMeasure.FUSED, round -> { });
            double trainLoss = fit.meanLoss();
            Optional<Divergence> divergence = Divergence.of(epoch, trainLoss, network, decision.learningRates());
            if (divergence.isPresent()) {
                lastGood.restoreInto(network);
                decision = retryAfter(divergence.get(), policy, network, listener);
                continue;
            }

            long miStart = System.nanoTime();
            Measurement measurement = measurer.measure(network, fit.outputTable());
            decision = policy.afterEpoch(epoch, measurement.readings());
            apply(decision, network);
            double miSeconds = secondsSince(miStart);
            double driverMiSeconds = secondsSince(measurement.tablesMergedAt());

            double accuracy = measurer.testAccuracy(network);
            listener.epochEnded(new EpochReport(epoch, secondsSince(epochStart), miSeconds, trainLoss, accuracy,
                    decision.learningRates(), decision.stalled(), measurement.heads(), driverMiSeconds), network);
            epoch++;
        }
        return network;
    }

    /**
     * The network is back at the last good epoch; with {@link OnDivergence#ROLLBACK} the policy may
     * offer lower learning rates to train the epoch again with, otherwise training ends here.
     */
    private LrDecision retryAfter(Divergence divergence, LearningRatePolicy policy, MultiLayerNetwork network,
                                  EpochListener listener) {
        Optional<LrDecision> retry = settings.onDivergence() == OnDivergence.ROLLBACK
                ? policy.afterDivergence(divergence.epoch()) : Optional.empty();
        if (retry.isEmpty()) {
            throw new TrainingDivergedException(divergence, "training diverged in epoch " + divergence.epoch() + " ("
                    + divergence.symptoms() + ") at lr " + divergence.learningRatesText());
        }
        apply(retry.get(), network);
        listener.rolledBack(divergence, retry.get());
        return retry.get();
    }

    /** Sets the decided LRs on the driver's network; the next averaging round broadcasts them. */
    private static void apply(LrDecision decision, MultiLayerNetwork network) {
        double[] rates = decision.learningRates();
        for (int layer = 0; layer < rates.length; layer++) {
            if (!Double.isNaN(rates[layer])) {
                network.setLearningRate(layer, rates[layer]);
            }
        }
    }

    private static double secondsSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1e9;
    }

    /**
     * The heads' tables and MI after one measurement, the readings the policy takes, and when the last
     * table arrived on the driver (what follows, MI and policy, is the driver's own MI work).
     */
    record Measurement(List<HeadMeasurement> heads, HeadReadings readings, long tablesMergedAt) {
    }

    /** Runs the histogram passes of one measurement. */
    private static final class Measurer {
        private final HistogramPass pass;
        private final TrainingData data;
        private final HeadLayout layout;
        private final TrainerSettings settings;

        Measurer(HistogramPass pass, TrainingData data, HeadLayout layout, TrainerSettings settings) {
            this.pass = pass;
            this.data = data;
            this.layout = layout;
            this.settings = settings;
        }

        /** {@code countedInTraining}: the output head's table from the fused form, or null to run a pass. */
        Measurement measure(MultiLayerNetwork network, JointHistogram countedInTraining) {
            List<JointHistogram> tables = new ArrayList<>(hiddenTables(network));
            tables.add(countedInTraining != null ? countedInTraining : outputTable(network));
            long tablesMergedAt = System.nanoTime();

            List<HeadMeasurement> heads = new ArrayList<>();
            double[] hiddenByLayer = new double[layout.layerCount()];
            Arrays.fill(hiddenByLayer, Double.NaN);
            for (int h = 0; h < layout.heads().size(); h++) {
                Head head = layout.heads().get(h);
                HeadMeasurement m = new HeadMeasurement(head, tables.get(h),
                        MutualInformation.of(tables.get(h), settings.estimator()));
                heads.add(m);
                if (!head.output()) {
                    hiddenByLayer[head.layer()] = m.mi().miNorm();
                }
            }
            return new Measurement(heads, new HeadReadings(heads.get(heads.size() - 1).mi().miNorm(), hiddenByLayer),
                    tablesMergedAt);
        }

        /** A pass over the training set, or over the probe sample with {@link OutputMeasure#SAMPLE}. */
        private JointHistogram outputTable(MultiLayerNetwork network) {
            JavaRDD<DataSet> examples = settings.outputMeasure() == OutputMeasure.SAMPLE
                    ? data.probe(settings.probeSize()) : data.train();
            return pass.tables(network, examples, List.of(layout.outputHead()), null)[0];
        }

        /** Layer mode's two probe passes: centroids from the current weights, then the tables. */
        private List<JointHistogram> hiddenTables(MultiLayerNetwork network) {
            List<Head> hidden = layout.hiddenHeads();
            if (hidden.isEmpty()) {
                return List.of();
            }
            int[] dimensions = hidden.stream().mapToInt(h -> width(network, h.layer())).toArray();
            JavaRDD<DataSet> probe = data.probe(settings.probeSize());
            ClassCentroids[] centroids = pass.classSums(network, probe, hidden, dimensions);
            return Arrays.asList(pass.tables(network, probe, hidden, centroids));
        }

        double testAccuracy(MultiLayerNetwork network) {
            JointHistogram table = pass.tables(network, data.test(), List.of(layout.outputHead()), null)[0];
            return (double) table.correct() / table.total();
        }

        /** Units of a dense layer, channels of a convolution (whose positions are averaged). */
        private static int width(MultiLayerNetwork network, int layer) {
            return (int) ((FeedForwardLayer) network.getLayerWiseConfigurations().getConf(layer).getLayer()).getNOut();
        }
    }
}
