package io.milr.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small layer-mode {@code train} job on an MNIST slice for the cluster tests, as the arguments of
 * a submit script. The probe is the whole slice, so every head counts every training example.
 * Data paths are absolute: the driver (and executors) resolve them from their own directories.
 */
public record ClusterJob(int trainExamples, int testExamples, int epochs) {

    /** {@code train --set ... --out OUT} on the MNIST files under data/mnist. */
    public List<String> trainArgs(String out) {
        return trainArgs(out, absolute(Mnist.TRAIN), absolute(Mnist.TEST));
    }

    /** {@code train --set ... --out OUT} on the MNIST IDX files of the prefixes {@code train} and {@code test}. */
    public List<String> trainArgs(String out, String train, String test) {
        List<String> args = new ArrayList<>(List.of("train"));
        for (String setting : settings(train, test)) {
            args.add("--set");
            args.add(setting);
        }
        args.add("--out");
        args.add(out);
        return args;
    }

    /** The job's settings as {@code key=value} lines, for --set or a --conf file. */
    public List<String> settings(String train, String test) {
        return List.of("model.hidden=32", "lr.mode=layer", "train.epochs=" + epochs,
                "train.batchSize=50", "train.averagingFrequency=5", "train.workers=2",
                "mi.probeSize=" + trainExamples, "data.trainLimit=" + trainExamples, "data.testLimit=" + testExamples,
                "data.train=" + train, "data.test=" + test);
    }

    /**
     * Starts the job through {@code submit-scripts/standalone.sh} on {@code cluster}, without
     * SPARK_HOME (the script then runs Spark's SparkSubmit from the project's classpath).
     */
    public ScriptRun submitTo(StandaloneCluster cluster, Path out) {
        List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(), "--driver-memory", "2g",
                "--executor-memory", "1g"));
        args.addAll(trainArgs(out.toString()));
        return ScriptRun.start("submit-scripts/standalone.sh", args, Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                List.of("SPARK_HOME", "OMP_NUM_THREADS"));
    }

    /** Examples per class of the training slice. */
    public long[] classCounts() {
        return Mnist.train(trainExamples).classCounts(10);
    }

    private static String absolute(String prefix) {
        return Path.of(prefix).toAbsolutePath().toString();
    }
}
