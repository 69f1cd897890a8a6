package io.milr.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The same comparison repeated with several seeds: per optimiser, the mean and spread of what each
 * seed's {@link Comparison} found. Each seed keeps its own target (its best baseline's final accuracy
 * minus 0.5 points, unless configured), so "reached" counts seeds on which the optimiser matched that
 * seed's best baseline.
 */
public record ComparisonAcrossSeeds(List<Long> seeds, List<Row> rows) {

    /**
     * One optimiser over all seeds. Accuracies are fractions; {@code sd} is the sample standard
     * deviation (0 for one seed); {@code meanSecondsToTarget} averages the seeds that reached it (NaN: none).
     */
    public record Row(String name, double meanFinal, double sdFinal, double minFinal, double maxFinal,
                      double meanBest, int reached, double meanSecondsToTarget, double meanTotalSeconds,
                      double[] meanAccuracyByEpoch, double[] meanSecondsByEpoch) {
    }

    /** @param bySeed one comparison per seed, in the order of {@code seeds}, each with the same optimisers in the same order */
    public static ComparisonAcrossSeeds of(List<Long> seeds, List<Comparison> bySeed) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < bySeed.get(0).rows().size(); r++) {
            List<ComparisonRow> runs = new ArrayList<>();
            for (Comparison comparison : bySeed) {
                runs.add(comparison.rows().get(r));
            }
            rows.add(row(runs));
        }
        return new ComparisonAcrossSeeds(List.copyOf(seeds), rows);
    }

    private static Row row(List<ComparisonRow> runs) {
        double[] finals = runs.stream().mapToDouble(ComparisonRow::finalAccuracy).toArray();
        double[] reachedSeconds = runs.stream().filter(r -> r.epochToTarget() >= 0)
                .mapToDouble(ComparisonRow::secondsToTarget).toArray();
        return new Row(runs.get(0).name(), mean(finals), sd(finals), Arrays.stream(finals).min().orElseThrow(),
                Arrays.stream(finals).max().orElseThrow(), mean(runs.stream().mapToDouble(ComparisonRow::bestAccuracy).toArray()),
                reachedSeconds.length, reachedSeconds.length == 0 ? Double.NaN : mean(reachedSeconds),
                mean(runs.stream().mapToDouble(ComparisonRow::totalSeconds).toArray()),
                meanByEpoch(runs.stream().map(ComparisonRow::accuracyByEpoch).toList()),
                meanByEpoch(runs.stream().map(ComparisonRow::secondsByEpoch).toList()));
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static double sd(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.length - 1));
    }

    /** Epoch by epoch, over the epochs every run has (a stopped run has fewer). */
    private static double[] meanByEpoch(List<double[]> series) {
        int epochs = series.stream().mapToInt(s -> s.length).min().orElse(0);
        double[] mean = new double[epochs];
        for (double[] s : series) {
            for (int e = 0; e < epochs; e++) {
                mean[e] += s[e] / series.size();
            }
        }
        return mean;
    }
}
