package io.milr.spark;

/**
 * Training diverged and could not, or was not to, be rolled back. A user-facing error: the message
 * says in which epoch, how, at which learning rates, and (once the job adds it) where the last good
 * model is and what to change.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Divergence divergence;

    public TrainingDivergedException(Divergence divergence, String message) {
        super(message);
        this.divergence = divergence;
    }

    public Divergence divergence() {
        return divergence;
    }
}
