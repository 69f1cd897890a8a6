package io.milr.job;

import io.milr.config.JobConfig;
import io.milr.data.DataFormatException;
import io.milr.data.FeatureScaler;
import io.milr.data.IdxDataSet;
import io.milr.data.ImageShape;
import io.milr.data.LabelRange;
import io.milr.data.Minibatches;
import io.milr.model.TrainedModel;
import io.milr.spark.ExampleSet;
import io.milr.sql.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

import java.util.function.Supplier;

/**
 * One labelled data set read for a trained model (to evaluate it, or predict with it): its examples as
 * the data layer reads any set (by the executors, checked there before any work: IDX slice by slice, text formats file by file, tables partition by partition),
 * scaled with the model's scaling, never a refitted one, and checked against the model before the
 * work starts: the number of features (and the image size of IDX data for a model trained on images) and
 * every label within the model's classes.
 *
 * <p>The job configuration says how to read files ({@code data.format}, {@code data.csv.*}); what the
 * model fixes is taken from the model, not the configuration: the number of features
 * ({@code data.numFeatures} is not used), the image shape ({@code data.imageShape}), the scaling
 * ({@code data.scale}, {@code data.scaleMax}) and the classes ({@code model.outputs}).
 *
 * @param location    the data URI as given, for messages
 * @param examples    the raw examples; {@link #scaler} scales them when minibatches are cut
 * @param scaler      the model's scaling
 * @param classCounts examples per class 0..numClasses-1
 */
public record DataForModel(String location, ExampleSet examples, FeatureScaler scaler, int numClasses,
                           long[] classCounts) {

    public DataForModel {
        if (scaler.numFeatures() != examples.numFeatures() || classCounts.length != numClasses) {
            throw new IllegalArgumentException("the examples have " + examples.numFeatures() + " features and "
                    + classCounts.length + " class counts; the scaler " + scaler.numFeatures() + " and "
                    + numClasses + " classes");
        }
        classCounts = classCounts.clone();
    }

    @Override
    public long[] classCounts() {
        return classCounts.clone();
    }

    /**
     * The data set at {@code dataUri} (any Hadoop URI, in {@code config}'s data format: an IDX prefix or
     * glob of prefixes, a text file or directory), its first {@code limit} examples ({@code <= 0}: all).
     *
     * @throws DataFormatException naming the file (and line or example) whose features or labels do not
     *         fit {@code model}, or that is not readable as the format says
     */
    public static DataForModel read(JobConfig config, String dataUri, int limit, TrainedModel model,
                                    JavaSparkContext sc) {
        return read(config, dataUri, limit, model, sc.hadoopConfiguration(), () -> sc);
    }

    /** As above, asking {@code spark} for a context only once a check pass needs one (not for IDX). */
    public static DataForModel read(JobConfig config, String dataUri, int limit, TrainedModel model,
                                    Configuration conf, Supplier<JavaSparkContext> spark) {
        String theModel = "the model in " + model.source();
        int k = model.numClasses();
        LabelRange labels = new LabelRange(k, theModel + " has " + k + " classes");
        int n = model.numFeatures();
        String description = "--data = " + dataUri;
        ExampleSet examples = switch (config.dataFormat()) {
            case IDX -> {
                IdxDataSet data = FileSets.nonEmpty(IdxDataSet.open(dataUri, limit, labels, conf));
                String images = data.parts().get(0).images().toString();
                if ((long) data.rows() * data.cols() != n) {
                    throw new DataFormatException(images, data.rows() + "x" + data.cols() + " images, "
                            + data.rows() * data.cols() + " features; " + theModel + " expects " + n);
                }
                ImageShape shape = model.input().shape();
                if (shape.height() > 1 && (data.rows() != shape.height() || data.cols() != shape.width())) {
                    throw new DataFormatException(images, data.rows() + "x" + data.cols() + " images; " + theModel
                            + " was trained on " + shape + " images");
                }
                yield FileSets.idx(description, data, labels);
            }
            case CSV -> FileSets.csv(conf, spark, description, dataUri, config.csvFormat(), labels, n, theModel, limit, false)
                    .examples();
            case LIBSVM -> FileSets.libsvm(conf, spark, description, dataUri, labels, n, theModel + " takes " + n + " features",
                    limit, false).examples();
            case PARQUET, ORC, JSON, TABLE, SPARK -> Tables.forModel(spark.get(), config.tableColumns(), dataUri, labels,
                    model.labels().names(), model.input().featureColumns(), n, theModel + " takes " + n + " features",
                    limit).examples();
        };
        return new DataForModel(dataUri, examples.widened(n), model.scaler(), k,
                java.util.Arrays.copyOf(examples.classCounts(), k));
    }

    public long size() {
        return examples.size();
    }

    /**
     * The examples in their order in the data set, as minibatches of at most {@code batchSize} with
     * scaled features and one-hot labels, read by the executors (one partition per slice; not cached).
     */
    public JavaRDD<DataSet> minibatches(JavaSparkContext sc, int batchSize) {
        FeatureScaler scaling = scaler;
        int classes = numClasses;
        return examples.chunks(sc)
                .flatMap(chunk -> Minibatches.of(chunk, scaling, batchSize, classes, -1).iterator());
    }
}
