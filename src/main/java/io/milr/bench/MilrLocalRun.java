package io.milr.bench;

import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import io.milr.heads.HeadLayout;
import io.milr.job.JobData;
import io.milr.job.TrainJob;
import io.milr.report.RunDirectory;
import io.milr.spark.EpochReport;
import io.milr.spark.TrainingData;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * milr itself, in a child JVM of its own: the {@code train} job as the command line runs it (same
 * entry point, {@link TrainJob}), in Spark's local mode, with a listener that records every Spark
 * job. Epoch figures are the job's own {@link EpochReport}s; its run directory (metrics.jsonl,
 * model.zip, report.html) is kept beside the result.
 *
 * <p>Arguments: {@code JOB_PROPERTIES SYSTEM RUN_DIR RESULT_JSON RUN} (SYSTEM: a milr system's config name).
 */
public final class MilrLocalRun {
    private MilrLocalRun() {
    }

    public static void main(String[] args) {
        BenchSystem system = BenchSystem.fromConfigName(args[1]);
        JobConfig job = JobConfig.from(ConfigSources.of(Path.of(args[0]), system.milrSettings()));
        BenchJson.write(Path.of(args[3]), run(job, system, args[2], Integer.parseInt(args[4])));
    }

    static SystemRun run(JobConfig job, BenchSystem system, String runDir, int run) {
        // As the command line configures Spark, but without the web UI, which only costs here.
        SparkConf conf = new SparkConf(true).setAppName("milr bench " + system.configName())
                .setMaster(job.sparkMaster()).set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
        RunDirectory out = RunDirectory.create(runDir, true, hadoop);
        JavaSparkContext sc = new JavaSparkContext(conf);
        JobData data = JobData.load(job, sc);
        SparkJobLedger ledger = SparkJobLedger.register(sc);
        int slots = sc.defaultParallelism();
        // A measurement pass has one partition per worker, but never more than there are blocks.
        int blocks = TrainingData.blockCount(data.train().size(), TrainJob.trainerSettings(job));
        int partitions = Math.min(job.workers() > 0 ? job.workers() : slots, blocks);
        List<EpochReport> reports;
        long partialBytes;
        try {
            TrainJob.Result result = new TrainJob(job, out, System.out).run(sc, data);
            reports = result.reports();
            partialBytes = PartialTables.bytesPerMeasurement(result.network(),
                    HeadLayout.of(result.network(), job.lrSettings().mode()), data.numClasses(), partitions);
        } finally {
            sc.stop();
        }
        List<EpochTiming> epochs = reports.stream().filter(r -> r.epoch() > 0)
                .map(r -> new EpochTiming(r.epoch(), r.seconds(), r.miSeconds(), r.driverMiSeconds(),
                        r.testAccuracy(), r.trainLoss()))
                .toList();
        String notes = String.format(Locale.ROOT, "Spark %s (%d task slots), %d workers x minibatch %d, averaging every"
                        + " %d minibatches, OMP_NUM_THREADS=%s; s/epoch is the whole epoch (training, MI passes, test"
                        + " evaluation)", job.sparkMaster(), slots, partitions,
                job.batchSize(), job.averagingFrequency(), System.getenv("OMP_NUM_THREADS"));
        return new SystemRun(system.configName(), system.configName(), slots, run, epochs, notes, ledger.kinds(),
                reports.size(), (double) partialBytes, ledger.driverGapSeconds());
    }
}
