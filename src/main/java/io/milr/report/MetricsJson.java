package io.milr.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milr.spark.EpochReport;
import io.milr.spark.HeadMeasurement;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metrics.jsonl} format, written and read back here only: one line per epoch.
 * Non-finite numbers (no LR, no loss yet) are written as null and read back as NaN.
 */
public final class MetricsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJson() {
    }

    public static String line(EpochReport report) {
        ObjectNode epoch = JSON.createObjectNode();
        epoch.put("epoch", report.epoch());
        putNumber(epoch, "seconds", report.seconds());
        putNumber(epoch, "mi_seconds", report.miSeconds());
        putNumber(epoch, "train_loss", report.trainLoss());
        putNumber(epoch, "test_accuracy", report.testAccuracy());
        ArrayNode lr = epoch.putArray("lr");
        for (double rate : report.learningRates()) {
            if (Double.isFinite(rate)) {
                lr.add(rate);
            } else {
                lr.addNull();
            }
        }
        epoch.put("stalled", report.stalled());
        ArrayNode heads = epoch.putArray("heads");
        for (HeadMeasurement head : report.heads()) {
            heads.add(head(head));
        }
        return epoch.toString();
    }

    private static ObjectNode head(HeadMeasurement measurement) {
        ObjectNode head = JSON.createObjectNode();
        head.put("name", measurement.head().name());
        head.put("layer", measurement.head().layer());
        head.put("n", measurement.table().total());
        putNumber(head, "h_y", measurement.mi().hY());
        putNumber(head, "mi", measurement.mi().mi());
        putNumber(head, "mi_norm", measurement.mi().miNorm());
        ArrayNode table = head.putArray("table");
        for (long[] row : measurement.table().toArray()) {
            ArrayNode cells = table.addArray();
            for (long count : row) {
                cells.add(count);
            }
        }
        return head;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** Reads one line back; an {@link IllegalArgumentException} says what is wrong with it. */
    public static EpochMetrics parse(String line) {
        JsonNode epoch;
        try {
            epoch = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
        }
        if (epoch == null || !epoch.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<HeadMetrics> heads = new ArrayList<>();
        for (JsonNode head : array(epoch, "heads")) {
            heads.add(parseHead(head));
        }
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("\"heads\" is empty; expected at least the output head");
        }
        JsonNode lr = array(epoch, "lr");
        double[] rates = new double[lr.size()];
        for (int layer = 0; layer < rates.length; layer++) {
            rates[layer] = numberOrNull(lr.get(layer), "lr[" + layer + "]");
        }
        return new EpochMetrics(integer(epoch, "epoch"), number(epoch, "seconds"), number(epoch, "mi_seconds"),
                number(epoch, "train_loss"), number(epoch, "test_accuracy"), rates,
                epoch.path("stalled").asBoolean(false), heads);
    }

    private static HeadMetrics parseHead(JsonNode head) {
        if (!head.isObject() || !head.path("name").isTextual()) {
            throw new IllegalArgumentException("every entry of \"heads\" must be an object with a \"name\"");
        }
        String name = head.get("name").asText();
        JsonNode rows = array(head, "table");
        long[][] table = new long[rows.size()][];
        for (int row = 0; row < table.length; row++) {
            JsonNode cells = rows.get(row);
            if (!cells.isArray() || cells.size() != rows.size()) {
                throw new IllegalArgumentException("table of head " + name + ": row " + row + " is not "
                        + rows.size() + " counts; expected a square table");
            }
            table[row] = new long[cells.size()];
            for (int col = 0; col < cells.size(); col++) {
                table[row][col] = cells.get(col).asLong();
            }
        }
        return new HeadMetrics(name, integer(head, "layer"), head.path("n").asLong(), number(head, "h_y"),
                number(head, "mi"), number(head, "mi_norm"), table);
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not an array");
        }
        return value;
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not an integer");
        }
        return value.asInt();
    }

    /** A number, or NaN for null; a missing field is NaN too, so that older files still read. */
    private static double number(JsonNode node, String field) {
        return numberOrNull(node.get(field), "\"" + field + "\"");
    }

    private static double numberOrNull(JsonNode value, String what) {
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(what + " is not a number: " + value);
        }
        return value.asDouble();
    }
}
