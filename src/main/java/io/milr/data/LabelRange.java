package io.milr.data;

/**
 * The labels a data set may hold: class indices {@code 0..classes-1}. {@code reason} says where
 * the bound comes from (e.g. {@code model.outputs=10}), for messages.
 */
public record LabelRange(int classes, String reason) implements java.io.Serializable {

    public LabelRange {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, found " + classes);
        }
    }

    public boolean contains(long label) {
        return label >= 0 && label < classes;
    }

    /** What is wrong with {@code label}, for a message that starts with its location. */
    public String problemWith(long label) {
        return "label " + label + " is not a class index 0.." + (classes - 1) + " (" + reason + ")";
    }
}
