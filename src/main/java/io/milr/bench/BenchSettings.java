package io.milr.bench;

import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.data.DataFormat;
import io.milr.data.FeatureScaling;
import io.milr.model.ModelSpec;
import io.milr.optim.Optimizer;

import java.util.List;

/**
 * What {@code milr bench} runs: the job every system trains (network, data, batch size, LR, seed,
 * epochs, Spark master: one {@link JobConfig}), how many times, which systems, PyTorch's thread
 * counts, whether to record the JVM children with Java Flight Recorder, and where the output goes.
 * The job must be one every system can train the same way: an MLP on IDX images scaled by a
 * constant, plain SGD (MI-LR, whose first LR is the fixed LR of the others), no range test.
 */
public record BenchSettings(JobConfig job, int runs, List<BenchSystem> systems, List<Integer> torchThreads,
                            boolean flightRecorder, String outDir, boolean overwrite) {

    /** Defaults of the bench's job, under a --conf file and --set: PERFORMANCE.md's settings. */
    public static final List<String> JOB_DEFAULTS = List.of(ConfigKeys.LR_MAX + "=0.05",
            ConfigKeys.TRAIN_EPOCHS + "=3", ConfigKeys.SPARK_MASTER + "=local[2]");

    public BenchSettings {
        if (runs < 1) {
            throw new ConfigException("--runs " + runs + ": expected at least 1");
        }
        if (systems.isEmpty()) {
            throw new ConfigException("--systems: expected at least one of dl4j-1jvm, milr-network, milr-layer, pytorch");
        }
        if (torchThreads.isEmpty() || torchThreads.stream().anyMatch(t -> t < 1)) {
            throw new ConfigException("--torch-threads " + torchThreads + ": expected thread counts >= 1, e.g. 1,2");
        }
        requireComparable(job);
        systems = List.copyOf(systems);
        torchThreads = List.copyOf(torchThreads);
    }

    private static void requireComparable(JobConfig job) {
        if (!job.model().name().equals(ModelSpec.MLP)) {
            throw new ConfigException("Configuration key 'model' = '" + job.model().name() + "': the bench times the"
                    + " mlp only (its PyTorch peer builds the same dense network); expected model=mlp");
        }
        if (job.dataFormat() != DataFormat.IDX) {
            throw new ConfigException("Configuration key 'data.format' = '" + job.dataFormat().configName() + "': the bench's"
                    + " PyTorch peer reads IDX files itself; expected data.format=idx");
        }
        FeatureScaling scaling = job.scaling();
        if (scaling.method() != FeatureScaling.Method.UNIT) {
            throw new ConfigException("Configuration key 'data.scale' = '" + scaling.method().configName() + "': the"
                    + " bench needs features divided by a constant (unit), which every system applies alike");
        }
        if (job.optimizer().kind() != Optimizer.MI_LR) {
            throw new ConfigException("Configuration key 'optimizer' = '" + job.optimizer().kind().configName()
                    + "': the bench compares plain SGD; expected optimizer=mi-lr (lr.start is the fixed LR of DL4J"
                    + " and PyTorch)");
        }
        if (job.autoRange()) {
            throw new ConfigException("Configuration key 'lr.range' = 'auto': the bench times training alone;"
                    + " expected lr.range=fixed");
        }
    }

    /** The fixed SGD learning rate of DL4J and PyTorch, and milr's first-epoch LR. */
    public double learningRate() {
        return job.lrSettings().lrStart();
    }
}
