package io.milr.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.report.RunDirectory;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import io.milr.testing.ShortRun;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole train job on a real MNIST slice: what lands in the run directory and on the console. */
class TrainJobTest {

    @Test
    void writesConfigMetricsModelAndReport() throws Exception {
        ShortRun run = ShortRun.get();
        Path dir = run.dir();

        Properties effective = new Properties();
        effective.load(Files.newBufferedReader(dir.resolve("config.properties")));
        for (var key : ConfigKeys.all()) {
            assertTrue(effective.containsKey(key.name()), "config.properties holds " + key.name());
        }
        assertEquals("layer", effective.getProperty("lr.mode"));

        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(3, lines.size(), "epoch 0 and two epochs");
        ObjectMapper json = new ObjectMapper();
        for (int e = 0; e < lines.size(); e++) {
            JsonNode epoch = json.readTree(lines.get(e));
            assertEquals(e, epoch.get("epoch").asInt());
            for (String field : List.of("seconds", "mi_seconds", "train_loss", "test_accuracy", "lr", "heads")) {
                assertTrue(epoch.has(field), field + " in epoch " + e);
            }
            assertEquals(2, epoch.get("lr").size(), "one LR per layer");
            assertEquals(2, epoch.get("heads").size(), "hidden head of layer 0 and the output head");
            for (JsonNode head : epoch.get("heads")) {
                long sum = 0;
                for (JsonNode row : head.get("table")) {
                    for (JsonNode cell : row) {
                        sum += cell.asLong();
                    }
                }
                assertEquals(head.get("n").asLong(), sum, "table of " + head.get("name").asText() + " sums to n");
                assertEquals(head.get("name").asText().equals("output") ? 3000 : 1000, sum);
                double miNorm = head.get("mi_norm").asDouble();
                assertEquals(head.get("mi").asDouble() / head.get("h_y").asDouble(), miNorm, 1e-12);
            }
        }
        assertTrue(json.readTree(lines.get(0)).get("train_loss").isNull(), "no training before epoch 1");

        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("model.zip").toFile(), true);
        assertEquals(run.network().params(), saved.params(), "model.zip holds the final network");
        assertTrue(Files.exists(dir.resolve("report.html")), "the run ends with its report");

        String printed = run.console();
        assertTrue(printed.contains("epoch  2/2") && printed.contains("test acc") && printed.contains("output="), printed);
        assertTrue(printed.contains("milr: report: ") && printed.contains("report.html"), printed);
    }

    @Test
    void autoRangeRunsTheRangeTestFirstAndTrainsWithinItsSuggestion(@TempDir Path dir) throws Exception {
        JobConfig config = JobConfig.of("model.hidden=64", "lr.range=auto", "train.epochs=1", "train.batchSize=50",
                "train.averagingFrequency=5", "train.workers=2", "range.lrLow=1e-3", "range.lrHigh=3",
                "range.stepsPerDecade=3", "range.probeSize=500",
                "data.train=" + Mnist.TRAIN, "data.test=" + Mnist.TEST, "data.trainLimit=3000", "data.testLimit=500");
        Configuration hadoop = new Configuration();
        RunDirectory out = RunDirectory.create(dir.resolve("run").toString(), false, hadoop);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new TrainJob(config, out, new PrintStream(console, true)).run(LocalSpark.context(), JobData.load(config, LocalSpark.context()));

        JsonNode range = new ObjectMapper().readTree(dir.resolve("run/range.json").toFile());
        Properties effective = new Properties();
        effective.load(Files.newBufferedReader(dir.resolve("run/config.properties")));
        assertEquals(range.get("lr.max").asDouble(), Double.parseDouble(effective.getProperty("lr.max")), 0);
        assertEquals(range.get("lr.min").asDouble(), Double.parseDouble(effective.getProperty("lr.min")), 0);
        JsonNode epoch0 = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("run/metrics.jsonl")).get(0));
        assertEquals(range.get("lr.max").asDouble(), epoch0.get("lr").get(0).asDouble(), 0, "training starts at the suggested lr.max");
        assertTrue(Files.exists(dir.resolve("run/range.csv")) && Files.exists(dir.resolve("run/range.png")));
        assertTrue(console.toString().contains("suggested lr.min="), console.toString());
    }
}
