package io.milr.report.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milr.eval.ClassMetrics;
import io.milr.eval.ConfusionCounts;
import io.milr.eval.Evaluation;
import io.milr.report.RunDirectory;
import io.milr.report.html.ConfusionHeatMap;

import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The files an evaluation writes into a directory, each atomically through {@link RunDirectory}:
 * {@value #JSON} (every figure at full precision, the confusion matrix, and what was evaluated),
 * {@value #MARKDOWN} (the same as tables to read) and {@value #HEAT_MAP} (the confusion matrix drawn).
 * Non-finite figures (normalised MI of a one-class data set) are written as JSON null.
 */
public final class EvaluationFiles {
    public static final String JSON = "evaluation.json";
    public static final String MARKDOWN = "evaluation.md";
    public static final String HEAT_MAP = "evaluation-confusion.png";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationFiles() {
    }

    /**
     * Writes the three files.
     *
     * @param model what was evaluated, as the user named it (e.g. the run directory)
     * @param data  what it was evaluated on (e.g. the data path or URI)
     */
    public static void write(RunDirectory dir, Evaluation evaluation, String model, String data) {
        dir.writeString(JSON, json(evaluation, model, data));
        dir.writeString(MARKDOWN, markdown(evaluation, model, data));
        byte[] png = ConfusionHeatMap.png(evaluation.confusion(), "Confusion matrix, " + String.format(Locale.ROOT,
                "%,d", evaluation.n()) + " examples");
        dir.write(HEAT_MAP, out -> out.write(png));
    }

    /** The content of {@value #JSON}. */
    public static String json(Evaluation e, String model, String data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", model);
        root.put("data", data);
        root.put("n", e.n());
        root.put("num_classes", e.numClasses());
        number(root, "accuracy", e.accuracy());
        number(root, "weighted_precision", e.weightedPrecision());
        number(root, "weighted_recall", e.weightedRecall());
        number(root, "weighted_f1", e.weightedF1());
        number(root, "macro_f1", e.macroF1());
        number(root, "log_loss", e.logLoss());
        root.put("log_loss_eps", ConfusionCounts.LOG_LOSS_EPS);
        root.put("mi_estimator", e.estimator().configName());
        number(root, "h_y", e.hY());
        number(root, "mi", e.mi());
        number(root, "mi_norm", e.miNorm());
        ArrayNode classes = root.putArray("classes");
        for (ClassMetrics c : e.classes()) {
            ObjectNode node = classes.addObject();
            node.put("label", c.label());
            node.put("support", c.support());
            node.put("predicted", c.predicted());
            number(node, "precision", c.precision());
            number(node, "recall", c.recall());
            number(node, "f1", c.f1());
        }
        root.put("confusion_matrix_layout", "rows = true class, columns = predicted class");
        ArrayNode matrix = root.putArray("confusion_matrix");
        for (long[] row : e.confusion()) {
            ArrayNode cells = matrix.addArray();
            for (long count : row) {
                cells.add(count);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("writing " + JSON + " failed", ex);
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** The content of {@value #MARKDOWN}. */
    public static String markdown(Evaluation e, String model, String data) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation\n\n");
        md.append("Model `").append(model).append("` on `").append(data).append("`: ")
                .append(String.format(Locale.ROOT, "%,d", e.n())).append(" examples, ")
                .append(e.numClasses()).append(" classes.\n\n");
        md.append("| figure | value | Spark MLlib name |\n|---|---:|---|\n");
        row(md, "accuracy", figure(e.accuracy()), "`accuracy`");
        row(md, "weighted precision", figure(e.weightedPrecision()), "`weightedPrecision`");
        row(md, "weighted recall", figure(e.weightedRecall()), "`weightedRecall`");
        row(md, "weighted F1", figure(e.weightedF1()), "`f1` (`weightedFMeasure`)");
        row(md, "macro F1", figure(e.macroF1()), "none (scikit-learn's `f1_score(average='macro')`)");
        row(md, "log loss", figure(e.logLoss()), "`logLoss`");
        row(md, "MI of predictions and labels (nats)", figure(e.mi()), "none");
        row(md, "normalised MI, I / H(Y)", figure(e.miNorm()), "none");
        md.append("\nWeights are the true classes' frequencies. MI uses the ").append(e.estimator().configName())
                .append(" estimator; H(Y) = ").append(figure(e.hY())).append(" nats.\n\n");

        md.append("## Per class\n\n| class | support | predicted | precision | recall | F1 |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        for (ClassMetrics c : e.classes()) {
            md.append("| ").append(c.label()).append(" | ").append(c.support()).append(" | ").append(c.predicted())
                    .append(" | ").append(figure(c.precision())).append(" | ").append(figure(c.recall()))
                    .append(" | ").append(figure(c.f1())).append(" |\n");
        }
        md.append("\nA class never predicted has precision 0; a class with no examples has recall 0 and"
                + " weight 0.\n\n");

        md.append("## Confusion matrix\n\nRows are the true class, columns the predicted class.\n\n| true \\ predicted |");
        for (int p = 0; p < e.numClasses(); p++) {
            md.append(' ').append(p).append(" |");
        }
        md.append(" total |\n|---:|");
        md.append("---:|".repeat(e.numClasses() + 1)).append('\n');
        long[][] confusion = e.confusion();
        for (int t = 0; t < confusion.length; t++) {
            md.append("| **").append(t).append("** |");
            long total = 0;
            for (long count : confusion[t]) {
                md.append(' ').append(count).append(" |");
                total += count;
            }
            md.append(' ').append(total).append(" |\n");
        }
        md.append("\n![confusion matrix](").append(HEAT_MAP).append(")\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value, String mllib) {
        md.append("| ").append(name).append(" | ").append(value).append(" | ").append(mllib).append(" |\n");
    }

    private static String figure(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "undefined";
    }
}
