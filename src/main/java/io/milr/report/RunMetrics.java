package io.milr.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run directory says about its run, read back from its files: the epochs of
 * {@code metrics.jsonl}, the effective configuration of {@code config.properties} (empty when
 * absent) and the range test's curve when {@code range.csv} exists.
 */
public record RunMetrics(String name, String uri, Map<String, String> config, List<EpochMetrics> epochs,
                         Optional<RangeCurve> range) {
    public static final String METRICS_FILE = "metrics.jsonl";
    public static final String CONFIG_FILE = "config.properties";

    public RunMetrics {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        epochs = List.copyOf(epochs);
    }

    public static RunMetrics read(RunDirectory run) {
        String metricsFile = run.path(METRICS_FILE).toString();
        if (!run.exists(METRICS_FILE)) {
            throw new MetricsFormatException(metricsFile + ": no such file; is " + run.uri() + " a milr run directory?");
        }
        List<EpochMetrics> epochs = parseLines(run.readString(METRICS_FILE), metricsFile);
        Optional<RangeCurve> range = run.exists(RangeCurve.FILE)
                ? Optional.of(RangeCurve.parse(run.readString(RangeCurve.FILE), run.path(RangeCurve.FILE).toString()))
                : Optional.empty();
        return new RunMetrics(run.name(), run.uri(), config(run), epochs, range);
    }

    private static List<EpochMetrics> parseLines(String text, String file) {
        List<EpochMetrics> epochs = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            try {
                epochs.add(MetricsJson.parse(lines[line]));
            } catch (IllegalArgumentException e) {
                throw new MetricsFormatException(file + " line " + (line + 1) + ": " + e.getMessage());
            }
        }
        if (epochs.isEmpty()) {
            throw new MetricsFormatException(file + ": holds no epoch yet");
        }
        return epochs;
    }

    /** The keys in the file's order, which is the documented one (TrainJob writes plain key=value lines). */
    private static Map<String, String> config(RunDirectory run) {
        Map<String, String> config = new LinkedHashMap<>();
        if (run.exists(CONFIG_FILE)) {
            for (String line : run.readString(CONFIG_FILE).split("\n")) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    config.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
        }
        return config;
    }

    /** A configuration value, or {@code fallback} when the run has no config.properties or no such key. */
    public String setting(String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The epochs that trained (epoch 0 is the measurement before training). */
    public List<EpochMetrics> trainedEpochs() {
        return epochs.stream().filter(e -> e.epoch() > 0).toList();
    }

    /** Final and best accuracy and typical times; empty when no epoch trained yet. */
    public Optional<RunSummary> summary() {
        List<EpochMetrics> trained = trainedEpochs();
        if (trained.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunSummary.of(trained.stream().mapToDouble(EpochMetrics::testAccuracy).toArray(),
                trained.stream().mapToDouble(EpochMetrics::seconds).toArray(),
                trained.stream().mapToDouble(EpochMetrics::miSeconds).toArray()));
    }

    public EpochMetrics lastEpoch() {
        return epochs.get(epochs.size() - 1);
    }

    /** "mlp 500,300, layer mode" from the configuration; empty when unknown. */
    public String description() {
        List<String> parts = new ArrayList<>();
        if (config.containsKey("model")) {
            parts.add((setting("model", "") + " " + setting("model.hidden", "")).trim());
        }
        if (config.containsKey("lr.mode")) {
            parts.add(setting("lr.mode", "") + " mode");
        }
        return String.join(", ", parts);
    }
}
