package io.milr.report;

import io.milr.spark.EpochReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Optimisers side by side: the accuracy target, and per optimiser when it first reached it. The
 * default target is the best baseline's final accuracy minus 0.5 points, so that "reached the
 * target" means "as good as the best baseline, give or take".
 */
public record Comparison(double target, String targetSource, List<ComparisonRow> rows) {
    public static final double TARGET_MARGIN = 0.005;

    /**
     * @param runs     the epoch reports of each run, in the order to report them
     * @param miRuns   which runs are MI-LR (their MI work counts as method time; the rest are baselines)
     * @param target   the target accuracy, or NaN to derive it from the baselines
     */
    public static Comparison of(Map<String, List<EpochReport>> runs, Set<String> miRuns, double target) {
        String source = "configured (compare.target)";
        if (Double.isNaN(target)) {
            String best = bestBaseline(runs, miRuns);
            target = finalAccuracy(runs.get(best)) - TARGET_MARGIN;
            source = "best baseline's final accuracy (" + best + ") minus 0.5 points";
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (var run : runs.entrySet()) {
            rows.add(row(run.getKey(), run.getValue(), miRuns.contains(run.getKey()), target));
        }
        return new Comparison(target, source, rows);
    }

    private static String bestBaseline(Map<String, List<EpochReport>> runs, Set<String> miRuns) {
        Map<String, List<EpochReport>> baselines = new LinkedHashMap<>(runs);
        baselines.keySet().removeAll(miRuns);
        if (baselines.isEmpty()) {
            throw new IllegalArgumentException("compare.target is empty but no baseline runs: set compare.target");
        }
        return baselines.entrySet().stream()
                .max((a, b) -> Double.compare(finalAccuracy(a.getValue()), finalAccuracy(b.getValue())))
                .orElseThrow().getKey();
    }

    private static double finalAccuracy(List<EpochReport> reports) {
        return reports.get(reports.size() - 1).testAccuracy();
    }

    private static ComparisonRow row(String name, List<EpochReport> reports, boolean mi, double target) {
        double[] accuracy = new double[reports.size()];
        double[] elapsed = new double[reports.size()];
        double clock = 0;
        int epochToTarget = -1;
        double secondsToTarget = Double.NaN;
        double best = 0;
        for (int i = 0; i < reports.size(); i++) {
            EpochReport report = reports.get(i);
            clock += report.seconds() - (mi ? 0 : report.miSeconds());
            accuracy[i] = report.testAccuracy();
            elapsed[i] = clock;
            if (report.epoch() > 0) {
                best = Math.max(best, report.testAccuracy());
                if (epochToTarget < 0 && report.testAccuracy() >= target) {
                    epochToTarget = report.epoch();
                    secondsToTarget = clock;
                }
            }
        }
        return new ComparisonRow(name, finalAccuracy(reports), best, epochToTarget, secondsToTarget, clock, accuracy, elapsed);
    }
}
