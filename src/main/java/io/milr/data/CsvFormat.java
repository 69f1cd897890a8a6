package io.milr.data;

/**
 * The shape of a CSV data file: which column holds the label ({@link #LAST_COLUMN} for the last),
 * whether the first line of every file is a header, and the separator character.
 */
public record CsvFormat(int labelColumn, boolean header, char separator) implements java.io.Serializable {
    public static final int LAST_COLUMN = -1;

    public CsvFormat {
        if (labelColumn < LAST_COLUMN) {
            throw new IllegalArgumentException("labelColumn must be >= 0 or LAST_COLUMN, found " + labelColumn);
        }
        if (separator == '\n' || separator == '\r' || separator == '"') {
            throw new IllegalArgumentException("separator cannot be a line break or a quote");
        }
    }

    /** The label's column in a line of {@code columns} columns. */
    int labelColumnOf(int columns) {
        return labelColumn == LAST_COLUMN ? columns - 1 : labelColumn;
    }
}
