package io.milr.job;

import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.lr.range.RangeCurve;
import io.milr.lr.range.RangeSuggestion;
import io.milr.report.RangeTestReport;
import io.milr.report.RunDirectory;
import io.milr.spark.RangeTestRunner;
import io.milr.spark.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code range-test} subcommand's work, also run by {@code train} with {@code lr.range=auto}:
 * the range test on a fresh network, the suggestion of the configured rule, and the files
 * {@code range.csv}, {@code range.json} and {@code range.png}.
 */
public final class RangeTestJob {
    private final JobConfig config;
    private final RunDirectory out;
    private final PrintStream console;

    public RangeTestJob(JobConfig config, RunDirectory out, PrintStream console) {
        this.config = config;
        this.out = out;
        this.console = console;
    }

    public RangeSuggestion run(JavaSparkContext sc, JobData data, TrainingData rdds) {
        MultiLayerNetwork network = TrainJob.network(config, data,
                new org.nd4j.linalg.learning.config.Sgd(config.rangeSettings().schedule().low()), java.util.List.of());
        int steps = config.rangeSettings().schedule().steps();
        console.printf(Locale.ROOT, "milr range test: %d LRs from %.3g to %.3g, %d averaging round(s) each, MI on %d probe examples%n",
                steps, config.rangeSettings().schedule().low(), config.rangeSettings().schedule().high(),
                config.rangeSettings().roundsPerStep(), config.rangeSettings().probeSize());
        RangeCurve curve = new RangeTestRunner(sc, TrainJob.trainerSettings(config), config.rangeSettings()).run(network, rdds, step ->
                console.printf(Locale.ROOT, "range %2d/%d  lr %.3g  MI %.3f  loss %.4g  %.2fs%s%n", step.index() + 1,
                        step.steps(), step.point().lr(), step.point().miNorm(), step.point().loss(), step.point().seconds(),
                        step.diverged() ? "  diverged: stopping" : ""));
        RangeSuggestion suggestion = config.rangeRule().suggest(curve);
        RangeTestReport.write(out, curve, suggestion, settings());
        console.printf(Locale.ROOT, "milr range test: suggested lr.min=%.3g lr.max=%.3g by rule %s (%s); %.1fs in all%n",
                suggestion.lrMin(), suggestion.lrMax(), suggestion.rule(), suggestion.reason(),
                curve.points().stream().mapToDouble(p -> p.seconds()).sum());
        return suggestion;
    }

    /** The keys that shaped the test, recorded with its result. */
    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        config.effectiveValues().forEach((key, value) -> {
            if (key.startsWith("range.") || key.startsWith("train.") || key.equals(ConfigKeys.MODEL)
                    || key.startsWith("model.") || key.startsWith("data.") || key.equals(ConfigKeys.MI_ESTIMATOR)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
