package io.milr.job;

import io.milr.checkpoint.Checkpoint;
import io.milr.checkpoint.CheckpointStore;
import io.milr.config.JobConfig;
import io.milr.heads.HeadLayout;
import io.milr.lr.range.RangeSuggestion;
import io.milr.lr.LearningRatePolicy;
import io.milr.optim.OptimizerSpec;
import io.milr.report.EpochMetrics;
import io.milr.report.EpochProgress;
import io.milr.lr.LrDecision;
import io.milr.lr.MiLrPolicy;
import io.milr.lr.MiLrSettings;
import io.milr.model.TrainedModel;
import io.milr.report.MetricsJson;
import io.milr.report.ProgressLine;
import io.milr.report.RunDirectory;
import io.milr.report.RunSummary;
import io.milr.report.html.RunReport;
import io.milr.spark.Divergence;
import io.milr.spark.EpochListener;
import io.milr.spark.EpochReport;
import io.milr.spark.MiTrainer;
import io.milr.spark.TrainerSettings;
import io.milr.spark.TrainingDivergedException;
import io.milr.spark.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code train} subcommand's work: data, network, MI-driven training, and the run directory's
 * files ({@code config.properties}, {@code metrics.jsonl}, and the model as {@link TrainedModel} writes it:
 * {@code model.zip}, {@code network.json}, {@code model.json}), which always describe
 * the last good epoch (a diverged one is never written), a checkpoint after every epoch
 * ({@link CheckpointStore}), and at the end the report: {@code report.html} with its plots. A run
 * resumed from a checkpoint ({@link #resume}) carries on writing the same files.
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

    /** The trained network and the report of every epoch (epoch 0 first). */
    public record Result(MultiLayerNetwork network, List<EpochReport> reports) {
    }

    /** Runs the job on an existing Spark context. */
    public Result run(JavaSparkContext sc, JobData data) {
        TrainingData rdds = data.toRdds(sc, TrainJob.trainerSettings(config));
        try {
            return run(sc, data, rdds);
        } finally {
            rdds.release();
        }
    }

    /** Runs the job on minibatches already distributed (shared by the runs of a comparison). */
    public Result run(JavaSparkContext sc, JobData data, TrainingData rdds) {
        // Only a directory reused with --overwrite has some: an earlier run's, never to be resumed with this
        // run's files. Removed first, before the range test writes anything.
        CheckpointStore.of(out).clear();
        JobConfig effective = config;
        if (config.autoRange()) {
            RangeSuggestion range = new RangeTestJob(config, out, console).run(sc, data, rdds);
            effective = config.withLrRange(range.lrMin(), range.lrMax());
        }
        return train(effective, sc, data, rdds);
    }

    /** The untrained network of {@code job} for {@code data}, seeded by train.seed. */
    static MultiLayerNetwork buildNetwork(JobConfig job, JobData data) {
        OptimizerSpec optimizer = job.optimizer();
        return network(job, data, optimizer.updater(optimizer.startLr(job.lrSettings())), optimizer.regularization());
    }

    /** The network of {@code job} with {@code updater} on every parameter layer: milr's own, or the user's (model=custom). */
    static MultiLayerNetwork network(JobConfig job, JobData data, IUpdater updater, List<Regularization> regularization) {
        if (job.model().isCustom()) {
            if (data.custom() == null) {
                throw new IllegalStateException("model=custom, but the job's data were loaded without its network");
            }
            return data.custom().build(job.seed(), updater, regularization);
        }
        return job.model().build(data.shape().height(), data.shape().width(), data.numClasses(), job.seed(), updater,
                regularization);
    }

    /** The console's name of the network: a custom one with its source, layers and parameters. */
    private static String describe(JobConfig job, JobData data, MultiLayerNetwork network) {
        return job.model().isCustom() ? data.custom().toString((int) network.numParams()) : job.model().toString();
    }

    private Result train(JobConfig job, JavaSparkContext sc, JobData data, TrainingData rdds) {
        writeConfig(job);
        OptimizerSpec optimizer = job.optimizer();
        MultiLayerNetwork network = buildNetwork(job, data);
        HeadLayout layout = HeadLayout.of(network, job.lrSettings().mode());
        if (job.model().isCustom()) {
            data.custom().consoleLines(optimizerName(job)).forEach(console::println);
        }
        console.printf(Locale.ROOT, "milr: %s on %d training / %d test examples, %d classes, %s, %d epochs, %d workers x %d blocks -> %s%n",
                describe(job, data, network), data.train().size(), data.test().size(), data.numClasses(), describe(job),
                job.epochs(), rdds.workers(), rdds.numBlocks(), out.uri());

        MiTrainer trainer = new MiTrainer(sc, trainerSettings(job));
        LearningRatePolicy policy = optimizer.policy(job.lrSettings(), layout.trainable(), layout.hasHiddenHead());
        try (EpochProgress progress = EpochProgress.start(sc.sc(), console, job.epochs())) {
            RunFiles files = new RunFiles(job, data, policy, progress, CheckpointStore.of(out), List.of());
            MultiLayerNetwork trained;
            try {
                trained = trainer.train(network, rdds, layout, policy, job.epochs(), files);
            } catch (TrainingDivergedException e) {
                throw new TrainingDivergedException(e.divergence(), e.getMessage() + "; " + files.afterDivergence());
            }
            return finish(trained, files);
        }
    }

    /**
     * Continues the run in this job's directory from {@code from}, with the checkpoint's configuration
     * ({@link ResumePoint#config}): its metrics.jsonl and model files go back to the checkpoint's epoch,
     * then the epochs after it are trained as the uninterrupted run would have trained them. The
     * result's reports are those of the epochs trained here.
     */
    public Result resume(JavaSparkContext sc, JobData data, ResumePoint from) {
        Checkpoint checkpoint = from.checkpoint();
        console.printf(Locale.ROOT, "milr: resuming %s after epoch %d of %d from %s%n", out.uri(), checkpoint.epoch(),
                config.epochs(), from.found().location());
        from.found().skipped().forEach(skipped -> console.println("milr: skipped checkpoint " + skipped));
        writeConfig(config);
        out.writeString("metrics.jsonl", checkpoint.metrics());
        model(from.network(), data).writeTo(out);
        List<String> earlier = List.of(checkpoint.metrics().split("\n"));

        TrainingData rdds = data.toRdds(sc, trainerSettings(config));
        try (EpochProgress progress = EpochProgress.resumed(sc.sc(), console, config.epochs(), checkpoint.epoch() + 1)) {
            RunFiles files = new RunFiles(config, data, from.policy(), progress, CheckpointStore.of(out), earlier);
            MultiLayerNetwork trained;
            try {
                trained = new MiTrainer(sc, trainerSettings(config)).resume(from.network(), rdds, from.layout(),
                        from.policy(), checkpoint.epoch(), checkpoint.policy().decision(), config.epochs(), files);
            } catch (TrainingDivergedException e) {
                throw new TrainingDivergedException(e.divergence(), e.getMessage() + "; " + files.afterDivergence());
            }
            return finish(trained, files);
        } finally {
            rdds.release();
        }
    }

    /** {@code network} as a model to apply: with the input, scaling and classes of the data it is trained on. */
    private TrainedModel model(MultiLayerNetwork network, JobData data) {
        return new TrainedModel(out.uri(), network, data.input(), data.scaler(), data.labels());
    }

    private Result finish(MultiLayerNetwork trained, RunFiles files) {
        files.summary().ifPresent(summary -> console.println("milr: " + summary));
        console.println("milr: report: " + RunReport.write(out));
        return new Result(trained, List.copyOf(files.reports));
    }

    /** How Spark trains for this job; the range test trains the same way. */
    public static TrainerSettings trainerSettings(JobConfig job) {
        return new TrainerSettings(job.batchSize(), job.averagingFrequency(), job.workers(), job.seed(),
                job.estimator(), job.probeSize(), job.onDivergence(), job.outputMeasure());
    }

    /** milr's optimizer as the console names it when it replaces a custom network's updaters. */
    private static String optimizerName(JobConfig job) {
        OptimizerSpec optimizer = job.optimizer();
        return optimizer.kind() == io.milr.optim.Optimizer.MI_LR ? "MI-LR, SGD"
                : optimizer.kind().configName() + ", lr " + optimizer.lr();
    }

    private static String describe(JobConfig job) {
        OptimizerSpec optimizer = job.optimizer();
        return optimizer.kind() == io.milr.optim.Optimizer.MI_LR
                ? "MI-LR " + job.lrSettings().mode().configName() + " mode"
                : optimizer.kind().configName() + " lr " + optimizer.lr();
    }

    /**
     * Keeps the run directory's metrics and model at the last good epoch, writes a checkpoint after
     * every epoch (after the LRs for the next one are decided), and tells the console. The model is
     * written from epoch 0 on, so that after a divergence in epoch 1 the directory holds this run's
     * (untrained) model and never an earlier run's.
     */
    private final class RunFiles implements EpochListener {
        private final JobConfig job;
        private final JobData data;
        private final int epochs;
        private final LearningRatePolicy policy;
        private final MiLrSettings configured;
        private final EpochProgress progress;
        private final CheckpointStore checkpoints;
        private final List<EpochReport> reports = new ArrayList<>();
        private final List<String> metrics;
        private int lastEpoch;
        private int rollbacks;

        /** {@code earlierMetrics}: the metrics lines of the epochs before this process's first (a resumed run's). */
        RunFiles(JobConfig job, JobData data, LearningRatePolicy policy, EpochProgress progress,
                 CheckpointStore checkpoints, List<String> earlierMetrics) {
            this.job = job;
            this.data = data;
            this.epochs = job.epochs();
            this.policy = policy;
            this.configured = job.lrSettings();
            this.progress = progress;
            this.checkpoints = checkpoints;
            this.metrics = new ArrayList<>(earlierMetrics);
            this.lastEpoch = Math.max(0, earlierMetrics.size() - 1);
        }

        /** The MI policy's current bounds (a rollback lowers them); baselines keep the configured ones. */
        private MiLrSettings bounds() {
            return policy instanceof MiLrPolicy mi ? mi.settings() : configured;
        }

        @Override
        public void epochEnded(EpochReport report, MultiLayerNetwork network) {
            reports.add(report);
            lastEpoch = report.epoch();
            metrics.add(MetricsJson.line(report));
            String metricsText = String.join("\n", metrics) + "\n";
            out.writeString("metrics.jsonl", metricsText);
            model(network, data).writeTo(out);
            checkpoints.write(new Checkpoint(report.epoch(), network, policy.state(), job.seed(), job.effectiveValues(),
                    metricsText), job.checkpointKeep());
            progress.epochEnded(ProgressLine.of(report, epochs));
        }

        /** Over every epoch of the run, those before a resume too; empty before the first trained epoch. */
        Optional<RunSummary> summary() {
            List<EpochMetrics> trained = metrics.stream().map(MetricsJson::parse).filter(m -> m.epoch() > 0).toList();
            if (trained.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(RunSummary.of(trained.stream().mapToDouble(EpochMetrics::testAccuracy).toArray(),
                    trained.stream().mapToDouble(EpochMetrics::seconds).toArray(),
                    trained.stream().mapToDouble(EpochMetrics::miSeconds).toArray()));
        }

        @Override
        public void rolledBack(Divergence divergence, LrDecision retry) {
            rollbacks++;
            console.printf(Locale.ROOT, "epoch %2d/%d diverged (%s) at lr %s: back to epoch %d, lr.max halved to %.3g,"
                    + " training the epoch again%n", divergence.epoch(), epochs, divergence.symptoms(),
                    divergence.learningRatesText(), lastEpoch(), bounds().lrMax());
        }

        /** Where the last good model is and what to change, for the message that ends a diverged run. */
        String afterDivergence() {
            MiLrSettings now = bounds();
            String advice = String.format(Locale.ROOT, "lower lr.max (now %.3g)", now.lrMax());
            if (rollbacks > 0) {
                advice += String.format(Locale.ROOT, "; train.onDivergence=rollback halved lr.max %d time(s) and"
                        + " halving again would reach lr.min (%.3g): lower lr.min too", rollbacks, now.lrMin());
            }
            return "the model in " + out.uri() + " is the one from epoch " + lastEpoch() + "; " + advice;
        }

        private int lastEpoch() {
            return lastEpoch;
        }
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
