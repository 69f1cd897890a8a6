package io.milr.report;

/** A run directory's metrics (or range test) file is missing or unreadable; the message names the file and line. */
public final class MetricsFormatException extends RuntimeException {
    public MetricsFormatException(String message) {
        super(message);
    }
}
