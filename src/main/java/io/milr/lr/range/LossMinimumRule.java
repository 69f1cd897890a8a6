package io.milr.lr.range;

import java.util.Locale;

/**
 * The classic loss-based finder, for comparison: lrMax is the LR at the lowest training loss before
 * divergence, lrMin = lrMax / 10. Ignores the MI.
 */
public final class LossMinimumRule implements RangeRule {
    public static final String NAME = "loss-min";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RangeSuggestion suggest(RangeCurve curve) {
        int end = curve.diverged() ? curve.size() - 1 : curve.size();
        int best = -1;
        for (int i = 0; i < end; i++) {
            if (Double.isFinite(curve.point(i).loss()) && (best < 0 || curve.point(i).loss() < curve.point(best).loss())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("the range test has no finite loss before divergence; lower range.lrLow");
        }
        double lrMax = curve.point(best).lr();
        return new RangeSuggestion(lrMax / 10, lrMax, NAME,
                String.format(Locale.ROOT, "lowest training loss %.4g at lr %.3g; lrMin = lrMax / 10", curve.point(best).loss(), lrMax));
    }
}
