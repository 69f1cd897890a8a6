package io.milr.report.html;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The report's look: one size, fonts readable when the page shows two plots side by side, and
 * series styles that stay tellable apart in an overlay (colour for the head or layer, line and
 * marker shape for the run).
 */
final class ChartStyle {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    /** Okabe and Ito's colour-blind-safe palette (yellow left out: unreadable on white). */
    private static final Color[] COLOURS = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};
    private static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
            SeriesLines.DASH_DOT};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP};
    private static final Color GRID = new Color(0xDDDDDD);
    private static final String FONT = Font.SANS_SERIF;

    private ChartStyle() {
    }

    static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        return chart;
    }

    /** Epochs are whole numbers: ticks between them stay unlabelled. */
    static void epochAxis(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? String.valueOf(Math.round(x)) : "");
    }

    /**
     * A log y axis, called once the series are in. Over less than two decades every tick is
     * labelled, else only the decades: a decade-only axis over 0.02..0.3 would have one label.
     * (A custom label formatter would be neater, but XChart then loses the log scale.)
     */
    static void logYAxis(XYChart chart) {
        double[] values = chart.getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getYData()))
                .filter(v -> v > 0).toArray();
        double span = values.length == 0 ? 1
                : Arrays.stream(values).max().orElseThrow() / Arrays.stream(values).min().orElseThrow();
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(span > 100);
        chart.getStyler().setYAxisDecimalPattern("0.######");
    }

    /** A log x axis labelled at its decades (a range test spans several). */
    static void logXAxis(XYChart chart) {
        chart.getStyler().setXAxisLogarithmic(true).setXAxisDecimalPattern("0.######");
    }

    static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 18));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
    }

    /** Colour by {@code colour} (a head or layer), line and marker by {@code run}. */
    static void style(XYSeries series, int colour, int run) {
        series.setLineColor(COLOURS[colour % COLOURS.length]);
        series.setMarkerColor(COLOURS[colour % COLOURS.length]);
        series.setLineStyle(LINES[run % LINES.length]);
        series.setMarker(MARKERS[run % MARKERS.length]);
        series.setLineWidth(2.5f);
    }

    static <C extends Chart<?, ?>> Plot render(C chart, String file, String caption) {
        try {
            return new Plot(file, chart.getTitle(), caption, chart.getWidth(), chart.getHeight(),
                    BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("rendering " + file + " failed", e);
        }
    }
}
