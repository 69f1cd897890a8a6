package io.milr.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A comparison's files: {@code comparison.csv}, {@code comparison.md} and {@code comparison.png}. */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    public static void write(RunDirectory out, Comparison comparison, String title) {
        out.writeString("comparison.csv", csv(comparison));
        out.writeString("comparison.md", markdown(comparison, title));
        XYChart chart = chart(comparison, title);
        out.write("comparison.png", stream -> BitmapEncoder.saveBitmap(chart, stream, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The summary of a comparison repeated with several seeds: mean and spread per optimiser. */
    public static void write(RunDirectory out, ComparisonAcrossSeeds summary, String title) {
        out.writeString("comparison.csv", csv(summary));
        out.writeString("comparison.md", markdown(summary, title));
        XYChart chart = chart(summary, title);
        out.write("comparison.png", stream -> BitmapEncoder.saveBitmap(chart, stream, BitmapEncoder.BitmapFormat.PNG));
    }

    static String csv(ComparisonAcrossSeeds c) {
        StringBuilder text = new StringBuilder("optimizer,seeds,mean_final_accuracy,sd_final_accuracy,min_final_accuracy,"
                + "max_final_accuracy,mean_best_accuracy,seeds_reaching_target,mean_seconds_to_target,mean_total_seconds\n");
        for (ComparisonAcrossSeeds.Row r : c.rows()) {
            text.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%s,%.1f%n", r.name(), c.seeds().size(),
                    r.meanFinal(), r.sdFinal(), r.minFinal(), r.maxFinal(), r.meanBest(), r.reached(),
                    Double.isNaN(r.meanSecondsToTarget()) ? "" : String.format(Locale.ROOT, "%.1f", r.meanSecondsToTarget()),
                    r.meanTotalSeconds()));
        }
        return text.toString();
    }

    public static String markdown(ComparisonAcrossSeeds c, String title) {
        StringBuilder text = new StringBuilder("## " + title + "\n\n");
        text.append("Seeds ").append(c.seeds()).append("; each seed's target is its own (see seed-*/comparison.md).\n\n");
        text.append("| optimizer | final accuracy, mean ± sd | min - max | mean best | seeds reaching target |"
                + " mean seconds to target | mean total seconds |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (ComparisonAcrossSeeds.Row r : c.rows()) {
            text.append(String.format(Locale.ROOT, "| %s | %.2f%% ± %.2f | %.2f%% - %.2f%% | %.2f%% | %d of %d | %s | %.1f |%n",
                    r.name(), 100 * r.meanFinal(), 100 * r.sdFinal(), 100 * r.minFinal(), 100 * r.maxFinal(),
                    100 * r.meanBest(), r.reached(), c.seeds().size(),
                    Double.isNaN(r.meanSecondsToTarget()) ? "-" : String.format(Locale.ROOT, "%.1f", r.meanSecondsToTarget()),
                    r.meanTotalSeconds()));
        }
        return text.toString();
    }

    static XYChart chart(ComparisonAcrossSeeds c, String title) {
        return accuracyChart(title + " (mean over seeds)", "mean wall time (s)", "mean test accuracy", c.rows().stream()
                .map(r -> new Curve(r.name(), r.meanSecondsByEpoch(), r.meanAccuracyByEpoch())).toList());
    }

    static String csv(Comparison c) {
        StringBuilder text = new StringBuilder("optimizer,final_accuracy,best_accuracy,target,epoch_to_target,seconds_to_target,total_seconds\n");
        for (ComparisonRow r : c.rows()) {
            text.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%s,%s,%.1f%n", r.name(), r.finalAccuracy(),
                    r.bestAccuracy(), c.target(), r.epochToTarget() < 0 ? "" : Integer.toString(r.epochToTarget()),
                    Double.isNaN(r.secondsToTarget()) ? "" : String.format(Locale.ROOT, "%.1f", r.secondsToTarget()),
                    r.totalSeconds()));
        }
        return text.toString();
    }

    public static String markdown(Comparison c, String title) {
        StringBuilder text = new StringBuilder("## " + title + "\n\n");
        text.append(String.format(Locale.ROOT, "Target test accuracy %.2f%%: %s.%n%n", 100 * c.target(), c.targetSource()));
        text.append("| optimizer | final accuracy | best accuracy | epoch to target | seconds to target | total seconds |\n");
        text.append("|---|---|---|---|---|---|\n");
        for (ComparisonRow r : c.rows()) {
            text.append(String.format(Locale.ROOT, "| %s | %.2f%% | %.2f%% | %s | %s | %.1f |%n", r.name(),
                    100 * r.finalAccuracy(), 100 * r.bestAccuracy(),
                    r.epochToTarget() < 0 ? "not reached" : Integer.toString(r.epochToTarget()),
                    Double.isNaN(r.secondsToTarget()) ? "-" : String.format(Locale.ROOT, "%.1f", r.secondsToTarget()),
                    r.totalSeconds()));
        }
        return text.toString();
    }

    static XYChart chart(Comparison c, String title) {
        return accuracyChart(title, "wall time (s)", "test accuracy", c.rows().stream()
                .map(r -> new Curve(r.name(), r.secondsByEpoch(), r.accuracyByEpoch())).toList());
    }

    /** One optimiser's test accuracy after each epoch (epoch 0 first) against the wall time by then. */
    private record Curve(String name, double[] secondsByEpoch, double[] accuracyByEpoch) {
    }

    private static XYChart accuracyChart(String title, String xTitle, String yTitle, List<Curve> curves) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double floor = curves.stream().flatMapToDouble(r -> Arrays.stream(r.accuracyByEpoch()).skip(1)).min().orElse(0);
        chart.getStyler().setYAxisMin(Math.max(0, floor - 0.01));
        for (Curve r : curves) {
            // Epoch 0 (before training) is left out: its chance-level accuracy would flatten the plot.
            chart.addSeries(r.name(), Arrays.copyOfRange(r.secondsByEpoch(), 1, r.secondsByEpoch().length),
                    Arrays.copyOfRange(r.accuracyByEpoch(), 1, r.accuracyByEpoch().length));
        }
        return chart;
    }
}
