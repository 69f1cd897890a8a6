package io.milr.spark;

import io.milr.heads.Head;
import io.milr.lr.range.RangeCurve;
import io.milr.lr.range.RangePoint;
import io.milr.lr.range.RangeTestSettings;
import io.milr.mi.MutualInformation;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The LR range test on Spark (METHOD.md section 4): each step trains a few parameter-averaging rounds
 * at one LR on the next window of the training set, then the same histogram pass as training measures
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
        LossHook lossHook = LossHook.register(sc);
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(sc, network, AveragingMaster.build(sc, trainer, lossHook));
        HistogramPass pass = new HistogramPass(sc, data.numClasses());
        Head output = Head.outputOf(network.getnLayers() - 1);
        JavaRDD<DataSet> probe = data.probe(range.probeSize());
        long batchesPerStep = (long) AveragingMaster.workers(sc, trainer) * trainer.averagingFrequency() * range.roundsPerStep();
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
            sparkNetwork.fit(data.window(step * batchesPerStep, batchesPerStep));
            double loss = lossHook.takeMean();
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

    private double outputMi(HistogramPass pass, MultiLayerNetwork network, JavaRDD<DataSet> probe, Head output) {
        return MutualInformation.of(pass.tables(network, probe, List.of(output), null)[0], trainer.estimator()).miNorm();
    }

    /** One finished step, for progress output. */
    public record RangeStep(int index, int steps, RangePoint point, boolean diverged) {
    }
}
