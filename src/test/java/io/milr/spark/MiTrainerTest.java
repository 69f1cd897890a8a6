package io.milr.spark;

import io.milr.config.JobConfig;
import io.milr.heads.HeadLayout;
import io.milr.job.JobData;
import io.milr.lr.HeadReadings;
import io.milr.lr.LearningRatePolicy;
import io.milr.lr.LrDecision;
import io.milr.lr.LrMode;
import io.milr.lr.MiLrPolicy;
import io.milr.mi.MiEstimator;
import io.milr.model.ModelSpec;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short real trainings on an MNIST slice in local-mode Spark. */
class MiTrainerTest {
    private static final int TRAIN = 6000;
    private static final int TEST = 1000;
    private static final int BATCH = 50;
    private static final int PROBE = 2000;

    private static JobData data() {
        return JobData.ofImages(Mnist.train(TRAIN), Mnist.test(TEST), 10);
    }

    private static MultiLayerNetwork mlp() {
        return ModelSpec.of("mlp", new int[]{100, 50}, "relu").build(28, 28, 10, 42, 0.2);
    }

    @Test
    void layerModeTrainingCountsEveryExampleDecaysWithinBoundsAndLearns() {
        MultiLayerNetwork network = mlp();
        HeadLayout layout = HeadLayout.of(network, LrMode.LAYER);
        JobConfig config = JobConfig.of("lr.mode=layer", "lr.min=0.002", "lr.max=0.2");
        TrainerSettings settings = new TrainerSettings(BATCH, 5, 2, 1, MiEstimator.PLUGIN, PROBE);
        TrainingData rdds = data().toRdds(LocalSpark.context(), settings);
        List<EpochReport> reports = new ArrayList<>();
        new MiTrainer(LocalSpark.context(), settings)
                .train(network, rdds, layout, new MiLrPolicy(config.lrSettings(), layout.trainable(), layout.hasHiddenHead()),
                        3, (report, net) -> reports.add(report));

        assertEquals(4, reports.size(), "epoch 0 (before training) and three epochs");
        for (EpochReport report : reports) {
            assertEquals(3, report.heads().size(), "two hidden heads and the output head");
            for (HeadMeasurement head : report.heads()) {
                long expected = head.head().output() ? TRAIN : PROBE;
                assertEquals(expected, head.table().total(), "examples counted by " + head.head().name() + " in epoch " + report.epoch());
                assertTrue(head.mi().miNorm() >= 0 && head.mi().miNorm() <= 1);
            }
            for (double lr : report.learningRates()) {
                assertTrue(lr >= 0.002 && lr <= 0.2, "LR within [lr.min, lr.max]: " + lr);
            }
        }
        for (int e = 1; e < reports.size(); e++) {
            double[] before = reports.get(e - 1).learningRates();
            double[] after = reports.get(e).learningRates();
            for (int l = 0; l < after.length; l++) {
                assertTrue(after[l] <= before[l], "an LR never rises");
            }
            assertTrue(Double.isFinite(reports.get(e).trainLoss()));
        }
        double[] last = reports.get(3).learningRates();
        for (int l = 0; l < last.length; l++) {
            assertEquals(last[l], network.getLearningRate(l), 0.0, "the decided LR is set on the network");
        }
        assertTrue(reports.get(3).testAccuracy() > 0.85, "accuracy floor: " + reports.get(3).testAccuracy());
        assertTrue(reports.get(3).outputHead().mi().miNorm() > reports.get(0).outputHead().mi().miNorm());
    }

    /** The output head's table counts the training set, the probe sample, or the epoch's own training passes. */
    @Test
    void theOutputHeadIsMeasuredOnTheExamplesItsFormNames() {
        for (OutputMeasure measure : OutputMeasure.values()) {
            MultiLayerNetwork network = mlp();
            HeadLayout layout = HeadLayout.of(network, LrMode.NETWORK);
            TrainerSettings settings = new TrainerSettings(BATCH, 5, 2, 1, MiEstimator.PLUGIN, PROBE, OnDivergence.STOP,
                    measure);
            TrainingData rdds = data().toRdds(LocalSpark.context(), settings);
            List<EpochReport> reports = new ArrayList<>();
            new MiTrainer(LocalSpark.context(), settings).train(network, rdds, layout,
                    new MiLrPolicy(JobConfig.of().lrSettings(), layout.trainable(), layout.hasHiddenHead()), 1,
                    (report, net) -> reports.add(report));
            rdds.release();

            long expected = measure == OutputMeasure.SAMPLE ? PROBE : TRAIN;
            long before = measure == OutputMeasure.SAMPLE ? PROBE : TRAIN;
            assertEquals(before, reports.get(0).outputHead().table().total(), measure + ": epoch 0 (fused: a full pass)");
            assertEquals(expected, reports.get(1).outputHead().table().total(), measure.toString());
            assertTrue(reports.get(1).outputHead().mi().miNorm() > reports.get(0).outputHead().mi().miNorm(), measure.toString());
        }
    }

    /**
     * The LRs a policy decides on the driver are the ones the workers train with in the next epoch: a
     * layer given LR 0 does not move at all, and when the zero moves to another layer, so does the freeze.
     */
    @Test
    void learningRatesSetByThePolicyAreUsedInTheNextEpoch() {
        MultiLayerNetwork network = mlp();
        HeadLayout layout = HeadLayout.of(network, LrMode.NETWORK);
        double[][] schedule = {{0.0, 0.1, 0.1}, {0.1, 0.0, 0.1}, {0.1, 0.1, 0.1}};
        LearningRatePolicy scripted = new LearningRatePolicy() {
            @Override
            public LrDecision start(HeadReadings beforeTraining) {
                return new LrDecision(schedule[0], false);
            }

            @Override
            public LrDecision afterEpoch(int epoch, HeadReadings readings) {
                return new LrDecision(schedule[Math.min(epoch, 2)], false);
            }
        };
        List<INDArray[]> params = new ArrayList<>();
        TrainerSettings settings = new TrainerSettings(BATCH, 5, 2, 1, MiEstimator.PLUGIN, PROBE);
        TrainingData rdds = data().toRdds(LocalSpark.context(), settings);
        new MiTrainer(LocalSpark.context(), settings)
                .train(network, rdds, layout, scripted, 2, (report, net) -> params.add(new INDArray[]{
                        net.getLayer(0).params().dup(), net.getLayer(1).params().dup(), net.getLayer(2).params().dup()}));

        // Epoch 1 ran with layer 0 at LR 0, epoch 2 with layer 1 at LR 0.
        assertEquals(params.get(0)[0], params.get(1)[0], "layer 0 frozen in epoch 1");
        assertNotEquals(params.get(0)[1], params.get(1)[1], "layer 1 trained in epoch 1");
        assertNotEquals(params.get(1)[0], params.get(2)[0], "layer 0 trained in epoch 2");
        assertEquals(params.get(1)[1], params.get(2)[1], "layer 1 frozen in epoch 2");
        assertNotEquals(params.get(1)[2], params.get(2)[2], "output layer trained in epoch 2");
    }
}
