package io.milr.cli;

import io.milr.checkpoint.CheckpointException;
import io.milr.config.ConfigException;
import io.milr.data.DataFormatException;
import io.milr.mi.SingleClassException;
import io.milr.report.RunDirectoryException;
import io.milr.spark.TrainingDivergedException;
import io.milr.storage.StorageException;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the errors a user can fix (configuration, data, storage, run directory, divergence) from bugs, and
 * finds them where Spark hides them: a task's exception reaches the driver as the cause of a
 * SparkException, or only as text in its message when the class could not be sent back.
 */
final class UserErrors {
    private static final List<Class<? extends RuntimeException>> USER_ERRORS = List.of(ConfigException.class,
            DataFormatException.class, RunDirectoryException.class, SingleClassException.class,
            TrainingDivergedException.class, io.milr.report.MetricsFormatException.class, CheckpointException.class,
            StorageException.class);

    private UserErrors() {
    }

    /** The message for the user, if {@code error} is, or wraps, one they can fix. */
    static Optional<String> messageOf(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable e = error; e != null && seen.add(e); e = e.getCause()) {
            if (isUserError(e)) {
                return Optional.of(e.getMessage());
            }
        }
        for (Throwable e : seen) {
            Optional<String> quoted = quotedIn(e.getMessage());
            if (quoted.isPresent()) {
                return quoted;
            }
        }
        return Optional.empty();
    }

    private static boolean isUserError(Throwable e) {
        return USER_ERRORS.stream().anyMatch(type -> type.isInstance(e));
    }

    /** Spark's "Lost task ...: io.milr.data.DataFormatException: MESSAGE\n\tat ..." has the message as text. */
    private static Optional<String> quotedIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        for (Class<?> type : USER_ERRORS) {
            String marker = type.getName() + ": ";
            int start = message.indexOf(marker);
            if (start >= 0) {
                int from = start + marker.length();
                int end = message.indexOf('\n', from);
                return Optional.of(message.substring(from, end < 0 ? message.length() : end).strip());
            }
        }
        return Optional.empty();
    }
}
