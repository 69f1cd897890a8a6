package io.milr.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The bench's result: one row per system, the notes that say how to read it, and every run it came
 * from; written as {@code bench.md}, {@code bench.json} and {@code bench.png}.
 */
public record BenchTable(String title, List<BenchRow> rows, List<String> notes, List<SystemRun> runs) {
    public BenchTable {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        runs = List.copyOf(runs);
    }

    /** A row's medians over the runs of one system; the ratio is filled in by {@link #withRatios}. */
    static BenchRow row(String label, BenchSystem system, int threads, List<SystemRun> runs) {
        return new BenchRow(label, system.configName(), threads, runs.size(),
                medianOverRuns(runs, run -> Stats.median(seconds(measured(run), EpochTiming::seconds))),
                Double.NaN,
                medianOverRuns(runs, run -> run.epochs().get(run.epochs().size() - 1).testAccuracy()),
                medianOverRuns(runs, run -> Stats.median(seconds(measured(run), e -> orNaN(e.miSeconds())))),
                medianOverRuns(runs, run -> sum(measured(run), e -> orNaN(e.miSeconds()))
                        / sum(measured(run), EpochTiming::seconds)),
                1e3 * Stats.median(runs.stream().flatMap(run -> measured(run).stream())
                        .mapToDouble(e -> orNaN(e.driverMiSeconds())).toArray()),
                medianOverRuns(runs, run -> orNaN(run.miBytesPerPass())),
                medianOverRuns(runs, run -> orNaN(run.miBytesPerMeasurement())),
                medianOverRuns(runs, run -> orNaN(run.miPartialBytesPerMeasurement())),
                null);
    }

    /** Every row with its seconds per epoch divided by those of the single-JVM DL4J row (NaN without one). */
    static List<BenchRow> withRatios(List<BenchRow> rows) {
        double reference = rows.stream().filter(r -> r.system().equals(BenchSystem.DL4J.configName()) && r.skipped() == null)
                .mapToDouble(BenchRow::secondsPerEpoch).findFirst().orElse(Double.NaN);
        return rows.stream().map(r -> new BenchRow(r.label(), r.system(), r.threads(), r.runs(), r.secondsPerEpoch(),
                r.secondsPerEpoch() / reference, r.testAccuracy(), r.miSecondsPerEpoch(), r.miShare(), r.driverMiMillis(),
                r.miBytesPerPass(), r.miBytesPerEpoch(), r.miPartialBytesPerEpoch(), r.skipped())).toList();
    }

    /** The epochs a median is taken over: from the second on (the first warms up), or the only one. */
    static List<EpochTiming> measured(SystemRun run) {
        List<EpochTiming> afterWarmUp = run.epochs().stream().filter(e -> e.epoch() >= 2).toList();
        return afterWarmUp.isEmpty() ? run.epochs() : afterWarmUp;
    }

    private static double[] seconds(List<EpochTiming> epochs, ToDoubleFunction<EpochTiming> value) {
        return epochs.stream().mapToDouble(value).toArray();
    }

    private static double sum(List<EpochTiming> epochs, ToDoubleFunction<EpochTiming> value) {
        return epochs.stream().mapToDouble(value).sum();
    }

    private static double medianOverRuns(List<SystemRun> runs, ToDoubleFunction<SystemRun> value) {
        return Stats.median(runs.stream().mapToDouble(value).toArray());
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    public String markdown() {
        StringBuilder text = new StringBuilder("## " + title + "\n\n");
        text.append("| system | threads | s/epoch | x DL4J 1-JVM | test accuracy | MI s/epoch | MI share"
                + " | driver MI+policy | MI bytes/pass | MI bytes/epoch |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRow r : rows) {
            if (r.skipped() != null) {
                text.append("| ").append(r.label()).append(" | | skipped: ").append(r.skipped())
                        .append(" | | | | | | | |\n");
                continue;
            }
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.label(),
                    r.threads(), format("%.2f", r.secondsPerEpoch()), format("%.2f", r.ratioToDl4j()),
                    percent(r.testAccuracy()), format("%.2f", r.miSecondsPerEpoch()), percent(r.miShare()),
                    format("%.2f ms", r.driverMiMillis()), bytes(r.miBytesPerPass()), bytes(r.miBytesPerEpoch())
                            + (Double.isFinite(r.miPartialBytesPerEpoch()) ? " (tables " + bytes(r.miPartialBytesPerEpoch()) + ")" : "")));
        }
        text.append('\n');
        for (String note : notes) {
            text.append("- ").append(note).append('\n');
        }
        for (SystemRun run : runs) {
            if (!run.jobs().isEmpty() && run.run() == 1) {
                text.append('\n').append(jobTable(run));
            }
        }
        return text.toString();
    }

    /** Where a milr run's time went, Spark job by Spark job kind. */
    static String jobTable(SystemRun run) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "### Spark jobs of %s, run %d (%d epochs,"
                + " %s MI measurements; %.1f s between jobs on the driver alone)%n%n", run.label(), run.run(),
                run.epochs().size(), run.miMeasurements(), run.driverGapSeconds()));
        text.append("| job kind | jobs | wall s | median ms/job | median ms before | task run s | task deserialize s"
                + " | result serialize s | GC s | outside tasks s | result bytes/job |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JobKind k : run.jobs()) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f | %s | %.2f | %.2f | %.3f | %.2f | %.2f | %s |%n",
                    k.kind(), k.jobs(), k.wallSeconds(), k.medianJobMillis(), format("%.1f", k.medianGapBeforeMillis()),
                    k.taskRunSeconds(), k.taskDeserializeSeconds(), k.resultSerializeSeconds(), k.gcSeconds(),
                    k.outsideTasksSeconds(), bytes(k.medianJobResultBytes())));
        }
        return text.toString();
    }

    public String json() {
        ObjectNode root = BenchJson.JSON.createObjectNode();
        root.put("title", title);
        ArrayNode rowNodes = root.putArray("rows");
        for (BenchRow r : rows) {
            ObjectNode node = rowNodes.addObject();
            node.put("label", r.label());
            node.put("system", r.system());
            node.put("threads", r.threads());
            node.put("runs", r.runs());
            number(node, "seconds_per_epoch", r.secondsPerEpoch());
            number(node, "ratio_to_dl4j_1jvm", r.ratioToDl4j());
            number(node, "test_accuracy", r.testAccuracy());
            number(node, "mi_seconds_per_epoch", r.miSecondsPerEpoch());
            number(node, "mi_share", r.miShare());
            number(node, "driver_mi_policy_ms", r.driverMiMillis());
            number(node, "mi_bytes_per_pass", r.miBytesPerPass());
            number(node, "mi_bytes_per_epoch", r.miBytesPerEpoch());
            number(node, "mi_partial_bytes_per_epoch", r.miPartialBytesPerEpoch());
            node.put("skipped", r.skipped());
        }
        ArrayNode noteNodes = root.putArray("notes");
        notes.forEach(noteNodes::add);
        root.set("runs", BenchJson.JSON.valueToTree(runs));
        try {
            return BenchJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds per epoch by system, as bars. */
    public CategoryChart chart(String chartTitle) {
        List<BenchRow> ran = rows.stream().filter(r -> r.skipped() == null).toList();
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560).title(chartTitle)
                .xAxisTitle("system").yAxisTitle("seconds per epoch (median)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#0.00");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
        chart.addSeries("s/epoch", ran.stream().map(BenchRow::label).toList(),
                ran.stream().map(r -> (Number) r.secondsPerEpoch()).toList());
        return chart;
    }

    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private static String format(String pattern, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "-";
    }

    private static String percent(double share) {
        return format("%.2f%%", 100 * share);
    }

    static String bytes(double bytes) {
        if (!Double.isFinite(bytes)) {
            return "-";
        }
        return bytes < 10_000 ? String.format(Locale.ROOT, "%.0f B", bytes)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
    }
}
