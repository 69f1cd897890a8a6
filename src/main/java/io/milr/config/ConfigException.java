package io.milr.config;

/**
 * A problem with the job's configuration that the user must fix. The message names the key (and the
 * file it came from, when there is one), what was found and what was expected; it is printed as is,
 * without a stack trace.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
