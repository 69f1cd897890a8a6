package io.milr.lr.range;

import java.util.Map;

/** A suggestion rule: a pure function from a range-test curve to an LR range. Swap it by name. */
public interface RangeRule {
    /** The name used in configurations ({@code range.rule}) and recorded with the suggestion. */
    String name();

    RangeSuggestion suggest(RangeCurve curve);

    /** The rules a configuration may name; the first is the default. */
    static Map<String, RangeRule> byName(double miMargin) {
        return Map.of(
                MiFallRule.NAME, new MiFallRule(miMargin),
                LossMinimumRule.NAME, new LossMinimumRule());
    }
}
