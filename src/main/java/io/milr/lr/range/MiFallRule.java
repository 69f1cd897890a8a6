package io.milr.lr.range;

import java.util.Locale;

/**
 * METHOD.md section 4, the default: lrMax is the largest LR before the MI falls clearly (by more
 * than {@code margin}) below its best value or the loss diverges; lrMin is the LR at which the MI
 * first rises clearly above its value before training, or lrMax / 10 when that is unclear.
 */
public record MiFallRule(double margin) implements RangeRule {
    public static final String NAME = "mi-fall";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RangeSuggestion suggest(RangeCurve curve) {
        int last = lastGoodStep(curve);
        if (last < 0) {
            throw new IllegalArgumentException("the range test has no usable step: it diverged at its first LR "
                    + curve.point(0).lr() + "; lower range.lrLow");
        }
        double lrMax = curve.point(last).lr();
        String maxReason = last == curve.size() - 1
                ? "MI did not fall clearly before the last LR tried"
                : String.format(Locale.ROOT, "at lr %.3g %s", curve.point(last + 1).lr(),
                    curve.diverged() && last + 1 == curve.size() - 1 ? "the loss diverged" : "MI fell clearly below its best");
        int rise = firstClearRise(curve, last);
        if (rise < 0 || curve.point(rise).lr() >= lrMax) {
            return new RangeSuggestion(lrMax / 10, lrMax, NAME,
                    maxReason + "; MI never rose clearly below lrMax, so lrMin = lrMax / 10");
        }
        return new RangeSuggestion(curve.point(rise).lr(), lrMax, NAME, maxReason + String.format(Locale.ROOT,
                "; MI first rose by more than %.3g at lr %.3g", margin, curve.point(rise).lr()));
    }

    /** Index of the last step before the MI falls clearly below its running best or the curve diverges. */
    private int lastGoodStep(RangeCurve curve) {
        double best = curve.startMiNorm();
        int end = curve.diverged() ? curve.size() - 1 : curve.size();
        for (int i = 0; i < end; i++) {
            double mi = curve.point(i).miNorm();
            if (mi < best - margin) {
                return i - 1;
            }
            best = Math.max(best, mi);
        }
        return end - 1;
    }

    private int firstClearRise(RangeCurve curve, int last) {
        for (int i = 0; i <= last; i++) {
            if (curve.point(i).miNorm() > curve.startMiNorm() + margin) {
                return i;
            }
        }
        return -1;
    }
}
