package io.milr.report;

import io.milr.spark.EpochReport;
import io.milr.spark.HeadMeasurement;

import java.util.Locale;
import java.util.StringJoiner;

/** The one line per epoch a person follows on the console. */
public final class ProgressLine {
    private ProgressLine() {
    }

    public static String of(EpochReport report, int epochs) {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "epoch %2d/%d %6.1fs (mi %4.1fs)", report.epoch(), epochs,
                report.seconds(), report.miSeconds()));
        line.append(Double.isNaN(report.trainLoss()) ? "  loss   -   "
                : String.format(Locale.ROOT, "  loss %.4f", report.trainLoss()));
        line.append(String.format(Locale.ROOT, "  test acc %.2f%%", 100 * report.testAccuracy()));
        StringJoiner mi = new StringJoiner(" ", "  MI ", "");
        for (HeadMeasurement head : report.heads()) {
            mi.add(String.format(Locale.ROOT, "%s=%.3f", head.head().name(), head.mi().miNorm()));
        }
        line.append(mi);
        StringJoiner lr = new StringJoiner(" ", "  lr ", report.stalled() ? " (decayed)" : "");
        for (double rate : report.learningRates()) {
            lr.add(Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.3g", rate));
        }
        return line.append(lr).toString();
    }
}
