package io.milr.job;

import io.milr.config.JobConfig;
import io.milr.data.CsvReader;
import io.milr.data.DataFormatException;
import io.milr.data.ExampleSet;
import io.milr.data.FeatureScaler;
import io.milr.data.IdxDataSet;
import io.milr.data.ImageShape;
import io.milr.data.InputFiles;
import io.milr.data.LabelRange;
import io.milr.data.LabeledData;
import io.milr.data.LibSvmReader;
import io.milr.data.Minibatches;
import io.milr.model.TrainedModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One labelled data set read for a trained model (to evaluate it, or predict with it): its examples as
 * the data layer reads any set (IDX by the executors, slice by slice; CSV and LibSVM on the driver),
 * scaled with the model's scaling, never a refitted one, and checked against the model before Spark
 * starts: the number of features (and the image size of IDX data for a model trained on images) and
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
                                    Configuration conf) {
        String theModel = "the model in " + model.source();
        int k = model.numClasses();
        LabelRange labels = new LabelRange(k, theModel + " has " + k + " classes");
        int n = model.numFeatures();
        return switch (config.dataFormat()) {
            case IDX -> {
                IdxDataSet data = JobData.nonEmpty(IdxDataSet.open(dataUri, limit, labels, conf));
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
                yield new DataForModel(dataUri, data.slices(JobData.SLICE_SIZE, labels), model.scaler(), k,
                        data.classCounts());
            }
            case CSV -> {
                CsvReader reader = new CsvReader(config.csvFormat(), labels, conf).expectingFeatures(n, theModel);
                yield onDriver(dataUri, reader.read(InputFiles.list(dataUri, conf), limit), model);
            }
            case LIBSVM -> {
                LibSvmReader reader = new LibSvmReader(labels, conf).expectingFeatures(n, theModel + " takes " + n
                        + " features");
                yield onDriver(dataUri, reader.read(InputFiles.list(dataUri, conf), limit), model);
            }
        };
    }

    private static DataForModel onDriver(String location, LabeledData data, TrainedModel model) {
        return new DataForModel(location, ExampleSet.inMemory(data, JobData.SLICE_SIZE), model.scaler(),
                model.numClasses(), data.classCounts(model.numClasses()));
    }

    public long size() {
        return examples.size();
    }

    /**
     * The examples in their order in the data set, as minibatches of at most {@code batchSize} with
     * scaled features and one-hot labels, read by the executors (one partition per slice; not cached).
     */
    public JavaRDD<DataSet> minibatches(JavaSparkContext sc, int batchSize) {
        SerializableConfiguration conf = new SerializableConfiguration(sc.hadoopConfiguration());
        FeatureScaler scaling = scaler;
        int classes = numClasses;
        return sc.parallelize(examples.slices(), Math.max(1, examples.slices().size()))
                .flatMap(slice -> Minibatches.of(slice.read(conf.value()), scaling, batchSize, classes, -1).iterator());
    }
}
