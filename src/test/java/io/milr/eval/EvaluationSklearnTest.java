package io.milr.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.testing.SystemPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The figures MLlib lacks (macro F1, MI, normalised MI) and those it has, against scikit-learn on the
 * same pairs: an oracle independent of both milr and Spark. scikit-learn's macro F1 averages over the
 * classes in y_true or y_pred, as milr's does; with zero_division=0 its per-class conventions are milr's.
 */
class EvaluationSklearnTest {
    private static final String ORACLE = String.join("\n",
            "import sys, json",
            "from sklearn import metrics",
            "k = int(sys.argv[2])",
            "ys, ps, probs = [], [], []",
            "with open(sys.argv[1]) as f:",
            "    for line in f:",
            "        fields = line.split()",
            "        ys.append(int(fields[0])); ps.append(int(fields[1])); probs.append([float(v) for v in fields[2:]])",
            "labels = list(range(k))",
            "p, r, f, s = metrics.precision_recall_fscore_support(ys, ps, labels=labels, zero_division=0)",
            "print(json.dumps({",
            "  'accuracy': metrics.accuracy_score(ys, ps),",
            "  'precision': [float(v) for v in p], 'recall': [float(v) for v in r], 'f1': [float(v) for v in f],",
            "  'weighted_precision': metrics.precision_score(ys, ps, average='weighted', zero_division=0),",
            "  'weighted_recall': metrics.recall_score(ys, ps, average='weighted', zero_division=0),",
            "  'weighted_f1': metrics.f1_score(ys, ps, average='weighted', zero_division=0),",
            "  'macro_f1': metrics.f1_score(ys, ps, average='macro', zero_division=0),",
            "  'log_loss': metrics.log_loss(ys, probs, labels=labels),",
            "  'mi': metrics.mutual_info_score(ys, ps),",
            "  'h_y': metrics.mutual_info_score(ys, ys),",
            "}))");

    @Test
    void agreesWithScikitLearn(@TempDir Path dir) throws Exception {
        SystemPython.requireSklearn();
        int k = 10;
        // Class 3 is never predicted, class 8 never true: the cases where conventions matter.
        EvaluationTest.Pairs pairs = EvaluationTest.pairs(31, k, 4_000, 0.6, 3, 8);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < pairs.labels().length; i++) {
            lines.append(pairs.labels()[i]).append(' ').append(pairs.predictions()[i]);
            for (double p : pairs.probabilities()[i]) {
                lines.append(' ').append(p);
            }
            lines.append('\n');
        }
        Path file = dir.resolve("pairs.txt");
        Files.writeString(file, lines);
        List<String> printed = SystemPython.run(ORACLE, List.of(file.toString(), String.valueOf(k)));
        JsonNode sklearn = new ObjectMapper().readTree(printed.get(printed.size() - 1));

        Evaluation e = Evaluation.of(pairs.counts());
        assertEquals(sklearn.get("accuracy").asDouble(), e.accuracy(), 1e-15, "accuracy");
        for (int c = 0; c < k; c++) {
            ClassMetrics m = e.classes().get(c);
            assertEquals(sklearn.get("precision").get(c).asDouble(), m.precision(), 1e-15, "precision of " + c);
            assertEquals(sklearn.get("recall").get(c).asDouble(), m.recall(), 1e-15, "recall of " + c);
            assertEquals(sklearn.get("f1").get(c).asDouble(), m.f1(), 1e-15, "F1 of " + c);
        }
        assertEquals(sklearn.get("weighted_precision").asDouble(), e.weightedPrecision(), 1e-14);
        assertEquals(sklearn.get("weighted_recall").asDouble(), e.weightedRecall(), 1e-14);
        assertEquals(sklearn.get("weighted_f1").asDouble(), e.weightedF1(), 1e-14);
        assertEquals(sklearn.get("macro_f1").asDouble(), e.macroF1(), 1e-14, "macro F1");
        assertEquals(sklearn.get("log_loss").asDouble(), e.logLoss(), 1e-12, "log loss (no probability is clipped)");
        assertEquals(sklearn.get("mi").asDouble(), e.mi(), 1e-12, "MI, nats");
        assertEquals(sklearn.get("h_y").asDouble(), e.hY(), 1e-12, "H(Y) = I(Y; Y)");
        assertEquals(sklearn.get("mi").asDouble() / sklearn.get("h_y").asDouble(), e.miNorm(), 1e-12, "normalised MI");
    }
}
