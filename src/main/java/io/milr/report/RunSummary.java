package io.milr.report;

import io.milr.spark.EpochReport;

import java.util.List;
import java.util.Locale;

/** The closing figures of a run: final accuracy, typical epoch time and the MI machinery's share of it. */
public record RunSummary(int epochs, double finalAccuracy, double bestAccuracy, double medianEpochSeconds,
                         double medianMiSeconds, double miShare) {

    /** From the reports of epochs 1..n (epoch 0, the measurement before training, is not an epoch). */
    public static RunSummary of(List<EpochReport> reports) {
        List<EpochReport> trained = reports.stream().filter(r -> r.epoch() > 0).toList();
        if (trained.isEmpty()) {
            throw new IllegalArgumentException("no trained epoch to summarise");
        }
        double seconds = trained.stream().mapToDouble(EpochReport::seconds).sum();
        double miSeconds = trained.stream().mapToDouble(EpochReport::miSeconds).sum();
        return new RunSummary(trained.size(),
                trained.get(trained.size() - 1).testAccuracy(),
                trained.stream().mapToDouble(EpochReport::testAccuracy).max().orElseThrow(),
                median(trained.stream().mapToDouble(EpochReport::seconds).toArray()),
                median(trained.stream().mapToDouble(EpochReport::miSeconds).toArray()),
                miSeconds / seconds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d epochs: final test accuracy %.2f%% (best %.2f%%), median epoch %.1fs, median MI work %.2fs, MI share %.1f%%",
                epochs, 100 * finalAccuracy, 100 * bestAccuracy, medianEpochSeconds, medianMiSeconds, 100 * miShare);
    }
}
