package io.milr.storage;

/**
 * A file system a job names cannot be used, for a reason the user can fix; the message names the
 * URI (and the setting it came from) and the cause.
 */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String where, String cause, Throwable error) {
        super(where + ": " + cause, error);
    }
}
