package io.milr.cli;

import io.milr.job.DataForModel;
import io.milr.eval.ConfusionCounts;
import io.milr.eval.Evaluation;
import io.milr.model.TrainedModel;
import io.milr.report.RunDirectory;
import io.milr.report.evaluation.EvaluationFiles;
import io.milr.spark.EvaluationPass;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code milr evaluate --model RUN_DIR --data URI}: a trained model's figures on labelled data, from exact merged counts. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained model on labelled data: accuracy, per-class precision, recall and F1, weighted"
                + " and macro F1, log loss, the confusion matrix (rows = true class, as MLlib) and the MI of the predictions.",
                "Writes evaluation.json, evaluation.md and evaluation-confusion.png to DIR."})
final class EvaluateCommand implements Callable<Integer> {
    /** Examples per forward pass: large batches cost a task less per example. */
    private static final int BATCH = 1024;

    @Mixin
    ModelOptions model;

    @Option(names = "--out", paramLabel = "DIR", description = "where the evaluation goes; default runs/evaluate-<time>")
    String outDir;

    @Option(names = "--overwrite", description = "reuse a non-empty output directory")
    boolean overwrite;

    private final PrintStream out;
    private final SparkContexts contexts;

    EvaluateCommand(PrintStream out, SparkContexts contexts) {
        this.out = out;
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        String target = outDir != null ? outDir
                : SparkJob.defaultRunDirectory("evaluate");
        ModelOptions.Applied applied = model.load("milr evaluate", target);
        TrainedModel trained = applied.model();
        RunDirectory.requireUsable(target, overwrite, applied.hadoopConf());
        SparkOnDemand spark = new SparkOnDemand(contexts, applied.sparkConf());
        Evaluation evaluation;
        RunDirectory dir;
        try {
            DataForModel data = applied.data(spark);
            JavaSparkContext sc = spark.get();
            dir = RunDirectory.create(target, overwrite, applied.hadoopConf());
            ConfusionCounts counts = new EvaluationPass(sc, trained.numClasses()).counts(trained.network(),
                    data.minibatches(sc, BATCH));
            evaluation = Evaluation.of(counts);
        } finally {
            spark.finish();
        }
        EvaluationFiles.write(dir, evaluation, trained.source(), model.data);
        out.printf(Locale.ROOT, "milr: %d examples: accuracy %.2f%%, weighted F1 %.4f, macro F1 %.4f, log loss %.4f,"
                        + " normalised MI %.3f%n", evaluation.n(), 100 * evaluation.accuracy(), evaluation.weightedF1(),
                evaluation.macroF1(), evaluation.logLoss(), evaluation.miNorm());
        out.println("milr: evaluation written: " + dir.uri());
        return Main.OK;
    }
}
