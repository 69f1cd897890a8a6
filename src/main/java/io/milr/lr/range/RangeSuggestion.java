package io.milr.lr.range;

/** The operating range a rule read off a curve, with the rule's name and its reasoning in words. */
public record RangeSuggestion(double lrMin, double lrMax, String rule, String reason) {
    public RangeSuggestion {
        if (!(lrMin > 0 && lrMin < lrMax && Double.isFinite(lrMax))) {
            throw new IllegalArgumentException("a suggested range needs 0 < lrMin < lrMax, found [" + lrMin + ", " + lrMax + "]");
        }
    }
}
