package io.milr.report.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.eval.ClassMetrics;
import io.milr.eval.ConfusionCounts;
import io.milr.eval.Evaluation;
import io.milr.report.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationFilesTest {

    private static Evaluation evaluation(long seed, int k, int size) {
        Random random = new Random(seed);
        ConfusionCounts counts = new ConfusionCounts(k);
        for (int i = 0; i < size; i++) {
            int label = random.nextInt(k);
            double[] p = new double[k];
            int predicted = random.nextDouble() < 0.7 ? label : random.nextInt(k);
            for (int c = 0; c < k; c++) {
                p[c] = c == predicted ? 0.6 : 0.4 / (k - 1);
            }
            counts.add(label, p);
        }
        return Evaluation.of(counts);
    }

    @Test
    void writesEveryFigureTheMatrixAndWhatWasEvaluated(@TempDir Path dir) throws Exception {
        Evaluation e = evaluation(4, 10, 5_000);
        RunDirectory run = RunDirectory.create(dir.toString(), false, new Configuration());
        EvaluationFiles.write(run, e, "runs/mnist-mlp", "data/mnist/t10k");

        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve(EvaluationFiles.JSON)));
        assertEquals("runs/mnist-mlp", json.get("model").asText());
        assertEquals("data/mnist/t10k", json.get("data").asText());
        assertEquals(e.n(), json.get("n").asLong());
        assertEquals(10, json.get("num_classes").asInt());
        // Full precision: every double reads back as the same double.
        assertEquals(e.accuracy(), json.get("accuracy").asDouble(), 0.0);
        assertEquals(e.weightedPrecision(), json.get("weighted_precision").asDouble(), 0.0);
        assertEquals(e.weightedRecall(), json.get("weighted_recall").asDouble(), 0.0);
        assertEquals(e.weightedF1(), json.get("weighted_f1").asDouble(), 0.0);
        assertEquals(e.macroF1(), json.get("macro_f1").asDouble(), 0.0);
        assertEquals(e.logLoss(), json.get("log_loss").asDouble(), 0.0);
        assertEquals(ConfusionCounts.LOG_LOSS_EPS, json.get("log_loss_eps").asDouble(), 0.0);
        assertEquals("plugin", json.get("mi_estimator").asText());
        assertEquals(e.hY(), json.get("h_y").asDouble(), 0.0);
        assertEquals(e.mi(), json.get("mi").asDouble(), 0.0);
        assertEquals(e.miNorm(), json.get("mi_norm").asDouble(), 0.0);
        for (ClassMetrics c : e.classes()) {
            JsonNode node = json.get("classes").get(c.label());
            assertEquals(c.label(), node.get("label").asInt());
            assertEquals(c.support(), node.get("support").asLong());
            assertEquals(c.predicted(), node.get("predicted").asLong());
            assertEquals(c.precision(), node.get("precision").asDouble(), 0.0);
            assertEquals(c.recall(), node.get("recall").asDouble(), 0.0);
            assertEquals(c.f1(), node.get("f1").asDouble(), 0.0);
        }
        long[][] confusion = e.confusion();
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                assertEquals(confusion[t][p], json.get("confusion_matrix").get(t).get(p).asLong(), "[" + t + "][" + p + "]");
            }
        }

        String md = Files.readString(dir.resolve(EvaluationFiles.MARKDOWN));
        assertTrue(md.contains("| accuracy | " + String.format(java.util.Locale.ROOT, "%.4f", e.accuracy()) + " |"), md);
        assertTrue(md.contains("runs/mnist-mlp") && md.contains("data/mnist/t10k"));
        for (int t = 0; t < 10; t++) {
            StringBuilder row = new StringBuilder("| **" + t + "** |");
            for (long count : confusion[t]) {
                row.append(' ').append(count).append(" |");
            }
            assertTrue(md.contains(row + " " + e.classes().get(t).support() + " |\n"), "confusion row " + t);
            ClassMetrics c = e.classes().get(t);
            assertTrue(md.contains("| " + t + " | " + c.support() + " | " + c.predicted() + " | "), "class row " + t);
        }
        assertTrue(md.contains("](" + EvaluationFiles.HEAT_MAP + ")"));

        BufferedImage png = ImageIO.read(dir.resolve(EvaluationFiles.HEAT_MAP).toFile());
        assertNotNull(png, "a PNG");
        assertEquals(800, png.getWidth());
        assertEquals(800, png.getHeight());
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void anUndefinedNormalisedMiIsNull() throws Exception {
        ConfusionCounts counts = new ConfusionCounts(3).add(2, new double[]{0.1, 0.2, 0.7});
        Evaluation e = Evaluation.of(counts);
        JsonNode json = new ObjectMapper().readTree(EvaluationFiles.json(e, "m", "d"));
        assertTrue(json.get("mi_norm").isNull());
        assertEquals(0.0, json.get("mi").asDouble(), 0.0);
        assertTrue(EvaluationFiles.markdown(e, "m", "d").contains("| normalised MI, I / H(Y) | undefined |"));
    }
}
