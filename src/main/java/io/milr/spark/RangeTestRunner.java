package io.milr.spark;

import io.milr.heads.Head;
import io.milr.lr.range.RangeCurve;
import io.milr.lr.range.RangePoint;
import io.milr.lr.range.RangeTestSettings;
import io.milr.mi.MutualInformation;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The LR range test on Spark (METHOD.md section 4): each step trains a few parameter-averaging rounds
 * at one LR on the next blocks of the training set, then the same histogram pass as training measures
 * the output head's normalised MI on a fixed probe sample. Stops at the first diverged step.
 */
public final class RangeTestRunner {
    private final JavaSparkContext sc;
    private final TrainerSettings trainer;
    private final RangeTestSettings range;

    public RangeTestRunner(JavaSparkContext sc, TrainerSettings trainer, RangeTestSettings range) {
        this.sc = sc;
        this.trainer = trainer;
        this.range = range;
    }

    /** Runs the test on {@code network} (changed in place); {@code progress} hears of every step. */
    public RangeCurve run(MultiLayerNetwork network, TrainingData data, Consumer<RangeStep> progress) {
        ParameterAveraging averaging = new ParameterAveraging(sc, data, trainer.seed());
        HistogramPass pass = new HistogramPass(sc, data.numClasses());
        Head output = Head.outputOf(network.getnLayers() - 1);
        JavaRDD<DataSet> probe = data.probe(range.probeSize());
        NetworkState initial = NetworkState.of(network);

        double startMi = outputMi(pass, network, probe, output);
        List<RangePoint> points = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int steps = range.schedule().steps();
        for (int step = 0; step < steps; step++) {
            long start = System.nanoTime();
            if (range.restart()) {
                initial.restoreInto(network);
            }
            double lr = range.schedule().lr(step);
            network.setLearningRate(lr);
            double loss = trainStep(averaging, network, data, step);
            double mi = Double.isFinite(loss) ? outputMi(pass, network, probe, output) : 0;
            RangePoint point = new RangePoint(lr, mi, loss, (System.nanoTime() - start) / 1e9);
            points.add(point);
            boolean diverged = point.divergedFrom(bestLoss, range.divergenceFactor());
            progress.accept(new RangeStep(step, steps, point, diverged));
            if (diverged) {
                return new RangeCurve(startMi, points, true);
            }
            bestLoss = Math.min(bestLoss, loss);
        }
        return new RangeCurve(startMi, points, false);
    }

    /**
     * The step's rounds, each on the next {@code workers} blocks of the training set (wrapping around),
     * so that the steps see fresh data; returns the mean minibatch loss.
     */
    private double trainStep(ParameterAveraging averaging, MultiLayerNetwork network, TrainingData data, int step) {
        double lossSum = 0;
        for (int round = 0; round < range.roundsPerStep(); round++) {
            int[] blocks = new int[Math.min(data.workers(), data.numBlocks())];
            long first = ((long) step * range.roundsPerStep() + round) * blocks.length;
            for (int w = 0; w < blocks.length; w++) {
                blocks[w] = (int) ((first + w) % data.numBlocks());
            }
            lossSum += averaging.fitBlocks(network, blocks, first);
        }
        return lossSum / range.roundsPerStep();
    }

    private double outputMi(HistogramPass pass, MultiLayerNetwork network, JavaRDD<DataSet> probe, Head output) {
        return MutualInformation.of(pass.tables(network, probe, List.of(output), null)[0], trainer.estimator()).miNorm();
    }

    /** One finished step, for progress output. */
    public record RangeStep(int index, int steps, RangePoint point, boolean diverged) {
    }
}
