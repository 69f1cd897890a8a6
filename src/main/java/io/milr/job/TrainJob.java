package io.milr.job;

import io.milr.config.JobConfig;
import io.milr.heads.HeadLayout;
import io.milr.lr.MiLrPolicy;
import io.milr.report.EpochProgress;
import io.milr.report.MetricsJson;
import io.milr.report.ProgressLine;
import io.milr.report.RunDirectory;
import io.milr.report.RunSummary;
import io.milr.report.html.RunReport;
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
 * files ({@code config.properties}, {@code metrics.jsonl}, {@code model.zip}, and at the end the
 * report: {@code report.html} with its plots).
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
        writeConfig();
        MultiLayerNetwork network = config.model().build(data.train().rows(), data.train().cols(), data.numClasses(),
                config.seed(), config.lrSettings().lrStart());
        HeadLayout layout = HeadLayout.of(network, config.lrSettings().mode());
        TrainingData rdds = data.toRdds(sc, config.batchSize(), config.workers(), config.seed(), config.probeSize());
        console.printf(Locale.ROOT, "milr: %s on %d training / %d test examples, %d classes, %s mode, %d epochs, %d partitions -> %s%n",
                config.model(), data.train().size(), data.test().size(), data.numClasses(),
                config.lrSettings().mode().configName(), config.epochs(), rdds.train().getNumPartitions(), out.uri());

        MiTrainer trainer = new MiTrainer(sc, new TrainerSettings(config.batchSize(), config.averagingFrequency(),
                config.workers(), config.seed(), config.estimator()));
        MiLrPolicy policy = new MiLrPolicy(config.lrSettings(), layout.trainable(), layout.hasHiddenHead());
        List<String> metrics = new ArrayList<>();
        List<EpochReport> reports = new ArrayList<>();
        try (EpochProgress progress = EpochProgress.start(sc.sc(), console, config.epochs())) {
            MultiLayerNetwork trained = trainer.train(network, rdds, layout, policy, config.epochs(), (report, net) -> {
                reports.add(report);
                metrics.add(MetricsJson.line(report));
                out.writeString("metrics.jsonl", String.join("\n", metrics) + "\n");
                if (report.epoch() > 0) {
                    out.write("model.zip", stream -> ModelSerializer.writeModel(net, stream, true));
                }
                progress.epochEnded(ProgressLine.of(report, config.epochs()));
            });
            console.println("milr: " + RunSummary.of(reports));
            console.println("milr: report: " + RunReport.write(out));
            return trained;
        } finally {
            rdds.train().unpersist(false);
            rdds.probe().unpersist(false);
            rdds.test().unpersist(false);
        }
    }

    /** Every key in the documented order, so that the file reads like the configuration it reproduces. */
    private void writeConfig() {
        StringBuilder text = new StringBuilder("# milr effective configuration (all keys)\n");
        config.effectiveValues().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        out.writeString("config.properties", text.toString());
    }
}
