package io.milr.cli;

import io.milr.bench.BenchSettings;
import io.milr.bench.Benchmark;
import io.milr.checkpoint.CheckpointException;
import io.milr.checkpoint.CheckpointStore;
import io.milr.config.ConfigException;
import io.milr.config.ConfigKey;
import io.milr.config.ConfigKeys;
import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import io.milr.job.CompareJob;
import io.milr.job.JobData;
import io.milr.job.RangeTestJob;
import io.milr.job.ResumePoint;
import io.milr.job.TrainJob;
import io.milr.report.MetricsFormatException;
import io.milr.report.RunDirectory;
import io.milr.report.RunDirectoryException;
import io.milr.report.html.RunReport;
import io.milr.spark.TrainingData;
import io.milr.storage.StorageProbe;
import io.milr.storage.StorageUri;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.SparkUserAppException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Entry point: {@code milr train|range-test|compare|report|bench|keys|--help}. User errors exit with status 2 and a
 * message, no stack trace (it is logged at debug level).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USER_ERROR = 2;

    private static final String USAGE = """
            milr: SGD whose per-layer learning rates are set every epoch from mutual information, on Spark.

            Usage:
              milr train      [--conf FILE] [--set key=value]... [--out DIR] [--overwrite]
              milr train      --resume DIR [--set train.epochs=N]
                                          continue the run in DIR from its last complete checkpoint
              milr range-test [--conf FILE] [--set key=value]... [--out DIR] [--overwrite]
              milr compare    [--conf FILE] [--set key=value]... [--out DIR] [--overwrite]
              milr report DIR... [--out DIR]
                                          rewrite a run's report (report.html, PNG plots) from its
                                          metrics.jsonl; several DIRs: one overlay (overlay.html)
              milr bench [--runs N] [--epochs N] [--conf FILE] [--set key=value]... [--out DIR]
                                          time DL4J in one JVM, milr in Spark local mode and PyTorch
                                          on the same network and minibatches ('milr bench --help')
              milr keys                   list every configuration key with its default
              milr --help

            Options:
              --conf FILE      job configuration (.properties), e.g. conf/mnist-mlp.properties
              --set key=value  override one key (repeatable), e.g. --set lr.mode=layer --set train.epochs=3
              --out DIR        run directory (any Hadoop URI); default runs/<subcommand>-<model>-<time>
                               (report: where the report goes; default the first DIR)
              --overwrite      reuse a non-empty run directory, replacing its files
              --resume DIR     train: continue the run in DIR (its own configuration; only train.epochs
                               may be set) from its last complete checkpoint, ending where an
                               uninterrupted run would

            train writes config.properties, metrics.jsonl (one JSON line per epoch), the model (model.zip,
            network.json, model.json: scaling, input and classes), a checkpoint after every epoch
            (checkpoints/epoch-N; checkpoint.keep of them stay) and its report (report.html with PNG plots)
            to DIR;
            with --set lr.range=auto it runs the range test first and trains within its suggestion.
            range-test writes range.csv (the curve), range.json (suggested lr.min/lr.max and the rule) and
            range.png to DIR.
            compare trains the same job once per optimizer (compare.optimizers: MI-LR network and layer
            mode, SGD fixed and step decay, Adam, RMSprop, LARS), each a train run in DIR/<optimizer>, and
            writes comparison.csv, comparison.md and comparison.png (test accuracy against wall time).
            """;

    private Main() {
    }

    /**
     * Returns after success instead of calling {@code System.exit(0)}: in YARN cluster mode the
     * ApplicationMaster reports SUCCEEDED only when {@code main} returns; an exit runs its shutdown
     * hook first, which reports FAILED and makes YARN start a second attempt.
     */
    public static void main(String[] args) throws SparkException {
        int status = run(args, System.out, System.err);
        if (status != OK) {
            exit(status);
        }
    }

    /**
     * Ends a failed run with {@code status}. In a YARN ApplicationMaster the status is handed to Spark
     * as its {@code SparkUserAppException} (what Spark's own Python and R runners throw), so that YARN
     * records "User application exited with status N" rather than an unexplained shutdown.
     */
    private static void exit(int status) throws SparkException {
        if (YarnAttempt.ofThisDriver().isPresent()) {
            throw new SparkUserAppException(status);
        }
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, SparkContexts.OWN);
    }

    /** As the command line runs, with the Spark context from {@code contexts}. */
    static int run(String[] args, PrintStream out, PrintStream err, SparkContexts contexts) {
        try {
            if (args.length > 0 && args[0].equals("bench")) {
                return bench(args, out);
            }
            CommandLine command = CommandLine.parse(args);
            if (command.help()) {
                out.print(USAGE);
                return OK;
            }
            return switch (command.subcommand()) {
                case "train" -> command.resumeDir() != null ? resume(command.resumeDir(), command.overrides(), out, contexts)
                        : continuesEarlierAttempt(command, out) ? resume(command.outDir(), List.of(), out, contexts)
                        : onSpark(command, out, contexts, "milr train", (config, data, dir, sc) ->
                        new TrainJob(config, dir, out).run(sc, data));
                case "compare" -> onSpark(command, out, contexts, "milr compare", (config, data, dir, sc) ->
                        new CompareJob(config, dir, out).run(sc, data));
                case "range-test" -> onSpark(command, out, contexts, "milr range-test", (config, data, dir, sc) -> {
                    TrainingData rdds = data.toRdds(sc, TrainJob.trainerSettings(config));
                    try {
                        new RangeTestJob(config, dir, out).run(sc, data, rdds);
                    } finally {
                        rdds.release();
                    }
                });
                case "report" -> report(command, out);
                case "keys" -> keys(out);
                default -> throw new ConfigException("Unknown subcommand '" + command.subcommand()
                        + "'; expected train, range-test, compare, report or keys. Run 'milr --help' for usage.");
            };
        } catch (Exception e) {
            // Spark throws its checked SparkException undeclared, hence Exception.
            Optional<String> message = UserErrors.messageOf(e);
            if (message.isEmpty()) {
                throw e;
            }
            LOG.debug("milr stopped on a user error", e);
            err.println("milr: " + message.get());
            return USER_ERROR;
        }
    }

    private static int bench(String[] args, PrintStream out) {
        BenchSettings settings = BenchCommandLine.parse(args);
        if (settings == null) {
            out.print(BenchCommandLine.USAGE);
            return OK;
        }
        new Benchmark(settings, out).run();
        return OK;
    }

    private static int keys(PrintStream out) {
        for (ConfigKey key : ConfigKeys.all()) {
            out.printf("%-26s %-18s %s%n", key.name(), key.defaultValue().isEmpty() ? "(derived)" : key.defaultValue(),
                    key.description());
        }
        return OK;
    }

    /** What a subcommand does once its configuration, data and run directory are known good and Spark runs. */
    @FunctionalInterface
    private interface SparkWork {
        void run(JobConfig config, JobData data, RunDirectory out, JavaSparkContext sc);
    }

    /**
     * Checks everything a user can get wrong (configuration, the file systems of the inputs and of the
     * run directory, input files, run directory) before starting Spark, then runs the work. The inputs'
     * storage is reached before --out is created, so a failing input leaves no directory behind.
     */
    private static int onSpark(CommandLine command, PrintStream out, SparkContexts contexts, String appName,
                               SparkWork work) {
        JobConfig config = JobConfig.from(ConfigSources.of(command.confFile(), command.overrides()));
        SparkConf sparkConf = sparkConf(config, appName);
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(sparkConf);
        String outDir = command.outDir() != null ? command.outDir() : defaultRunDirectory(command.subcommand(), config);
        StorageProbe probe = new StorageProbe(hadoopConf);
        probe.reach(inputs(config));
        probe.reach(StorageUri.argument("--out", outDir));
        JobData data = JobData.load(config, hadoopConf);
        Optional<YarnAttempt> attempt = YarnAttempt.ofThisDriver();
        // A later attempt of the same YARN application starts its own directory over.
        boolean overwrite = command.overwrite() || attempt.map(a -> a.startedEarlier(outDir, hadoopConf)).orElse(false);
        RunDirectory runDirectory = RunDirectory.create(outDir, overwrite, hadoopConf);
        attempt.ifPresent(a -> a.tag(runDirectory));
        JavaSparkContext sc = contexts.start(sparkConf);
        try {
            work.run(config, data, runDirectory, sc);
        } finally {
            contexts.finish(sc);
        }
        out.println("milr: run complete: " + runDirectory.uri());
        return OK;
    }

    /**
     * {@code train --resume DIR}: finds the last complete checkpoint, takes its configuration, reads
     * and checks the data and the checkpoint's state, all before Spark starts, then trains on.
     */
    private static int resume(String resumeDir, List<String> overrides, PrintStream out, SparkContexts contexts) {
        Configuration readConf = SparkHadoopUtil.get().newConfiguration(new SparkConf(true));
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
        SparkConf sparkConf = sparkConf(config, "milr train --resume");
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(sparkConf);
        new StorageProbe(hadoopConf).reach(inputs(config));
        JobData data = JobData.load(config, hadoopConf);
        ResumePoint point = ResumePoint.of(config, data, found);
        JavaSparkContext sc = contexts.start(sparkConf);
        try {
            new TrainJob(config, run, out).resume(sc, data, point);
        } finally {
            contexts.finish(sc);
        }
        out.println("milr: run complete: " + run.uri());
        return OK;
    }

    /**
     * Whether this {@code train} is a later YARN attempt of an application whose earlier attempt
     * started {@code --out} and left a complete checkpoint there: it then continues from that
     * checkpoint, as {@code train --resume} does. Without one it starts the directory over.
     */
    private static boolean continuesEarlierAttempt(CommandLine command, PrintStream out) {
        Optional<YarnAttempt> attempt = YarnAttempt.ofThisDriver();
        if (command.outDir() == null || attempt.isEmpty()) {
            return false;
        }
        Configuration readConf = SparkHadoopUtil.get().newConfiguration(new SparkConf(true));
        new StorageProbe(readConf).reach(StorageUri.argument("--out", command.outDir()));
        if (!attempt.get().startedEarlier(command.outDir(), readConf)) {
            return false;
        }
        String application = attempt.get().applicationId();
        try {
            int epoch = CheckpointStore.of(RunDirectory.open(command.outDir(), readConf)).latest().checkpoint().epoch();
            out.println("milr: a later attempt of YARN application " + application + ": continuing " + command.outDir()
                    + " from its checkpoint of epoch " + epoch);
            return true;
        } catch (CheckpointException | RunDirectoryException e) {
            out.println("milr: a later attempt of YARN application " + application + ": starting " + command.outDir()
                    + " over (" + e.getMessage() + ")");
            return false;
        }
    }

    private static int report(CommandLine command, PrintStream out) {
        if (command.runDirs().isEmpty()) {
            throw new ConfigException("report needs at least one run directory: milr report DIR... [--out DIR]");
        }
        if (command.confFile() != null || !command.overrides().isEmpty()) {
            throw new ConfigException("report takes run directories and --out only; it reads each run's own config.properties.");
        }
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(new SparkConf(true));
        StorageProbe probe = new StorageProbe(hadoopConf);
        command.runDirs().forEach(dir -> probe.reach(StorageUri.argument("report", dir)));
        if (command.outDir() != null) {
            probe.reach(StorageUri.argument("--out", command.outDir()));
        }
        List<RunDirectory> runs = command.runDirs().stream().map(dir -> RunDirectory.open(dir, hadoopConf)).toList();
        RunDirectory target = command.outDir() == null ? runs.get(0) : RunDirectory.create(command.outDir(), true, hadoopConf);
        out.println("milr: report written: " + RunReport.write(runs, target));
        return OK;
    }

    /** The training and test data, named by their keys. */
    private static StorageUri[] inputs(JobConfig config) {
        return new StorageUri[] {StorageUri.key(ConfigKeys.DATA_TRAIN, config.trainData()),
                StorageUri.key(ConfigKeys.DATA_TEST, config.testData())};
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

    private static String defaultRunDirectory(String subcommand, JobConfig config) {
        return "runs/" + subcommand + "-" + config.model().name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
