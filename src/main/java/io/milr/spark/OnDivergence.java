package io.milr.spark;

import java.util.Locale;

/** What the trainer does when an epoch ends with a NaN or infinite loss or parameter. */
public enum OnDivergence {
    /** End the run: the listener has seen only the epochs before. */
    STOP,
    /** Restore the last good epoch's parameters, let the policy lower its LRs, and train the epoch again. */
    ROLLBACK;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OnDivergence fromConfigName(String name) {
        for (OnDivergence action : values()) {
            if (action.configName().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action '" + name + "'");
    }
}
