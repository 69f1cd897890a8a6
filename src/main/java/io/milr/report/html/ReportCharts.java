package io.milr.report.html;

import io.milr.report.EpochMetrics;
import io.milr.report.HeadMetrics;
import io.milr.report.RangeCurve;
import io.milr.report.RunMetrics;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What the report draws, from run metrics only: accuracy, loss, MI per head, LR per layer, the
 * output head's last table, the range test and timings. Several runs are overlaid in one plot each
 * (one heat map per run); a plot with nothing to draw is left out.
 */
final class ReportCharts {
    private final List<RunMetrics> runs;
    private final List<String> labels;
    private final String prefix;

    private ReportCharts(List<RunMetrics> runs, String prefix) {
        this.runs = List.copyOf(runs);
        this.labels = RunLabels.of(runs);
        this.prefix = prefix;
    }

    /** The plots in the order the page shows them; every file name starts with {@code prefix}. */
    static List<Plot> of(List<RunMetrics> runs, String prefix) {
        ReportCharts charts = new ReportCharts(runs, prefix);
        List<Optional<Plot>> plots = new ArrayList<>(List.of(charts.accuracy(), charts.loss(), charts.mi(),
                charts.learningRates()));
        for (int run = 0; run < runs.size(); run++) {
            plots.add(charts.confusion(run));
        }
        plots.add(charts.rangeTest());
        plots.add(charts.timings());
        return plots.stream().flatMap(Optional::stream).toList();
    }

    private boolean overlay() {
        return runs.size() > 1;
    }

    private String series(int run, String what) {
        return overlay() ? labels.get(run) + ": " + what : what;
    }

    private Optional<Plot> accuracy() {
        XYChart chart = xyChart("Test accuracy", "epoch", "test accuracy (%)");
        ChartStyle.epochAxis(chart);
        for (int run = 0; run < runs.size(); run++) {
            Points points = Points.of(runs.get(run).trainedEpochs(), e -> e.epoch(), e -> 100 * e.testAccuracy(), false);
            add(chart, series(run, "test accuracy"), points, run, run);
        }
        chart.getStyler().setLegendVisible(overlay());
        return render(chart, "accuracy.png", "Accuracy on the test set after each epoch.");
    }

    private Optional<Plot> loss() {
        XYChart chart = xyChart("Training loss", "epoch", "mean minibatch loss (log)");
        ChartStyle.epochAxis(chart);
        for (int run = 0; run < runs.size(); run++) {
            Points points = Points.of(runs.get(run).trainedEpochs(), e -> e.epoch(), EpochMetrics::trainLoss, true);
            add(chart, series(run, "training loss"), points, overlay() ? run : 1, run);
        }
        chart.getStyler().setLegendVisible(overlay());
        ChartStyle.logYAxis(chart);
        return render(chart, "loss.png", "Mean loss of the epoch's training minibatches, on a log axis.");
    }

    private Optional<Plot> mi() {
        XYChart chart = xyChart("Normalised MI per head", "epoch", "I(P;Y) / H(Y)");
        ChartStyle.epochAxis(chart);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<String> heads = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            for (HeadMetrics head : runs.get(run).lastEpoch().heads()) {
                String name = head.name();
                if (!heads.contains(name)) {
                    heads.add(name);
                }
                Points points = Points.of(runs.get(run).epochs(), e -> e.epoch(), e -> miNorm(e, name), false);
                add(chart, series(run, name), points, heads.indexOf(name), run);
            }
        }
        return render(chart, "mi.png", "Normalised mutual information between each head's prediction and the "
                + "true label; epoch 0 is the measurement before training.");
    }

    private static double miNorm(EpochMetrics epoch, String head) {
        return epoch.heads().stream().filter(h -> h.name().equals(head)).mapToDouble(HeadMetrics::miNorm)
                .findFirst().orElse(Double.NaN);
    }

    /**
     * The LR a line records is the one chosen for the next epoch, so it is drawn at that epoch.
     * Layers whose LRs never differ (network mode) share one series, which would hide the others.
     */
    private Optional<Plot> learningRates() {
        XYChart chart = xyChart("Learning rate per layer", "epoch", "learning rate (log)");
        ChartStyle.epochAxis(chart);
        for (int run = 0; run < runs.size(); run++) {
            RunMetrics metrics = runs.get(run);
            List<EpochMetrics> choices = metrics.epochs().subList(0, metrics.epochs().size() - 1);
            int outputLayer = metrics.lastEpoch().outputHead().layer();
            Map<String, Points> layers = new LinkedHashMap<>();
            for (int layer = 0; layer < metrics.lastEpoch().learningRates().length; layer++) {
                int l = layer;
                Points points = Points.of(choices, e -> e.epoch() + 1, e -> rate(e, l), true);
                if (!points.isEmpty()) {
                    layers.put("layer " + layer + (layer == outputLayer ? " (output)" : ""), points);
                }
            }
            if (layers.values().stream().distinct().count() == 1 && layers.size() > 1) {
                layers = Map.of("all layers", layers.values().iterator().next());
            }
            int colour = 0;
            for (Map.Entry<String, Points> layer : layers.entrySet()) {
                add(chart, series(run, layer.getKey()), layer.getValue(), colour++, run);
            }
        }
        ChartStyle.logYAxis(chart);
        return render(chart, "lr.png", "The learning rate each layer trained with in each epoch (chosen from the "
                + "MI after the epoch before), on a log axis.");
    }

    private static double rate(EpochMetrics epoch, int layer) {
        double[] rates = epoch.learningRates();
        return layer < rates.length ? rates[layer] : Double.NaN;
    }

    private Optional<Plot> confusion(int run) {
        EpochMetrics last = runs.get(run).lastEpoch();
        HeadMetrics output = last.outputHead();
        long[][] table = output.table();
        int classes = table.length;
        List<String> trueClasses = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            trueClasses.add(String.valueOf(k));
            predicted.add(String.valueOf(classes - 1 - k));
        }
        List<Number[]> cells = new ArrayList<>();
        long max = 1;
        for (int row = 0; row < classes; row++) {
            for (int col = 0; col < classes; col++) {
                // The y axis runs upwards: row 0 (predicted class 0) goes on top, as in a printed table.
                cells.add(new Number[]{col, classes - 1 - row, table[row][col]});
                max = Math.max(max, table[row][col]);
            }
        }
        String title = "Output head, epoch " + last.epoch() + (overlay() ? " (" + labels.get(run) + ")" : "");
        HeatMapChart chart = new HeatMapChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(title).xAxisTitle("true class").yAxisTitle("predicted class").build();
        styleHeatMap(chart.getStyler(), classes, max);
        chart.addSeries("examples", trueClasses, predicted, cells);
        String file = overlay() ? "confusion-" + (run + 1) + ".png" : "confusion.png";
        return render(chart, file, "Counts of the output head's predicted class against the true class over the "
                + output.n() + " training examples counted after epoch " + last.epoch() + (overlay() ? " of "
                + labels.get(run) : "") + "; the diagonal is right.");
    }

    static void styleHeatMap(HeatMapStyler styler, int classes, long max) {
        ChartStyle.apply(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setRangeColors(new Color[]{Color.WHITE, new Color(0xC6DBEF), new Color(0x6BAED6), new Color(0x2171B5)});
        styler.setMin(0).setMax(max);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, classes <= 10 ? 12 : 9));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("#,##0");
        styler.setPlotGridLinesVisible(false);
        styler.setDrawBorder(true);
    }

    private Optional<Plot> rangeTest() {
        XYChart chart = xyChart("Learning-rate range test", "learning rate (log)", "");
        ChartStyle.logXAxis(chart);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(0, "normalised MI");
        chart.setYAxisGroupTitle(1, "loss");
        for (int run = 0; run < runs.size(); run++) {
            Optional<RangeCurve> curve = runs.get(run).range();
            if (curve.isPresent()) {
                double[] lr = curve.get().lr();
                add(chart, series(run, "normalised MI"), Points.of(lr, curve.get().miNorm(), true, false), 0, run);
                add(chart, series(run, "loss"), Points.of(lr, curve.get().loss(), true, false), 1, run).ifPresent(s -> s.setYAxisGroup(1));
            }
        }
        return render(chart, "range.png", "The range test: normalised MI of the output head (left axis) and loss "
                + "(right axis) after training briefly at each learning rate.");
    }

    private Optional<Plot> timings() {
        XYChart chart = xyChart("Timings per epoch", "epoch", "seconds");
        ChartStyle.epochAxis(chart);
        chart.getStyler().setYAxisMin(0.0);
        for (int run = 0; run < runs.size(); run++) {
            List<EpochMetrics> trained = runs.get(run).trainedEpochs();
            add(chart, series(run, "epoch"), Points.of(trained, e -> e.epoch(), EpochMetrics::seconds, false), 0, run);
            add(chart, series(run, "MI pass"), Points.of(trained, e -> e.epoch(), EpochMetrics::miSeconds, false), 1, run);
        }
        return render(chart, "timings.png", "Wall time of each epoch (training, MI pass and test evaluation) and "
                + "of its MI pass (histograms, MI and LR policy).");
    }

    /** An overlay's legend names runs too: beside the plot it has room for them, below it would be cut off. */
    private XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = ChartStyle.xyChart(title, xTitle, yTitle);
        if (overlay()) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        return chart;
    }

    private static Optional<XYSeries> add(XYChart chart, String name, Points points, int colour, int run) {
        if (points.isEmpty()) {
            return Optional.empty();
        }
        XYSeries series = chart.addSeries(name, points.x(), points.y());
        ChartStyle.style(series, colour, run);
        return Optional.of(series);
    }

    private Optional<Plot> render(XYChart chart, String file, String caption) {
        if (chart.getSeriesMap().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ChartStyle.render(chart, prefix + file, caption));
    }

    private Optional<Plot> render(HeatMapChart chart, String file, String caption) {
        return Optional.of(ChartStyle.render(chart, prefix + file, caption));
    }

    /** The drawable points of a series: missing values (and, on a log axis, non-positive ones) left out. */
    private record Points(double[] x, double[] y) {
        static Points of(List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> x, ToDoubleFunction<EpochMetrics> y,
                         boolean logY) {
            return of(epochs.stream().mapToDouble(x).toArray(), epochs.stream().mapToDouble(y).toArray(), false, logY);
        }

        static Points of(double[] x, double[] y, boolean logX, boolean logY) {
            List<double[]> kept = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) {
                    kept.add(new double[]{x[i], y[i]});
                }
            }
            return new Points(kept.stream().mapToDouble(p -> p[0]).toArray(), kept.stream().mapToDouble(p -> p[1]).toArray());
        }

        boolean isEmpty() {
            return x.length == 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Points p && Arrays.equals(x, p.x) && Arrays.equals(y, p.y);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
        }
    }
}
