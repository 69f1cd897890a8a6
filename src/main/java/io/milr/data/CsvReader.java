package io.milr.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads CSV data into {@link LabeledVectors}: one example per line, one column the label, every
 * other column a feature. Blank lines are skipped; fields are not quoted.
 *
 * <p>A reader reads the training set and then the test set: the first data line it sees (or the
 * declared number of features) fixes how many features every later line must have, so that a
 * mismatch names the line it differs from. Every problem is a {@link DataFormatException} naming
 * the file, the line and (for a field) the 1-based column.
 */
public final class CsvReader {
    private final CsvFormat format;
    private final LabelRange labels;
    private final Configuration conf;
    private int features;
    private String featuresSource;

    public CsvReader(CsvFormat format, LabelRange labels, Configuration conf) {
        this.format = format;
        this.labels = labels;
        this.conf = conf;
    }

    /** Lines must hold {@code n} features; {@code source} says where that number comes from. */
    public CsvReader expectingFeatures(int n, String source) {
        this.features = n;
        this.featuresSource = "(" + source + ")";
        return this;
    }

    /** The first {@code limit} examples ({@code limit <= 0}: all of them). */
    public LabeledVectors read(InputFiles input, int limit) {
        LabeledVectors examples = readLines(input, limit);
        if (examples.size() == 0) {
            throw new DataFormatException(input.describe(), "holds no examples (only blank lines"
                    + (format.header() ? " and headers" : "") + "); expected lines of a label and "
                    + (features > 0 ? features + " " : "") + "features separated by '" + format.separator() + "'");
        }
        return examples;
    }

    /**
     * Every example of one file of a data set (on an executor), none when it holds only blank lines
     * and headers: an empty part of a directory is no error, an empty data set is.
     */
    public LabeledVectors readFile(Path file) {
        return readLines(new InputFiles(file, java.util.List.of(file)), 0);
    }

    private LabeledVectors readLines(InputFiles input, int limit) {
        FloatList values = new FloatList();
        IntList classes = new IntList();
        TextLines.read(input, conf, (file, number, text) -> {
            if ((number == 1 && format.header()) || text.isBlank()) {
                return true;
            }
            parseLine(file, number, text, values, classes);
            return limit <= 0 || classes.size() < limit;
        });
        return new LabeledVectors(Math.max(1, features), values.toArray(), classes.toArray());
    }

    private void parseLine(Path file, long number, String text, FloatList values, IntList classes) {
        String line = file + " line " + number;
        int columns = countColumns(text);
        int labelColumn = format.labelColumnOf(columns);
        if (labelColumn >= columns) {
            throw new DataFormatException(line, columns + " column(s), but the label is in column " + (labelColumn + 1)
                    + " (0-based index " + labelColumn + "); expected at least " + (labelColumn + 1) + " columns");
        }
        requireFeatureCount(line, columns - 1);
        String hint = number == 1 && !format.header() ? " (if line 1 is a header, set data.csv.header=true)" : "";
        int start = 0;
        for (int column = 0; column < columns; column++) {
            int end = text.indexOf(format.separator(), start);
            String field = text.substring(start, end < 0 ? text.length() : end);
            String where = line + " column " + (column + 1);
            if (column == labelColumn) {
                classes.add(TextFields.label(field, where, labels, hint));
            } else {
                values.add(TextFields.value(field, where, hint));
            }
            start = end + 1;
        }
    }

    private void requireFeatureCount(String line, int found) {
        if (features == 0) {
            if (found == 0) {
                throw new DataFormatException(line, "only a label, no features; expected a label and features"
                        + " separated by '" + format.separator() + "'");
            }
            features = found;
            featuresSource = "like " + line;
        } else if (found != features) {
            throw new DataFormatException(line, found + (found == 1 ? " feature" : " features") + ", expected "
                    + features + " " + featuresSource + " (separator '" + format.separator() + "')");
        }
    }

    private int countColumns(String text) {
        int columns = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == format.separator()) {
                columns++;
            }
        }
        return columns;
    }
}
