package io.milr.sql;

import io.milr.data.DataFormatException;
import io.milr.data.FloatList;
import io.milr.data.IntList;
import io.milr.data.LabelRange;
import io.milr.data.LabeledData;
import io.milr.data.LabeledVectors;
import io.milr.data.RowChunk;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Runs in a task: turns the rows of one partition, selected as {@code label, features..., file}, into
 * chunks of examples. Checks every row as milr's text readers check every line: the label a class
 * index within range (or a known string), every feature a finite number, every row as wide as the
 * first. A problem throws {@link DataFormatException#inRow}: the check pass turns the row's place in
 * its partition into its number in the table.
 *
 * @param where       the table, for messages ({@code data.train = URI})
 * @param classNames  string labels in class order (class k is {@code classNames.get(k)}); empty for numeric labels
 * @param features    the number of features every row must have, or 0 to take it from each partition's first row
 * @param featuresSource where a required number of features comes from, for messages
 */
public record RowConverter(String where, ColumnLayout layout, LabelRange labels, List<String> classNames,
                           boolean skipNulls, int features, String featuresSource) implements Serializable {
    /** Rows per chunk: enough to amortise, few enough that a partition is never held at once. */
    static final int CHUNK_ROWS = 4096;

    /** The chunks of one partition's rows, converted lazily. */
    public Iterator<LabeledData> chunks(int partition, Iterator<Row> rows) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classNames.size(); k++) {
            index.put(classNames.get(k), k);
        }
        return new Iterator<>() {
            private long row;
            private int width = features;
            private String widthSource = featuresSource;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public LabeledData next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                FloatList values = new FloatList();
                IntList classes = new IntList();
                long skipped = 0;
                while (rows.hasNext() && classes.size() < CHUNK_ROWS) {
                    Row r = rows.next();
                    try {
                        if (!convert(r, index, values, classes)) {
                            skipped++;
                        }
                    } catch (RowProblem problem) {
                        String problemFile = r.isNullAt(r.length() - 1) ? "" : r.getString(r.length() - 1);
                        throw DataFormatException.inRow(where, partition, row, problem.getMessage()
                                + (problemFile.isEmpty() ? "" : " (in file " + problemFile + ")"));
                    }
                    row++;
                }
                return new RowChunk(new LabeledVectors(Math.max(1, width), values.toArray(), classes.toArray()),
                        skipped);
            }

            /** Adds one row's example; false when the row holds a null and nulls are skipped. */
            private boolean convert(Row r, Map<String, Integer> index, FloatList values, IntList classes) {
                String nullProblem = nullProblem(r);
                if (nullProblem != null) {
                    if (skipNulls) {
                        return false;
                    }
                    throw new RowProblem(nullProblem);
                }
                int label = label(r, index);
                int before = values.size();
                addFeatures(r, values);
                int found = values.size() - before;
                if (width == 0) {
                    width = found;
                    widthSource = "like the partition's first row";
                } else if (found != width) {
                    throw new RowProblem(found + " features, expected " + width + " (" + widthSource + ")");
                }
                classes.add(label);
                return true;
            }
        };
    }

    /** What is null in the row (a column, or an element of the array column), or null when nothing is. */
    private String nullProblem(Row r) {
        for (int i = 0; i < r.length() - 1; i++) {
            if (r.isNullAt(i)) {
                String column = i == 0 ? layout.label() : layout.features().get(i - 1);
                return "column '" + column + "' is null; expected " + (i == 0 ? "a label" : "features")
                        + " (or data.nulls=skip to skip such rows)";
            }
        }
        if (layout.kind() == ColumnLayout.FeatureKind.ARRAY) {
            int at = r.getList(1).indexOf(null);
            if (at >= 0) {
                return "column '" + layout.features().get(0) + "' holds a null element at index " + at
                        + "; expected numbers (or data.nulls=skip to skip such rows)";
            }
        }
        return null;
    }

    private int label(Row r, Map<String, Integer> index) {
        if (layout.stringLabels()) {
            String name = r.getString(0);
            Integer k = index.get(name);
            if (k == null) {
                throw new RowProblem("label '" + name + "' in column '" + layout.label() + "' is not one of the "
                        + classNames.size() + " labels of the training set; expected one of " + preview(classNames));
            }
            return k;
        }
        double value = ((Number) r.get(0)).doubleValue();
        if (!Double.isFinite(value) || value != Math.rint(value)) {
            throw new RowProblem("label " + value + " in column '" + layout.label() + "' is not a whole number;"
                    + " expected a class index 0.." + (labels.classes() - 1));
        }
        if (!labels.contains((long) value)) {
            throw new RowProblem(labels.problemWith((long) value) + " in column '" + layout.label() + "'");
        }
        return (int) value;
    }

    private void addFeatures(Row r, FloatList values) {
        switch (layout.kind()) {
            case VECTOR -> addAll(((Vector) r.get(1)).toArray(), values);
            case VECTOR_STRUCT -> addAll(storedVector(r.getStruct(1)), values);
            case ARRAY -> {
                List<Object> array = r.getList(1);
                for (int j = 0; j < array.size(); j++) {
                    values.add(finite(((Number) array.get(j)).doubleValue(), j));
                }
            }
            case COLUMNS -> {
                for (int j = 0; j < layout.features().size(); j++) {
                    values.add(finite(((Number) r.get(1 + j)).doubleValue(), j));
                }
            }
        }
    }

    private void addAll(double[] vector, FloatList values) {
        for (int j = 0; j < vector.length; j++) {
            values.add(finite(vector[j], j));
        }
    }

    /** VectorUDT's storage: type 0 sparse (size, indices, values), type 1 dense (values). */
    private static double[] storedVector(Row stored) {
        List<Object> values = stored.getList(3);
        double[] dense = new double[stored.getByte(0) == 0 ? stored.getInt(1) : values.size()];
        if (stored.getByte(0) == 0) {
            List<Object> indices = stored.getList(2);
            for (int j = 0; j < indices.size(); j++) {
                dense[(Integer) indices.get(j)] = (Double) values.get(j);
            }
        } else {
            for (int j = 0; j < dense.length; j++) {
                dense[j] = (Double) values.get(j);
            }
        }
        return dense;
    }

    private float finite(double value, int feature) {
        float f = (float) value;
        if (!Float.isFinite(f)) {
            String column = layout.kind() == ColumnLayout.FeatureKind.COLUMNS ? "column '" + layout.features().get(feature) + "'"
                    : "column '" + layout.features().get(0) + "' element " + feature;
            throw new RowProblem(column + " is " + value + (Double.isFinite(value) ? " (beyond the float range)" : "")
                    + "; expected a finite number");
        }
        return f;
    }

    private static String preview(List<String> names) {
        return names.size() <= 10 ? names.toString() : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
    }

    /** A row's problem, before it is known where the row is. */
    private static final class RowProblem extends RuntimeException {
        RowProblem(String message) {
            super(message, null, false, false);
        }
    }
}
