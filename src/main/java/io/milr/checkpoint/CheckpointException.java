package io.milr.checkpoint;

/**
 * A run cannot be resumed: no run directory, no complete checkpoint, or a checkpoint whose state
 * file is corrupt. The message names the path and what was expected there.
 */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
