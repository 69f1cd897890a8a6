package io.milr.testing;

import io.milr.config.JobConfig;
import io.milr.job.JobData;
import io.milr.job.TrainJob;
import io.milr.report.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One real one-epoch {@code train} run (1,000 MNIST examples, standard scaling, so that the fitted
 * scaling is per feature and not a constant 1/255), done once per test JVM and shared by the tests of
 * what applying its model needs: the run directory, the job's data (its fitted scaler) and the
 * network the run ended with.
 */
public record TrainedRun(JobConfig config, Path dir, JobData data, MultiLayerNetwork network) {
    private static TrainedRun done;

    public static synchronized TrainedRun get() {
        if (done == null) {
            done = train();
        }
        return done;
    }

    private static TrainedRun train() {
        Mnist.train(1);
        JobConfig config = JobConfig.of("model.hidden=32", "train.epochs=1", "train.batchSize=50",
                "train.averagingFrequency=5", "train.workers=2", "mi.probeSize=500", "data.scale=standard",
                "data.train=" + Mnist.TRAIN, "data.test=" + Mnist.TEST, "data.trainLimit=1000", "data.testLimit=200");
        Path dir = TempFiles.deletedAtExit("milr-trained-run").resolve("run");
        Configuration hadoop = new Configuration();
        RunDirectory out = RunDirectory.create(dir.toString(), false, hadoop);
        JobData data = JobData.load(config, LocalSpark.context());
        MultiLayerNetwork network = new TrainJob(config, out, new PrintStream(OutputStream.nullOutputStream()))
                .run(LocalSpark.context(), data).network();
        return new TrainedRun(config, dir, data, network);
    }
}
