package io.milr.data;

import java.util.Locale;

/**
 * Parses the label and the feature values of a text line, with messages that say where the field
 * is, what it holds and what was expected. {@code hint} (may be empty) is appended to a message, e.g.
 * to suggest that a first line that is not a number is a header.
 */
final class TextFields {

    private TextFields() {
    }

    /** A whole number within {@code range}; {@code "3.0"} counts as 3. */
    static int label(String text, String location, LabelRange range, String hint) {
        String field = text.trim();
        long label;
        try {
            label = Long.parseLong(field.startsWith("+") ? field.substring(1) : field);
        } catch (NumberFormatException notLong) {
            label = integral(field, location, range, hint);
        }
        if (!range.contains(label)) {
            throw new DataFormatException(location, range.problemWith(label) + hint);
        }
        return (int) label;
    }

    private static long integral(String field, String location, LabelRange range, String hint) {
        double value;
        try {
            value = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value) || value != Math.rint(value)) {
            throw new DataFormatException(location, (field.isEmpty() ? "the label is empty" : "label '" + field
                    + "' is not a whole number") + "; expected a class index 0.." + (range.classes() - 1) + hint);
        }
        return (long) value;
    }

    /** A finite float. */
    static float value(String text, String location, String hint) {
        String field = text.trim();
        if (field.isEmpty()) {
            throw new DataFormatException(location, "the field is empty; expected a number" + hint);
        }
        float value;
        try {
            value = Float.parseFloat(field);
        } catch (NumberFormatException e) {
            if (!isNanWord(field) && !isInfinityWord(field)) {
                throw new DataFormatException(location, "'" + field + "' is not a number; expected a feature value"
                        + hint);
            }
            value = Float.NaN;
        }
        if (!Float.isFinite(value)) {
            throw new DataFormatException(location, "feature value '" + field + "' is " + nonFiniteKind(field)
                    + "; expected a finite number" + hint);
        }
        return value;
    }

    private static String nonFiniteKind(String field) {
        return isNanWord(field) ? "NaN" : isInfinityWord(field) ? "infinite" : "beyond the float range (about ±3.4e38)";
    }

    // Java parses only NaN and Infinity; numpy and others write nan and inf.
    private static boolean isNanWord(String field) {
        return unsigned(field).equals("nan");
    }

    private static boolean isInfinityWord(String field) {
        String word = unsigned(field);
        return word.equals("inf") || word.equals("infinity");
    }

    private static String unsigned(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        return lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    }
}
