package io.milr.data;

import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;

/**
 * Reads LibSVM (SVMlight) data into {@link SparseLabeledVectors}: one example per line,
 * {@code label index:value index:value ...}, indices 1-based and ascending, features not listed
 * 0. Text from {@code #} to the end of a line is a comment; blank lines are skipped.
 *
 * <p>The number of features is either declared, and then every index must be within it, or the
 * largest index seen: {@link #largestIndex()} covers every set this reader has read (training and
 * test), so that both can be widened to the same number. Every problem is a
 * {@link DataFormatException} naming the file and line.
 */
public final class LibSvmReader {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private final LabelRange labels;
    private final Configuration conf;
    private int declaredFeatures;
    private String declaredSource;
    private int largestIndex;

    public LibSvmReader(LabelRange labels, Configuration conf) {
        this.labels = labels;
        this.conf = conf;
    }

    /** Indices must be within {@code 1..n}; {@code source} says where that number comes from. */
    public LibSvmReader expectingFeatures(int n, String source) {
        this.declaredFeatures = n;
        this.declaredSource = source;
        return this;
    }

    /** The largest feature index (1-based) in any line read so far; 0 before any. */
    public int largestIndex() {
        return largestIndex;
    }

    /**
     * The first {@code limit} examples ({@code limit <= 0}: all of them), as vectors of the declared
     * number of features or else of {@link #largestIndex()} (at least 1).
     */
    public SparseLabeledVectors read(InputFiles input, int limit) {
        SparseLabeledVectors examples = readLines(input, limit);
        if (examples.size() == 0) {
            throw new DataFormatException(input.describe(), "holds no examples (only blank and comment lines);"
                    + " expected lines of 'label index:value index:value ...'");
        }
        return examples;
    }

    /** Every example of one file of a data set (on an executor), none when it holds only blank and comment lines. */
    public SparseLabeledVectors readFile(org.apache.hadoop.fs.Path file) {
        return readLines(new InputFiles(file, java.util.List.of(file)), 0);
    }

    private SparseLabeledVectors readLines(InputFiles input, int limit) {
        IntList rowStart = new IntList();
        IntList indices = new IntList();
        FloatList values = new FloatList();
        IntList classes = new IntList();
        rowStart.add(0);
        TextLines.read(input, conf, (file, number, text) -> {
            int comment = text.indexOf('#');
            String content = (comment < 0 ? text : text.substring(0, comment)).strip();
            if (content.isEmpty()) {
                return true;
            }
            parseLine(file + " line " + number, content, indices, values, classes);
            rowStart.add(indices.size());
            return limit <= 0 || classes.size() < limit;
        });
        int numFeatures = declaredFeatures > 0 ? declaredFeatures : Math.max(1, largestIndex);
        return new SparseLabeledVectors(numFeatures, rowStart.toArray(), indices.toArray(), values.toArray(),
                classes.toArray());
    }

    private void parseLine(String line, String content, IntList indices, FloatList values, IntList classes) {
        String[] tokens = WHITESPACE.split(content);
        String hint = tokens[0].equals("-1") ? " (LibSVM's -1/+1 binary labels must be mapped to 0/1)" : "";
        classes.add(TextFields.label(tokens[0], line, labels, hint));
        int previous = 0;
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int colon = token.indexOf(':');
            if (colon <= 0) {
                throw new DataFormatException(line, "'" + token + "' is not index:value; expected LibSVM's"
                        + " 'label index:value index:value ...'");
            }
            int index = index(token.substring(0, colon), line, token);
            if (index <= previous) {
                throw new DataFormatException(line, "feature index " + index + " in '" + token + "' follows index "
                        + previous + "; expected ascending indices");
            }
            previous = index;
            indices.add(index - 1);
            values.add(TextFields.value(token.substring(colon + 1), line + " '" + token + "'", ""));
        }
        largestIndex = Math.max(largestIndex, previous);
    }

    private int index(String text, String line, String token) {
        int index;
        try {
            index = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(line, "feature index '" + text + "' in '" + token + "' is not a whole"
                    + " number; expected a 1-based feature index");
        }
        if (index < 1) {
            throw new DataFormatException(line, "feature index " + index + " in '" + token + "'; expected indices"
                    + " from 1 (LibSVM's indices are 1-based)");
        }
        if (declaredFeatures > 0 && index > declaredFeatures) {
            throw new DataFormatException(line, "feature index " + index + " in '" + token + "'; expected indices"
                    + " 1.." + declaredFeatures + " (" + declaredSource + ")");
        }
        return index;
    }
}
