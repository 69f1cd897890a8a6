package io.milr.testing;

import io.milr.config.JobConfig;
import io.milr.job.JobData;
import io.milr.job.TrainJob;
import io.milr.report.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One real short {@code train} run (MNIST slice, layer mode, two epochs, about 6 s), done once per
 * test JVM and shared by the tests that look at what a run leaves: its directory, console and network.
 */
public record ShortRun(JobConfig config, Path dir, String console, MultiLayerNetwork network) {
    private static ShortRun done;

    public static synchronized ShortRun get() {
        if (done == null) {
            done = train();
        }
        return done;
    }

    private static ShortRun train() {
        JobConfig config = JobConfig.of("model.hidden=64", "lr.mode=layer", "train.epochs=2", "train.batchSize=50",
                "train.averagingFrequency=5", "train.workers=2", "mi.probeSize=1000",
                "data.train=" + Mnist.TRAIN, "data.test=" + Mnist.TEST, "data.trainLimit=3000", "data.testLimit=500");
        Path dir = TempFiles.deletedAtExit("milr-short-run").resolve("run");
        Configuration hadoop = new Configuration();
        RunDirectory out = RunDirectory.create(dir.toString(), false, hadoop);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        MultiLayerNetwork network = new TrainJob(config, out, new PrintStream(console, true))
                .run(LocalSpark.context(), JobData.load(config, LocalSpark.context())).network();
        return new ShortRun(config, dir, console.toString(), network);
    }
}
