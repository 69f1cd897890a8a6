package io.milr.spark;

import io.milr.config.JobConfig;
import io.milr.job.JobData;
import io.milr.job.RangeTestJob;
import io.milr.lr.range.GeometricSchedule;
import io.milr.lr.range.RangeCurve;
import io.milr.lr.range.RangeSuggestion;
import io.milr.lr.range.RangeTestSettings;
import io.milr.mi.MiEstimator;
import io.milr.model.ModelSpec;
import io.milr.report.RunDirectory;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The range test on a real MNIST slice in local-mode Spark. */
class RangeTestRunnerTest {
    private static final TrainerSettings TRAINER = new TrainerSettings(50, 5, 2, 42, MiEstimator.PLUGIN, 1000);
    private static JobData data;
    private static TrainingData rdds;

    @BeforeAll
    static void load() {
        data = JobData.ofImages(Mnist.train(6000), Mnist.test(500), 10);
        rdds = data.toRdds(LocalSpark.context(), TRAINER);
    }

    @AfterAll
    static void release() {
        rdds.release();
    }

    private static MultiLayerNetwork mlp() {
        return ModelSpec.of("mlp", new int[]{500, 300}, "relu").build(28, 28, 10, 42, 1e-3);
    }

    private static RangeCurve run(GeometricSchedule schedule) {
        return new RangeTestRunner(LocalSpark.context(), TRAINER, new RangeTestSettings(schedule, 1, false, 1000, 4))
                .run(mlp(), rdds, step -> { });
    }

    @Test
    void oneRowPerStepWhenNothingDiverges() {
        RangeCurve curve = run(new GeometricSchedule(1e-3, 1e-1, 4));
        assertEquals(9, curve.size());
        assertTrue(!curve.diverged());
        assertTrue(curve.point(8).miNorm() > curve.startMiNorm() + 0.1, "the network learns as the LR rises");
    }

    @Test
    void stopsAtTheFirstDivergedStep() {
        RangeCurve curve = run(new GeometricSchedule(0.1, 1000, 2));
        assertTrue(curve.diverged(), "plain SGD at LR 1000 diverges");
        assertTrue(curve.size() < 9, "stopped early after " + curve.size() + " steps");
        var last = curve.point(curve.size() - 1);
        double best = curve.points().subList(0, curve.size() - 1).stream().mapToDouble(p -> p.loss()).min().orElse(Double.POSITIVE_INFINITY);
        assertTrue(!Double.isFinite(last.loss()) || last.loss() > 4 * best, "the last row is the diverged one");
    }

    /** The default schedule and rule: the same seed gives the same suggestion, and it lies in a sensible band. */
    @Test
    void defaultTestIsReproducibleAndSuggestsASensibleRangeForPlainSgd(@TempDir Path dir) throws Exception {
        JobConfig config = JobConfig.of("train.batchSize=50", "train.averagingFrequency=5", "train.workers=2",
                "range.probeSize=1000");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        RangeSuggestion first = new RangeTestJob(config, dir(dir, "a"), quiet).run(LocalSpark.context(), data, rdds);
        RangeSuggestion second = new RangeTestJob(config, dir(dir, "b"), quiet).run(LocalSpark.context(), data, rdds);
        assertEquals(first, second, "same seed, same suggestion");
        assertEquals(Files.readString(dir.resolve("a/range.csv")).lines().map(l -> l.substring(0, l.lastIndexOf(','))).toList(),
                Files.readString(dir.resolve("b/range.csv")).lines().map(l -> l.substring(0, l.lastIndexOf(','))).toList(),
                "same curve apart from the timings");
        assertTrue(first.lrMax() >= 0.01 && first.lrMax() <= 2, "lr.max in [0.01, 2]: " + first);
        assertTrue(first.lrMin() < first.lrMax());

        List<String> csv = Files.readAllLines(dir.resolve("a/range.csv"));
        assertEquals("lr,mi_norm,loss,seconds", csv.get(0));
        String json = Files.readString(dir.resolve("a/range.json"));
        assertTrue(json.contains("\"rule\" : \"mi-fall\"") && json.contains("\"lr.max\""), json);
        BufferedImage png = ImageIO.read(dir.resolve("a/range.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(520, png.getHeight());
    }

    private static RunDirectory dir(Path root, String name) {
        return RunDirectory.create(root.resolve(name).toString(), false, new Configuration());
    }
}
