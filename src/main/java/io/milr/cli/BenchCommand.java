package io.milr.cli;

import io.milr.bench.BenchSettings;
import io.milr.bench.BenchSystem;
import io.milr.bench.Benchmark;
import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;
import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code milr bench}: the job's keys layer as for {@code train}, over the bench's own defaults
 * ({@link BenchSettings#JOB_DEFAULTS}); {@code --epochs N} is {@code --set train.epochs=N}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time one network on the same minibatches in DL4J in one JVM, milr in Spark local mode (MI-LR"
                + " whole-network and layer-wise) and PyTorch on the CPU, each system in a process of its own.",
                "Writes bench.md, bench.json and bench.png to DIR, and each run's log and result to a directory of its own."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--conf", paramLabel = "FILE", description = "the job, as for train")
    Path confFile;

    @Option(names = "--set", paramLabel = "key=value", description = "as for train; bench defaults: lr.max=0.05 (lr.start:"
            + " the fixed SGD LR of DL4J and PyTorch), train.epochs=3, spark.master=local[2]")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "a local directory; default runs/bench-<time>")
    String outDir;

    @Option(names = "--overwrite", description = "reuse a non-empty output directory")
    boolean overwrite;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1",
            description = "runs of every system (default ${DEFAULT-VALUE}); figures are medians over runs")
    String runs;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs per run (default 3); the first is warm-up, left out of the medians")
    String epochs;

    @Option(names = "--systems", paramLabel = "LIST", description = "comma-separated, default all: dl4j-1jvm,milr-network,"
            + "milr-layer,milr-network-fused,milr-layer-fused,pytorch")
    String systems;

    @Option(names = "--torch-threads", paramLabel = "LIST", defaultValue = "1,2",
            description = "PyTorch thread counts, one row each (default ${DEFAULT-VALUE})")
    String torchThreads;

    @Option(names = "--jfr", description = "record every JVM child with Java Flight Recorder (recording.jfr)")
    boolean jfr;

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        new Benchmark(settings(), out).run();
        return Main.OK;
    }

    BenchSettings settings() {
        ConfigSources sources = new ConfigSources();
        BenchSettings.JOB_DEFAULTS.forEach(sources::addOverride);
        if (confFile != null) {
            sources.addFile(confFile);
        }
        overrides.forEach(sources::addOverride);
        if (epochs != null) {
            sources.addOverride(ConfigKeys.TRAIN_EPOCHS + "=" + wholeNumber(epochs, "--epochs"));
        }
        JobConfig job = JobConfig.from(sources);
        List<BenchSystem> chosen = systems == null ? List.of(BenchSystem.values())
                : listOf(systems).stream().map(BenchSystem::fromConfigName).distinct().toList();
        List<Integer> threads = listOf(torchThreads).stream().map(t -> wholeNumber(t, "--torch-threads")).distinct().toList();
        String dir = outDir != null ? outDir
                : SparkJob.defaultRunDirectory("bench");
        return new BenchSettings(job, wholeNumber(runs, "--runs"), chosen, threads, jfr, dir, overwrite);
    }

    private static List<String> listOf(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int wholeNumber(String text, String option) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(option + " " + text + ": expected a whole number");
        }
    }
}
