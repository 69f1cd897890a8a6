package io.milr.cli;

import io.milr.checkpoint.CheckpointException;
import io.milr.checkpoint.CheckpointStore;
import io.milr.config.JobConfig;
import io.milr.job.JobData;
import io.milr.job.ResumePoint;
import io.milr.job.TrainJob;
import io.milr.report.RunDirectory;
import io.milr.report.RunDirectoryException;
import io.milr.storage.StorageProbe;
import io.milr.storage.StorageUri;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** A train run continued from its last complete checkpoint: by {@code --resume}, or by a later YARN attempt. */
final class TrainResume {
    private TrainResume() {
    }

    /**
     * Finds the last complete checkpoint, takes its configuration, reads and checks the data and the
     * checkpoint's state, all before Spark starts, then trains on.
     */
    static int resume(String resumeDir, List<String> overrides, PrintStream out, SparkContexts contexts) {
        Configuration readConf = SparkJob.hadoopConf();
        new StorageProbe(readConf).reach(StorageUri.argument("--resume", resumeDir));
        RunDirectory run;
        try {
            run = RunDirectory.open(resumeDir, readConf);
        } catch (RunDirectoryException e) {
            throw new RunDirectoryException("--resume " + e.getMessage() + " Expected the run directory (--out) of an"
                    + " earlier train run.", e);
        }
        CheckpointStore.Found found = CheckpointStore.of(run).latest();
        JobConfig config = ResumePoint.config(found, overrides);
        SparkConf sparkConf = SparkJob.sparkConf(config, "milr train --resume");
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(sparkConf);
        new StorageProbe(hadoopConf).reach(SparkJob.inputs(config));
        // The network is the checkpoint's: a custom run's model.config and model.init are not read again.
        SparkOnDemand spark = new SparkOnDemand(contexts, sparkConf);
        try {
            JobData data = JobData.loadSets(config, hadoopConf, spark);
            ResumePoint point = ResumePoint.of(config, data, found);
            new TrainJob(config, run, out).resume(spark.get(), data, point);
        } finally {
            spark.finish();
        }
        out.println("milr: run complete: " + run.uri());
        return Main.OK;
    }

    /**
     * Whether this {@code train} is a later YARN attempt of an application whose earlier attempt
     * started {@code outDir} and left a complete checkpoint there: it then continues from that
     * checkpoint, as {@code train --resume} does. Without one it starts the directory over.
     */
    static boolean continuesEarlierAttempt(String outDir, PrintStream out) {
        Optional<YarnAttempt> attempt = YarnAttempt.ofThisDriver();
        if (outDir == null || attempt.isEmpty()) {
            return false;
        }
        Configuration readConf = SparkJob.hadoopConf();
        new StorageProbe(readConf).reach(StorageUri.argument("--out", outDir));
        if (!attempt.get().startedEarlier(outDir, readConf)) {
            return false;
        }
        String application = attempt.get().applicationId();
        try {
            int epoch = CheckpointStore.of(RunDirectory.open(outDir, readConf)).latest().checkpoint().epoch();
            out.println("milr: a later attempt of YARN application " + application + ": continuing " + outDir
                    + " from its checkpoint of epoch " + epoch);
            return true;
        } catch (CheckpointException | RunDirectoryException e) {
            out.println("milr: a later attempt of YARN application " + application + ": starting " + outDir
                    + " over (" + e.getMessage() + ")");
            return false;
        }
    }
}
