package io.milr.cli;

import io.milr.bench.BenchSettings;
import io.milr.bench.BenchSystem;
import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;
import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code milr bench [--conf FILE] [--set key=value]... [--out DIR] [--overwrite] [--runs N] [--epochs N]
 * [--systems LIST] [--torch-threads LIST] [--jfr]}. The job's keys layer as for {@code train}, over the
 * bench's own defaults ({@link BenchSettings#JOB_DEFAULTS}); {@code --epochs N} is {@code --set
 * train.epochs=N}.
 */
final class BenchCommandLine {
    static final String USAGE = """
            milr bench: times one network on the same minibatches in DL4J in one JVM, milr in Spark local mode
            (MI-LR whole-network and layer-wise) and PyTorch on the CPU, each system in a process of its own.

            Usage:
              milr bench [--conf FILE] [--set key=value]... [--out DIR] [--overwrite]
                         [--runs N] [--epochs N] [--systems LIST] [--torch-threads LIST] [--jfr]

            Options:
              --conf, --set    the job, as for train; bench defaults: lr.max=0.05 (lr.start: the fixed SGD LR of
                               DL4J and PyTorch), train.epochs=3, spark.master=local[2]
              --out DIR        a local directory; default runs/bench-<time>
              --runs N         runs of every system (default 1); figures are medians over runs
              --epochs N       epochs per run (default 3); the first is warm-up, left out of the medians
              --systems LIST   comma-separated, default all: dl4j-1jvm,milr-network,milr-layer,
                               milr-network-fused,milr-layer-fused,pytorch
              --torch-threads LIST  PyTorch thread counts, one row each (default 1,2)
              --jfr            record every JVM child with Java Flight Recorder (recording.jfr)

            Writes bench.md, bench.json and bench.png to DIR, and each run's log and result to a directory of its own.
            """;

    private BenchCommandLine() {
    }

    /** The settings, or null when only the usage was asked for. */
    static BenchSettings parse(String[] args) {
        Path conf = null;
        List<String> overrides = new ArrayList<>();
        String out = null;
        boolean overwrite = false;
        int runs = 1;
        List<BenchSystem> systems = List.of(BenchSystem.values());
        List<Integer> torchThreads = List.of(1, 2);
        boolean jfr = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--conf" -> conf = Path.of(value(args, ++i, "--conf", "a .properties file"));
                case "--set" -> overrides.add(value(args, ++i, "--set", "key=value"));
                case "--out" -> out = value(args, ++i, "--out", "a local directory");
                case "--overwrite" -> overwrite = true;
                case "--runs" -> runs = number(args, ++i, "--runs");
                case "--epochs" -> overrides.add(ConfigKeys.TRAIN_EPOCHS + "=" + number(args, ++i, "--epochs"));
                case "--systems" -> systems = Arrays.stream(value(args, ++i, "--systems", "a list, e.g. dl4j-1jvm,pytorch")
                        .split(",")).filter(s -> !s.isBlank()).map(BenchSystem::fromConfigName).distinct().toList();
                case "--torch-threads" -> torchThreads = Arrays.stream(value(args, ++i, "--torch-threads", "a list, e.g. 1,2")
                        .split(",")).filter(s -> !s.isBlank()).map(s -> parseNumber(s, "--torch-threads")).distinct().toList();
                case "--jfr" -> jfr = true;
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new ConfigException("Unexpected argument '" + args[i] + "'. Run 'milr bench --help' for usage.");
            }
        }
        ConfigSources sources = new ConfigSources();
        BenchSettings.JOB_DEFAULTS.forEach(sources::addOverride);
        if (conf != null) {
            sources.addFile(conf);
        }
        overrides.forEach(sources::addOverride);
        JobConfig job = JobConfig.from(sources);
        String outDir = out != null ? out
                : "runs/bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return new BenchSettings(job, runs, systems, torchThreads, jfr, outDir, overwrite);
    }

    private static String value(String[] args, int index, String option, String expected) {
        if (index >= args.length) {
            throw new ConfigException(option + " needs a value: " + expected + ".");
        }
        return args[index];
    }

    private static int number(String[] args, int index, String option) {
        return parseNumber(value(args, index, option, "a whole number"), option);
    }

    private static int parseNumber(String text, String option) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(option + " " + text + ": expected a whole number");
        }
    }
}
