package io.milr.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milr.lr.range.RangeCurve;
import io.milr.lr.range.RangePoint;
import io.milr.lr.range.RangeSuggestion;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The range test's files in a run directory: {@code range.csv} (the whole curve), {@code range.json}
 * (the suggestion, the rule that chose it and the settings) and {@code range.png} (MI and loss
 * against a log LR axis, with the suggested range marked).
 */
public final class RangeTestReport {
    public static final String CSV = "range.csv";
    public static final String JSON = "range.json";
    public static final String PNG = "range.png";

    private RangeTestReport() {
    }

    public static void write(RunDirectory out, RangeCurve curve, RangeSuggestion suggestion, Map<String, String> settings) {
        out.writeString(CSV, csv(curve));
        out.writeString(JSON, json(curve, suggestion, settings));
        XYChart chart = chart(curve, suggestion);
        out.write(PNG, stream -> BitmapEncoder.saveBitmap(chart, stream, BitmapEncoder.BitmapFormat.PNG));
    }

    static String csv(RangeCurve curve) {
        StringBuilder text = new StringBuilder("lr,mi_norm,loss,seconds\n");
        for (RangePoint p : curve.points()) {
            text.append(String.format(Locale.ROOT, "%.6g,%.6f,%.6g,%.3f%n", p.lr(), p.miNorm(), p.loss(), p.seconds()));
        }
        return text.toString();
    }

    static String json(RangeCurve curve, RangeSuggestion suggestion, Map<String, String> settings) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("lr.min", suggestion.lrMin());
        root.put("lr.max", suggestion.lrMax());
        root.put("rule", suggestion.rule());
        root.put("reason", suggestion.reason());
        root.put("steps", curve.size());
        root.put("diverged", curve.diverged());
        root.put("start_mi_norm", curve.startMiNorm());
        root.put("seconds", curve.points().stream().mapToDouble(RangePoint::seconds).sum());
        ObjectNode settingsNode = root.putObject("settings");
        settings.forEach(settingsNode::put);
        return root.toPrettyString() + "\n";
    }

    static XYChart chart(RangeCurve curve, RangeSuggestion suggestion) {
        XYChart chart = new XYChartBuilder().width(900).height(520)
                .title(String.format(Locale.ROOT, "LR range test: suggested [%.3g, %.3g] (rule %s)",
                        suggestion.lrMin(), suggestion.lrMax(), suggestion.rule()))
                .xAxisTitle("learning rate (log scale)").yAxisTitle("normalised MI (output head)").build();
        Styler styler = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setXAxisDecimalPattern("0.#####E0");
        styler.setChartBackgroundColor(Color.WHITE);
        List<Double> lrs = curve.points().stream().map(RangePoint::lr).toList();
        XYSeries mi = chart.addSeries("normalised MI", lrs, curve.points().stream().map(RangePoint::miNorm).toList());
        mi.setMarker(SeriesMarkers.CIRCLE);
        List<Double> losses = curve.points().stream().map(p -> Double.isFinite(p.loss()) ? p.loss() : Double.NaN).toList();
        XYSeries loss = chart.addSeries("training loss (right axis)", lrs, losses);
        loss.setYAxisGroup(1);
        loss.setMarker(SeriesMarkers.DIAMOND);
        chart.setYAxisGroupTitle(1, "training loss");
        chart.addAnnotation(new AnnotationLine(suggestion.lrMin(), true, false));
        chart.addAnnotation(new AnnotationLine(suggestion.lrMax(), true, false));
        chart.addAnnotation(new AnnotationText("lr.min", suggestion.lrMin(), 0.02, false));
        chart.addAnnotation(new AnnotationText("lr.max", suggestion.lrMax(), 0.02, false));
        return chart;
    }
}
