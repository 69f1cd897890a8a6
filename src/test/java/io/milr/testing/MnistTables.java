package io.milr.testing;

import io.milr.data.LabeledImages;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * MNIST slices as the DataFrames a Spark ML pipeline leaves behind, made by Spark itself: a double
 * label and the raw pixels as an MLlib Vector, as an array of doubles, or as one column per pixel.
 */
public final class MnistTables {
    private MnistTables() {
    }

    /** How the table holds the pixels. */
    public enum Layout { VECTOR, ARRAY, COLUMNS }

    public static SparkSession spark() {
        return SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    }

    /** {@code label: double} and the pixels as {@code layout} says, in the images' order. */
    public static Dataset<Row> frame(LabeledImages images, Layout layout) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            double[] pixels = new double[images.numFeatures()];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = Byte.toUnsignedInt(images.pixels()[i * pixels.length + p]);
            }
            rows.add(row(i, images.label(i), pixels, layout));
        }
        return spark().createDataFrame(rows, schema(images.numFeatures(), layout));
    }

    /** Vectors alternate dense and sparse, as VectorAssembler's output does (it picks the smaller). */
    private static Row row(int index, int label, double[] pixels, Layout layout) {
        return switch (layout) {
            case VECTOR -> RowFactory.create((double) label,
                    index % 2 == 0 ? Vectors.dense(pixels) : Vectors.dense(pixels).toSparse());
            case ARRAY -> RowFactory.create((double) label, boxed(pixels));
            case COLUMNS -> {
                Object[] values = new Object[1 + pixels.length];
                values[0] = (double) label;
                for (int p = 0; p < pixels.length; p++) {
                    values[1 + p] = pixels[p];
                }
                yield RowFactory.create(values);
            }
        };
    }

    private static Double[] boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int p = 0; p < values.length; p++) {
            boxed[p] = values[p];
        }
        return boxed;
    }

    private static StructType schema(int pixels, Layout layout) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
        switch (layout) {
            case VECTOR -> fields.add(DataTypes.createStructField("features", SQLDataTypes.VectorType(), false));
            case ARRAY -> fields.add(DataTypes.createStructField("features",
                    DataTypes.createArrayType(DataTypes.DoubleType, false), false));
            case COLUMNS -> {
                for (int p = 0; p < pixels; p++) {
                    fields.add(DataTypes.createStructField("pixel" + p, DataTypes.DoubleType, false));
                }
            }
        }
        return DataTypes.createStructType(fields);
    }

    /** Writes the table as one Parquet file in directory {@code uri} (any Hadoop URI), replacing it. */
    public static String parquet(LabeledImages images, Layout layout, String uri) {
        frame(images, layout).coalesce(1).write().mode("overwrite").parquet(uri);
        return uri;
    }
}
