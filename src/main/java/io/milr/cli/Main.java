package io.milr.cli;

import io.milr.config.ConfigException;
import io.milr.config.ConfigKey;
import io.milr.config.ConfigKeys;
import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import io.milr.data.DataFormatException;
import io.milr.job.JobData;
import io.milr.job.TrainJob;
import io.milr.report.MetricsFormatException;
import io.milr.report.RunDirectory;
import io.milr.report.RunDirectoryException;
import io.milr.report.html.RunReport;
import io.milr.mi.SingleClassException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Entry point: {@code milr train|report|keys|--help}. User errors exit with status 2 and a message, no stack trace. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USER_ERROR = 2;

    private static final String USAGE = """
            milr: SGD whose per-layer learning rates are set every epoch from mutual information, on Spark.

            Usage:
              milr train [--conf FILE] [--set key=value]... [--out DIR] [--overwrite]
              milr report DIR... [--out DIR]
                                          rewrite a run's report (report.html, PNG plots) from its
                                          metrics.jsonl; several DIRs: one overlay (overlay.html)
              milr keys                   list every configuration key with its default
              milr --help

            Options:
              --conf FILE      job configuration (.properties), e.g. conf/mnist-mlp.properties
              --set key=value  override one key (repeatable), e.g. --set lr.mode=layer --set train.epochs=3
              --out DIR        run directory (any Hadoop URI); default runs/<model>-<time>
                               (report: where the report goes; default the first DIR)
              --overwrite      reuse a non-empty run directory, replacing its files

            A run writes config.properties, metrics.jsonl (one JSON line per epoch), model.zip and its
            report (report.html with PNG plots) to DIR.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine command = CommandLine.parse(args);
            if (command.help()) {
                out.print(USAGE);
                return OK;
            }
            return switch (command.subcommand()) {
                case "train" -> train(command, out);
                case "report" -> report(command, out);
                case "keys" -> keys(out);
                default -> throw new ConfigException("Unknown subcommand '" + command.subcommand()
                        + "'; expected train, report or keys. Run 'milr --help' for usage.");
            };
        } catch (ConfigException | DataFormatException | RunDirectoryException | SingleClassException
                 | MetricsFormatException e) {
            err.println("milr: " + e.getMessage());
            return USER_ERROR;
        }
    }

    private static int keys(PrintStream out) {
        for (ConfigKey key : ConfigKeys.all()) {
            out.printf("%-26s %-18s %s%n", key.name(), key.defaultValue().isEmpty() ? "(derived)" : key.defaultValue(),
                    key.description());
        }
        return OK;
    }

    private static int train(CommandLine command, PrintStream out) {
        JobConfig config = JobConfig.from(ConfigSources.of(command.confFile(), command.overrides()));
        SparkConf sparkConf = sparkConf(config, "milr train");
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(sparkConf);
        JobData data = JobData.load(config, hadoopConf);
        String outDir = command.outDir() != null ? command.outDir() : defaultRunDirectory(config);
        RunDirectory runDirectory = RunDirectory.create(outDir, command.overwrite(), hadoopConf);
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            new TrainJob(config, runDirectory, out).run(sc, data);
        }
        out.println("milr: run complete: " + runDirectory.uri());
        return OK;
    }

    private static int report(CommandLine command, PrintStream out) {
        if (command.runDirs().isEmpty()) {
            throw new ConfigException("report needs at least one run directory: milr report DIR... [--out DIR]");
        }
        if (command.confFile() != null || !command.overrides().isEmpty()) {
            throw new ConfigException("report takes run directories and --out only; it reads each run's own config.properties.");
        }
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(new SparkConf(true));
        List<RunDirectory> runs = command.runDirs().stream().map(dir -> RunDirectory.open(dir, hadoopConf)).toList();
        RunDirectory target = command.outDir() == null ? runs.get(0) : RunDirectory.create(command.outDir(), true, hadoopConf);
        out.println("milr: report written: " + RunReport.write(runs, target));
        return OK;
    }

    /** A master set by spark-submit (or spark-defaults) wins over the job configuration's spark.master. */
    static SparkConf sparkConf(JobConfig config, String appName) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.sparkMaster());
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }

    private static String defaultRunDirectory(JobConfig config) {
        return "runs/" + config.model().name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
