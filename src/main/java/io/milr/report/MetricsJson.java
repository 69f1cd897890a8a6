package io.milr.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milr.spark.EpochReport;
import io.milr.spark.HeadMeasurement;

/** One {@code metrics.jsonl} line per epoch. Non-finite numbers (no LR, no loss yet) become null. */
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
}
