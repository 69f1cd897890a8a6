package io.milr.report.html;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * A confusion matrix as a heat map in the run report's look: rows (y axis) the true class, class 0 on
 * top as in a printed table, columns (x axis) the predicted class, each cell's count written in it.
 */
public final class ConfusionHeatMap {
    private ConfusionHeatMap() {
    }

    /** The PNG bytes of the heat map of {@code confusion[true][predicted]} (square, K >= 2). */
    public static byte[] png(long[][] confusion, String title) {
        int classes = confusion.length;
        List<String> predicted = new ArrayList<>();
        List<String> trueClasses = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            if (confusion[k].length != classes) {
                throw new IllegalArgumentException("the confusion matrix must be square " + classes + " x " + classes
                        + ", but row " + k + " has " + confusion[k].length + " entries");
            }
            predicted.add(String.valueOf(k));
            trueClasses.add(String.valueOf(classes - 1 - k));
        }
        List<Number[]> cells = new ArrayList<>();
        long max = 1;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                // The y axis runs upwards: true class 0 goes on top.
                cells.add(new Number[]{p, classes - 1 - t, confusion[t][p]});
                max = Math.max(max, confusion[t][p]);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.WIDTH)
                .title(title).xAxisTitle("predicted class").yAxisTitle("true class").build();
        ReportCharts.styleHeatMap(chart.getStyler(), classes, max);
        chart.addSeries("examples", predicted, trueClasses, cells);
        return ChartStyle.render(chart, "confusion.png", title).png();
    }
}
