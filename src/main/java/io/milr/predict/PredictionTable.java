package io.milr.predict;

import io.milr.report.RunDirectoryException;
import io.milr.spark.BatchPrediction.Predicted;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Predictions as a table, with MLlib's column names and types: {@code index} (the example's position in
 * its data set, to join back on) and {@code label} (the input's own columns), then {@code prediction}
 * (the class index as a double), {@code predictedLabel} when the model's classes have names (string
 * labels, as MLlib's IndexToString gives them back), and {@code probability} (K values). Written under a temporary name
 * beside the target and renamed onto it only when Spark has written every part, so a failed run
 * leaves no half-written output where the output should be.
 */
public final class PredictionTable {
    private final JavaRDD<Predicted> predictions;
    private final int numClasses;
    private final List<String> classNames;

    public PredictionTable(JavaRDD<Predicted> predictions, int numClasses) {
        this(predictions, numClasses, List.of());
    }

    /** @param classNames class k's name at index k, or empty when the classes are indices only */
    public PredictionTable(JavaRDD<Predicted> predictions, int numClasses, List<String> classNames) {
        if (!classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
        }
        this.predictions = predictions;
        this.numClasses = numClasses;
        this.classNames = List.copyOf(classNames);
    }

    /** The table as a DataFrame in {@code format}'s layout. */
    public Dataset<Row> frame(SparkSession spark, PredictionFormat format) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("index", DataTypes.LongType, false),
                DataTypes.createStructField("label", DataTypes.DoubleType, false),
                DataTypes.createStructField("prediction", DataTypes.DoubleType, false)));
        if (!classNames.isEmpty()) {
            fields.add(DataTypes.createStructField("predictedLabel", DataTypes.StringType, false));
        }
        switch (format) {
            case PARQUET_ARRAY -> fields.add(DataTypes.createStructField("probability",
                    DataTypes.createArrayType(DataTypes.DoubleType, false), false));
            case PARQUET_VECTOR -> fields.add(new StructField("probability", SQLDataTypes.VectorType(), false, Metadata.empty()));
            case CSV -> {
                for (int k = 0; k < numClasses; k++) {
                    fields.add(DataTypes.createStructField("probability_" + k, DataTypes.DoubleType, false));
                }
            }
        }
        List<String> names = classNames;
        JavaRDD<Row> rows = predictions.map(p -> row(p, format, names));
        return spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
    }

    private static Row row(Predicted p, PredictionFormat format, List<String> names) {
        double[] probability = new double[p.probability().length];
        for (int k = 0; k < probability.length; k++) {
            probability[k] = p.probability()[k];
        }
        List<Object> values = new ArrayList<>(List.of(p.index(), (double) p.label(), (double) p.prediction()));
        if (!names.isEmpty()) {
            values.add(names.get(p.prediction()));
        }
        switch (format) {
            case PARQUET_ARRAY -> values.add(probability);
            case PARQUET_VECTOR -> values.add(Vectors.dense(probability));
            case CSV -> {
                for (double value : probability) {
                    values.add(value);
                }
            }
        }
        return RowFactory.create(values.toArray());
    }

    /**
     * Writes the table to {@code out} (which must not exist unless {@code overwrite}): first into a
     * hidden sibling directory, then renamed. Returns the fully qualified output path.
     */
    public String write(SparkSession spark, PredictionFormat format, String out, boolean overwrite, Configuration conf) {
        Path target = new Path(out);
        try {
            FileSystem fs = target.getFileSystem(conf);
            target = fs.makeQualified(target);
            Path temporary = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
            var writer = frame(spark, format).write();
            if (format == PredictionFormat.CSV) {
                writer.option("header", "true").csv(temporary.toString());
            } else {
                writer.parquet(temporary.toString());
            }
            if (fs.exists(target)) {
                if (!overwrite) {
                    fs.delete(temporary, true);
                    throw new RunDirectoryException("--out " + out + ": appeared while predict ran; its predictions are not"
                            + " written there. Choose a new directory, or pass --overwrite.");
                }
                fs.delete(target, true);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
            return target.toString();
        } catch (IOException e) {
            throw new RunDirectoryException("--out " + out + ": the predictions cannot be written: " + e.getMessage(), e);
        }
    }
}
