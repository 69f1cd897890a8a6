package io.milr.report;

import io.milr.spark.EpochReport;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The closing figures of a run: final accuracy, typical epoch time and the MI machinery's share of it. */
public record RunSummary(int epochs, double finalAccuracy, double bestAccuracy, double medianEpochSeconds,
                         double medianMiSeconds, double miShare) {

    /** From the reports of epochs 1..n (epoch 0, the measurement before training, is not an epoch). */
    public static RunSummary of(List<EpochReport> reports) {
        List<EpochReport> trained = reports.stream().filter(r -> r.epoch() > 0).toList();
        return of(trained.stream().mapToDouble(EpochReport::testAccuracy).toArray(),
                trained.stream().mapToDouble(EpochReport::seconds).toArray(),
                trained.stream().mapToDouble(EpochReport::miSeconds).toArray());
    }

    /** From the trained epochs' test accuracies, wall times and MI times, in epoch order. */
    public static RunSummary of(double[] testAccuracy, double[] seconds, double[] miSeconds) {
        if (testAccuracy.length == 0) {
            throw new IllegalArgumentException("no trained epoch to summarise");
        }
        return new RunSummary(testAccuracy.length,
                testAccuracy[testAccuracy.length - 1],
                Arrays.stream(testAccuracy).max().orElseThrow(),
                median(seconds),
                median(miSeconds),
                Arrays.stream(miSeconds).sum() / Arrays.stream(seconds).sum());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
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
