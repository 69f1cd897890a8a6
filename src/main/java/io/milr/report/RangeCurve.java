package io.milr.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A learning-rate range test's curve as written to {@code range.csv} (columns lr, mi_norm, loss,
 * seconds, any order, header first): one point per LR tried.
 */
public record RangeCurve(double[] lr, double[] miNorm, double[] loss, double[] seconds) {
    public static final String FILE = "range.csv";
    private static final List<String> COLUMNS = List.of("lr", "mi_norm", "loss", "seconds");

    public RangeCurve {
        lr = lr.clone();
        miNorm = miNorm.clone();
        loss = loss.clone();
        seconds = seconds.clone();
    }

    @Override
    public double[] lr() {
        return lr.clone();
    }

    @Override
    public double[] miNorm() {
        return miNorm.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    /** Parses the file's text; {@code where} names it in error messages. */
    public static RangeCurve parse(String csv, String where) {
        String[] lines = csv.split("\r?\n");
        List<String> header = Arrays.stream(lines[0].split(",")).map(String::trim).toList();
        int[] index = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            index[c] = header.indexOf(COLUMNS.get(c));
            if (index[c] < 0) {
                throw new MetricsFormatException(where + " line 1: no column " + COLUMNS.get(c)
                        + " in the header; expected " + String.join(",", COLUMNS));
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int line = 1; line < lines.length; line++) {
            if (!lines[line].isBlank()) {
                rows.add(row(lines[line].split(","), index, where + " line " + (line + 1)));
            }
        }
        return new RangeCurve(column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3));
    }

    private static double[] row(String[] fields, int[] index, String where) {
        double[] values = new double[index.length];
        for (int c = 0; c < index.length; c++) {
            String field = index[c] < fields.length ? fields[index[c]].trim() : "";
            try {
                values[c] = field.isEmpty() || field.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(field);
            } catch (NumberFormatException e) {
                throw new MetricsFormatException(where + ": " + COLUMNS.get(c) + " '" + field + "' is not a number");
            }
        }
        return values;
    }

    private static double[] column(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(row -> row[column]).toArray();
    }
}
