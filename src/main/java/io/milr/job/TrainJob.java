package io.milr.job;

import io.milr.config.JobConfig;
import io.milr.heads.HeadLayout;
import io.milr.lr.range.RangeSuggestion;
import io.milr.lr.MiLrPolicy;
import io.milr.report.MetricsJson;
import io.milr.report.ProgressLine;
import io.milr.report.RunDirectory;
import io.milr.report.RunSummary;
import io.milr.spark.EpochReport;
import io.milr.spark.MiTrainer;
import io.milr.spark.TrainerSettings;
import io.milr.spark.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code train} subcommand's work: data, network, MI-driven training, and the run directory's
 * files ({@code config.properties}, {@code metrics.jsonl}, {@code model.zip}).
 */
public final class TrainJob {
    private final JobConfig config;
    private final RunDirectory out;
    private final PrintStream console;

    public TrainJob(JobConfig config, RunDirectory out, PrintStream console) {
        this.config = config;
        this.out = out;
        this.console = console;
    }

    /** Runs the job on an existing Spark context; returns the trained network. */
    public MultiLayerNetwork run(JavaSparkContext sc, JobData data) {
        TrainingData rdds = data.toRdds(sc, config.batchSize(), config.workers(), config.seed());
        try {
            JobConfig effective = config;
            if (config.autoRange()) {
                RangeSuggestion range = new RangeTestJob(config, out, console).run(sc, data, rdds);
                effective = config.withLrRange(range.lrMin(), range.lrMax());
            }
            return train(effective, sc, data, rdds);
        } finally {
            rdds.release();
        }
    }

    private MultiLayerNetwork train(JobConfig job, JavaSparkContext sc, JobData data, TrainingData rdds) {
        writeConfig(job);
        MultiLayerNetwork network = job.model().build(data.shape().height(), data.shape().width(), data.numClasses(),
                job.seed(), job.lrSettings().lrStart());
        HeadLayout layout = HeadLayout.of(network, job.lrSettings().mode());
        console.printf(Locale.ROOT, "milr: %s on %d training / %d test examples, %d classes, %s mode, %d epochs, %d partitions -> %s%n",
                job.model(), data.train().size(), data.test().size(), data.numClasses(),
                job.lrSettings().mode().configName(), job.epochs(), rdds.train().getNumPartitions(), out.uri());

        MiTrainer trainer = new MiTrainer(sc, new TrainerSettings(job.batchSize(), job.averagingFrequency(),
                job.workers(), job.seed(), job.estimator(), job.probeSize()));
        MiLrPolicy policy = new MiLrPolicy(job.lrSettings(), layout.trainable(), layout.hasHiddenHead());
        List<String> metrics = new ArrayList<>();
        List<EpochReport> reports = new ArrayList<>();
        MultiLayerNetwork trained = trainer.train(network, rdds, layout, policy, job.epochs(), (report, net) -> {
            reports.add(report);
            metrics.add(MetricsJson.line(report));
            out.writeString("metrics.jsonl", String.join("\n", metrics) + "\n");
            if (report.epoch() > 0) {
                out.write("model.zip", stream -> ModelSerializer.writeModel(net, stream, true));
            }
            console.println(ProgressLine.of(report, job.epochs()));
        });
        console.println("milr: " + RunSummary.of(reports));
        return trained;
    }

    /** Every key in the documented order, so that the file reads like the configuration it reproduces. */
    private void writeConfig(JobConfig job) {
        StringBuilder text = new StringBuilder("# milr effective configuration (all keys)\n");
        if (job.autoRange()) {
            text.append("# lr.min and lr.max below are the range test's suggestion (range.json)\n");
        }
        job.effectiveValues().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        out.writeString("config.properties", text.toString());
    }
}
