package io.milr.config;

import java.util.Locale;

/**
 * The did-you-mean of a misspelt name (a configuration key, a table's column): the candidate fewest
 * single-character edits away, ignoring case, when it is close enough to be plausibly meant.
 */
public final class ClosestName {
    private ClosestName() {
    }

    /**
     * The first of {@code candidates} nearest to {@code name}, or null when even that one is more than
     * {@code max(leastAllowance, name.length() / 2)} edits away.
     */
    public static String among(String name, Iterable<String> candidates, int leastAllowance) {
        String wanted = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(leastAllowance, name.length() / 2) ? best : null;
    }

    /** Levenshtein distance: how many single-character edits turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
