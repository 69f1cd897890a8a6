package io.milr.job;

import io.milr.config.JobConfig;
import io.milr.report.Comparison;
import io.milr.report.RunDirectory;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short comparison on an MNIST slice: every optimiser trains and gets one row. */
class CompareJobTest {

    @Test
    void everyOptimizerRunsAndGetsOneRow(@TempDir Path dir) throws Exception {
        JobConfig config = JobConfig.of("model.hidden=64", "train.epochs=2", "train.batchSize=50",
                "train.averagingFrequency=5", "train.workers=2", "mi.probeSize=500",
                "data.train=" + Mnist.TRAIN, "data.test=" + Mnist.TEST, "data.trainLimit=2000", "data.testLimit=500");
        Configuration hadoop = new Configuration();
        RunDirectory out = RunDirectory.create(dir.resolve("cmp").toString(), false, hadoop);
        Comparison comparison = new CompareJob(config, out, new PrintStream(OutputStream.nullOutputStream()))
                .run(LocalSpark.context(), JobData.load(config, LocalSpark.context())).get(0);

        List<String> names = List.of("mi-lr", "mi-lr-layer", "sgd", "sgd-step", "adam", "rmsprop", "lars");
        assertEquals(names, comparison.rows().stream().map(r -> r.name()).toList());
        List<String> csv = Files.readAllLines(dir.resolve("cmp/comparison.csv"));
        assertEquals(1 + names.size(), csv.size(), "header and one row per optimizer");
        for (String name : names) {
            assertEquals(3, Files.readAllLines(dir.resolve("cmp/" + name + "/metrics.jsonl")).size(), name + " trained 2 epochs");
            assertTrue(Files.exists(dir.resolve("cmp/" + name + "/model.zip")));
            var row = comparison.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertTrue(row.finalAccuracy() > 0.5, name + " learned something: " + row.finalAccuracy());
        }
        assertTrue(Files.readString(dir.resolve("cmp/mi-lr-layer/config.properties")).contains("lr.mode=layer"));
        assertTrue(Files.readString(dir.resolve("cmp/lars/config.properties")).contains("optimizer=lars"));
        String md = Files.readString(dir.resolve("cmp/comparison.md"));
        assertEquals(names.size(), md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| optimizer")).count());
        assertEquals(900, ImageIO.read(dir.resolve("cmp/comparison.png").toFile()).getWidth());
    }

    @Test
    void severalSeedsGetADirectoryEachAndASummaryWithMeanAndSpread(@TempDir Path dir) throws Exception {
        JobConfig config = JobConfig.of("model.hidden=32", "train.epochs=1", "train.batchSize=50",
                "train.averagingFrequency=5", "train.workers=2", "mi.probeSize=500", "compare.optimizers=mi-lr,sgd",
                "compare.seeds=1,2", "data.train=" + Mnist.TRAIN, "data.test=" + Mnist.TEST, "data.trainLimit=1000",
                "data.testLimit=300");
        Configuration hadoop = new Configuration();
        RunDirectory out = RunDirectory.create(dir.resolve("cmp").toString(), false, hadoop);
        List<Comparison> bySeed = new CompareJob(config, out, new PrintStream(OutputStream.nullOutputStream()))
                .run(LocalSpark.context(), JobData.load(config, LocalSpark.context()));

        assertEquals(2, bySeed.size());
        for (String seed : List.of("1", "2")) {
            assertTrue(Files.readString(dir.resolve("cmp/seed-" + seed + "/sgd/config.properties")).contains("train.seed=" + seed));
            assertEquals(3, Files.readAllLines(dir.resolve("cmp/seed-" + seed + "/comparison.csv")).size());
        }
        assertNotEquals(bySeed.get(0).rows().get(1).finalAccuracy(), bySeed.get(1).rows().get(1).finalAccuracy(),
                "another seed, another run");
        List<String> summary = Files.readAllLines(dir.resolve("cmp/comparison.csv"));
        assertEquals(3, summary.size(), "header and one row per optimizer");
        double a = bySeed.get(0).rows().get(1).finalAccuracy();
        double b = bySeed.get(1).rows().get(1).finalAccuracy();
        String[] sgd = summary.get(2).split(",");
        assertEquals("sgd", sgd[0]);
        assertEquals((a + b) / 2, Double.parseDouble(sgd[2]), 1e-4, "mean final accuracy");
        assertEquals(Math.abs(a - b) / Math.sqrt(2), Double.parseDouble(sgd[3]), 1e-4, "sample standard deviation");
        assertTrue(Files.readString(dir.resolve("cmp/comparison.md")).contains("± "));
    }
}
