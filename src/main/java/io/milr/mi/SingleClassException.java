package io.milr.mi;

/**
 * A table whose true labels do not span at least two classes: H(Y) = 0 and normalised MI is
 * undefined. This is an input error (wrong labels, a degenerate sample), not a NaN to carry on with.
 */
public class SingleClassException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SingleClassException(String message) {
        super(message);
    }

    static SingleClassException emptyTable() {
        return new SingleClassException("the table is empty (N = 0 examples): normalised MI needs at least two classes");
    }

    static SingleClassException singleLabel(long n, int label) {
        return new SingleClassException("all " + n + " examples have label " + label
                + ": normalised MI needs at least two classes");
    }
}
