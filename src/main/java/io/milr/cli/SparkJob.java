package io.milr.cli;

import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.data.DataFormat;
import io.milr.job.JobData;
import io.milr.report.RunDirectory;
import io.milr.storage.StorageProbe;
import io.milr.storage.StorageUri;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How a job subcommand runs: what a user can get wrong in configuration, the file systems of the
 * inputs and of the run directory, and the run directory itself is checked before Spark starts; the
 * data are checked by the executors before the run directory is created and any work starts; then
 * the work runs on that Spark context, which is stopped after (or lent by a test).
 */
final class SparkJob {
    private SparkJob() {
    }

    /** What a subcommand does once its configuration, data and run directory are known good and Spark runs. */
    @FunctionalInterface
    interface Work {
        void run(JobConfig config, JobData data, RunDirectory out, JavaSparkContext sc);
    }

    /**
     * The inputs' storage is reached before --out is created, so a failing input leaves no directory
     * behind; a later attempt of the same YARN application starts its own directory over.
     */
    static int run(String subcommand, JobOptions options, PrintStream out, SparkContexts contexts, Work work) {
        JobConfig config = options.config();
        SparkConf sparkConf = sparkConf(config, "milr " + subcommand);
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(sparkConf);
        String outDir = options.outDir != null ? options.outDir : defaultRunDirectory(subcommand, config);
        StorageProbe probe = new StorageProbe(hadoopConf);
        probe.reach(inputs(config));
        probe.reach(StorageUri.argument("--out", outDir));
        Optional<YarnAttempt> attempt = YarnAttempt.ofThisDriver();
        boolean overwrite = options.overwrite || attempt.map(a -> a.startedEarlier(outDir, hadoopConf)).orElse(false);
        RunDirectory.requireUsable(outDir, overwrite, hadoopConf);
        SparkOnDemand spark = new SparkOnDemand(contexts, sparkConf);
        RunDirectory runDirectory;
        try {
            JobData data = JobData.load(config, hadoopConf, spark);
            if (data.skippedRows() > 0) {
                out.println("milr: skipped " + data.skippedRows() + " row(s) of data.train and data.test holding a"
                        + " null (data.nulls=skip)");
            }
            runDirectory = RunDirectory.create(outDir, overwrite, hadoopConf);
            attempt.ifPresent(a -> a.tag(runDirectory));
            work.run(config, data, runDirectory, spark.get());
        } finally {
            spark.finish();
        }
        out.println("milr: run complete: " + runDirectory.uri());
        return Main.OK;
    }

    /** The training and test data, named by their keys (a catalog table is no URI to reach). */
    static StorageUri[] inputs(JobConfig config) {
        if (config.dataFormat() == DataFormat.TABLE) {
            return new StorageUri[0];
        }
        StorageUri train = StorageUri.key(ConfigKeys.DATA_TRAIN, config.trainData());
        return config.testData().isEmpty() ? new StorageUri[] {train}
                : new StorageUri[] {train, StorageUri.key(ConfigKeys.DATA_TEST, config.testData())};
    }

    /** A master set by spark-submit (or spark-defaults) wins over the job configuration's spark.master. */
    static SparkConf sparkConf(JobConfig config, String appName) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.sparkMaster());
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // An averaging round lasts a fraction of a second: waiting Spark's default 3 s for the executor
        // that cached a block costs more than reading the block from that executor over the network.
        conf.setIfMissing("spark.locality.wait", "100ms");
        return conf;
    }

    /** The Hadoop configuration of a subcommand that reads or writes before (or without) a job configuration. */
    static Configuration hadoopConf() {
        return SparkHadoopUtil.get().newConfiguration(new SparkConf(true));
    }

    private static String defaultRunDirectory(String subcommand, JobConfig config) {
        return defaultRunDirectory(subcommand + "-" + config.model().name());
    }

    /** {@code runs/NAME-yyyyMMdd-HHmmss}: where a subcommand writes when no --out is given. */
    static String defaultRunDirectory(String name) {
        return "runs/" + name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
