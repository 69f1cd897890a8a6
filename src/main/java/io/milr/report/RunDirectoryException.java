package io.milr.report;

/** The run directory cannot be used; the message names it and says why. */
public final class RunDirectoryException extends RuntimeException {
    public RunDirectoryException(String message) {
        super(message);
    }

    public RunDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
