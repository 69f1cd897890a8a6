package io.milr.cli;

import io.milr.job.DataForModel;
import io.milr.model.TrainedModel;
import io.milr.predict.PredictionFormat;
import io.milr.predict.PredictionTable;
import io.milr.report.JobProgress;
import io.milr.report.RunDirectoryException;
import io.milr.spark.BatchPrediction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code milr predict --model RUN_DIR --data URI --out DIR}: batch inference on the executors. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a trained model to data on Spark: the network broadcast once, one network per task, examples"
                + " in batches.",
                "Writes a table to DIR (Parquet by default) with index (the example's position in the data), label, and, as"
                        + " MLlib does, prediction (the class index as a double) and probability (K values)."})
final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "the output directory (any Hadoop URI); must not exist unless --overwrite")
    String outDir;

    @Option(names = "--overwrite", description = "replace an existing output directory (only once the new one is complete)")
    boolean overwrite;

    @Option(names = "--format", paramLabel = "parquet|csv", defaultValue = "parquet",
            description = "output format (default ${DEFAULT-VALUE}); CSV gets one probability_k column per class")
    String format;

    @Option(names = "--probability", paramLabel = "array|vector", defaultValue = "array",
            description = "Parquet's probability column: an array of doubles (readable outside Spark; default) or an MLlib Vector")
    String probability;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024",
            description = "examples per forward pass (default ${DEFAULT-VALUE})")
    int batchSize;

    private final PrintStream out;
    private final SparkContexts contexts;

    PredictCommand(PrintStream out, SparkContexts contexts) {
        this.out = out;
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        PredictionFormat layout = PredictionFormat.of(format, probability);
        if (batchSize <= 0) {
            throw new io.milr.config.ConfigException("--batch-size " + batchSize + ": expected a whole number >= 1");
        }
        ModelOptions.Applied applied = model.load("milr predict", outDir);
        TrainedModel trained = applied.model();
        refuseExistingOutput(applied.hadoopConf());
        SparkOnDemand spark = new SparkOnDemand(contexts, applied.sparkConf());
        String written;
        DataForModel data;
        try {
            data = applied.data(spark);
            written = predict(spark.get(), trained, data, layout, applied);
        } finally {
            spark.finish();
        }
        out.println("milr: " + data.size() + " predictions written: " + written);
        return Main.OK;
    }

    private String predict(JavaSparkContext sc, TrainedModel trained, DataForModel data, PredictionFormat layout,
                           ModelOptions.Applied applied) {
        try (JobProgress progress = JobProgress.start(sc.sc(), out, "predict")) {
            SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
            PredictionTable table = new PredictionTable(BatchPrediction.of(sc, data.examples(), data.scaler(),
                    trained.network(), batchSize), trained.numClasses(), trained.labels().names());
            return table.write(spark, layout, outDir, overwrite, applied.hadoopConf());
        }
    }

    private void refuseExistingOutput(Configuration conf) {
        Path target = new Path(outDir);
        try {
            if (!overwrite && target.getFileSystem(conf).exists(target)) {
                throw new RunDirectoryException("--out " + outDir + ": already exists. Choose a new directory, or pass"
                        + " --overwrite to replace it once the new predictions are complete.");
            }
        } catch (IOException e) {
            throw new RunDirectoryException("--out " + outDir + ": cannot be checked: " + e.getMessage(), e);
        }
    }
}
