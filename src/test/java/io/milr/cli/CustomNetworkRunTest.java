package io.milr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.model.TrainedModel;
import io.milr.report.EpochMetrics;
import io.milr.report.HeadMetrics;
import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;
import io.milr.testing.CustomNetworks;
import io.milr.testing.ExactTables;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short real layer-mode runs of a user's network (two convolution-batchnorm-ReLU-pool blocks, a dense
 * layer, the output: 6 parameter layers, {@link CustomNetworks#convBatchNorm}) on an MNIST slice
 * through the command line: heads on the convolutions, the dense layer and the output, the batchnorm
 * layers' LRs from the head above; exact tables; the model loads back and evaluates to the run's own
 * accuracy; model.init continues from the weights; --resume takes the network from its checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomNetworkRunTest {
    private static final int TRAIN = 2000;
    private static final int TEST = 500;
    private static final double LR_MIN = 0.002;
    private static final double LR_MAX = 0.1;

    @TempDir
    static Path dir;
    private Path config;
    private Path run;
    private String runConsole;
    private RunMetrics metrics;

    private record Ran(int status, String out, String err) {
    }

    private static Ran cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true), new PrintStream(err, true),
                SparkContexts.lent(LocalSpark.context()));
        return new Ran(status, out.toString(), err.toString());
    }

    /** train --out OUT with the job's settings and {@code more} (key=value each). */
    private Ran train(Path out, int epochs, String... more) {
        Stream<String> settings = Stream.concat(Stream.of("model=custom", "lr.mode=layer", "train.epochs=" + epochs,
                "train.batchSize=50", "train.averagingFrequency=5", "train.workers=2", "mi.probeSize=" + TRAIN,
                // A threshold of 1 makes every epoch a stall: each layer's LR then shows which head it follows.
                "mi.threshold=1", "lr.min=" + LR_MIN, "lr.max=" + LR_MAX, "data.train=" + Mnist.TRAIN,
                "data.test=" + Mnist.TEST, "data.trainLimit=" + TRAIN, "data.testLimit=" + TEST), Stream.of(more));
        String[] args = Stream.concat(Stream.of("train", "--out", out.toString()),
                settings.flatMap(s -> Stream.of("--set", s))).toArray(String[]::new);
        return cli(args);
    }

    private static RunMetrics read(Path run) {
        return RunMetrics.read(RunDirectory.open(run.toString(), new Configuration()));
    }

    @BeforeAll
    void trainTwoEpochs() {
        config = CustomNetworks.write(dir.resolve("net.json"), CustomNetworks.convBatchNorm(10));
        run = dir.resolve("run");
        Ran ran = train(run, 2, "model.config=" + config);
        assertEquals(0, ran.status(), ran.err());
        runConsole = ran.out();
        metrics = read(run);
    }

    @Test
    void consoleSaysTheUpdatersAreReplaced() {
        assertTrue(runConsole.contains("milr: model.config " + config + ": its updaters (Adam on 6 layers) are replaced"
                + " by milr's optimizer (MI-LR, SGD)\n"), runConsole);
        assertTrue(runConsole.contains("milr: custom " + config + " (10 layers, "), runConsole);
    }

    @Test
    void aHeadPerDenseAndConvolutionLayerAndTablesThatCountEveryExample() {
        for (EpochMetrics epoch : metrics.epochs()) {
            assertEquals(List.of("layer0", "layer4", "layer8", "output"),
                    epoch.heads().stream().map(HeadMetrics::name).toList(), "epoch " + epoch.epoch());
        }
        ExactTables.check(metrics, 2, Mnist.train(TRAIN).classCounts(10));
    }

    /** Every epoch stalls (threshold 1): each LR is min(its LR, the candidate of the head it follows). */
    @Test
    void batchNormLayersFollowTheHeadAbove() {
        int[] followed = {0, 4, -1, -1, 4, 8, -1, -1, 8, 9};
        double[] lr = new double[followed.length];
        java.util.Arrays.fill(lr, LR_MAX);
        for (EpochMetrics epoch : metrics.epochs()) {
            double[] next = epoch.learningRates();
            for (int layer = 0; layer < followed.length; layer++) {
                if (followed[layer] < 0) {
                    assertTrue(Double.isNaN(next[layer]), "layer " + layer + " has no parameters, no LR");
                    continue;
                }
                if (epoch.epoch() == 0) {
                    assertEquals(LR_MAX, next[layer], 0, "before training: lr.start (lr.max) on every parameter layer");
                    continue;
                }
                int head = followed[layer];
                double g = epoch.heads().stream().filter(h -> h.layer() == head).findFirst().orElseThrow().miNorm();
                lr[layer] = Math.max(LR_MIN, Math.min(lr[layer], LR_MIN + (LR_MAX - LR_MIN) * (1 - g)));
                assertEquals(lr[layer], next[layer], 1e-6, "epoch " + epoch.epoch() + ", layer " + layer);
            }
            if (epoch.epoch() > 0) {
                assertNotEquals(next[1], next[5], "the two batchnorm layers follow different heads");
            }
        }
    }

    @Test
    void theModelLoadsBackAndEvaluatesToTheRunsOwnAccuracy() throws Exception {
        TrainedModel model = TrainedModel.load(run.toString(), new Configuration());
        assertEquals(10, model.network().getnLayers());
        for (NeuralNetConfiguration layer : model.network().getLayerWiseConfigurations().getConfs()) {
            if (layer.getLayer() instanceof BaseLayer base) {
                assertTrue(base.getIUpdater() instanceof Sgd, layer.getLayer().getLayerName() + ": " + base.getIUpdater());
            }
        }
        Path eval = dir.resolve("eval");
        Ran ran = cli("evaluate", "--model", run.toString(), "--data", Mnist.TEST, "--limit", String.valueOf(TEST),
                "--out", eval.toString());
        assertEquals(0, ran.status(), ran.err());
        JsonNode evaluation = new ObjectMapper().readTree(eval.resolve("evaluation.json").toFile());
        assertEquals(TEST, evaluation.get("n").asLong());
        assertEquals(metrics.lastEpoch().testAccuracy(), evaluation.get("accuracy").asDouble(),
                "the run's own test accuracy after its last epoch");
    }

    @Test
    void fineTuningStartsFromTheGivenWeights() {
        Path tuned = dir.resolve("tuned");
        Path init = run.resolve("model.zip");
        Ran ran = train(tuned, 1, "model.config=" + config, "model.init=" + init);
        assertEquals(0, ran.status(), ran.err());
        assertTrue(ran.out().contains("milr: model.init " + init + ": starting from its weights ("), ran.out());
        EpochMetrics before = read(tuned).epochs().get(0);
        EpochMetrics last = metrics.lastEpoch();
        assertEquals(last.testAccuracy(), before.testAccuracy(), "epoch 0 of the fine-tuned run is the run's last");
        for (int h = 0; h < last.heads().size(); h++) {
            assertEquals(last.heads().get(h).mi(), before.heads().get(h).mi(), 1e-12, last.heads().get(h).name());
        }
        assertTrue(before.testAccuracy() > 0.5, "trained weights, not a fresh network: " + before.testAccuracy());
    }

    @Test
    void resumeTakesTheNetworkFromItsCheckpoint() throws Exception {
        Path ownConfig = CustomNetworks.write(dir.resolve("resumed.json"), CustomNetworks.convBatchNorm(10));
        Path resumed = dir.resolve("resumed");
        Ran first = train(resumed, 1, "model.config=" + ownConfig);
        assertEquals(0, first.status(), first.err());
        Files.delete(ownConfig);
        Ran ran = cli("train", "--resume", resumed.toString(), "--set", "train.epochs=2");
        assertEquals(0, ran.status(), ran.err());
        assertFalse(ran.out().contains("model.config"), "model.config is not read again: " + ran.out());
        EpochMetrics resumedLast = read(resumed).lastEpoch();
        EpochMetrics uninterrupted = metrics.lastEpoch();
        assertEquals(2, resumedLast.epoch());
        assertEquals(uninterrupted.testAccuracy(), resumedLast.testAccuracy(), "ends as the uninterrupted run");
        for (int h = 0; h < uninterrupted.heads().size(); h++) {
            assertEquals(uninterrupted.heads().get(h).mi(), resumedLast.heads().get(h).mi(), 1e-9);
        }
    }
}
