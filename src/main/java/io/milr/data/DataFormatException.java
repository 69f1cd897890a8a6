package io.milr.data;

/**
 * Input data is not what milr expects: a missing or malformed IDX file, or a label outside the
 * range a model was built for. The message is meant for the user and starts with the offending
 * location (a file URI, a path prefix or an example index).
 */
public final class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;

    public DataFormatException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    public DataFormatException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
    }

    /** Where the problem was found: a file URI, a path prefix or an example index. */
    public String location() {
        return location;
    }
}
