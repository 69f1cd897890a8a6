package io.milr.bench;

import io.milr.data.IdxFiles;
import io.milr.data.IdxReader;
import io.milr.data.LabeledImages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Replicated IDX parts ({@link ReplicatedData}) rewritten by the executors, part by part, as a user's
 * data would arrive: Parquet written by Spark ({@code label: double, features: vector}, one file per
 * part) or CSV files ({@code label,pixel0,...}). Nothing passes through the driver.
 */
final class ReplicatedTables {
    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("label", DataTypes.DoubleType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)));

    private ReplicatedTables() {
    }

    /** The IDX parts' prefixes ({@code dir/train-part-NNNNN}), in order. */
    private static List<String> parts(String idxGlob, Configuration conf) {
        List<String> prefixes = new ArrayList<>();
        IdxFiles.locateAll(idxGlob, conf).forEach(pair -> {
            String images = pair.images().toString();
            prefixes.add(images.substring(0, images.indexOf("-images-idx3-ubyte")));
        });
        return prefixes;
    }

    /** Writes the parts as Parquet under {@code dir}; returns {@code dir}. */
    static String parquet(JavaSparkContext sc, String idxGlob, String dir) {
        List<String> parts = parts(idxGlob, sc.hadoopConfiguration());
        SerializableConfiguration conf = new SerializableConfiguration(sc.hadoopConfiguration());
        JavaRDD<Row> rows = sc.parallelize(parts, parts.size()).flatMap(prefix -> rows(prefix, conf.value()));
        SparkSession.builder().sparkContext(sc.sc()).getOrCreate().createDataFrame(rows, SCHEMA)
                .write().mode("overwrite").parquet(dir);
        return dir;
    }

    private static Iterator<Row> rows(String prefix, Configuration conf) {
        LabeledImages images = IdxReader.read(IdxFiles.locate(prefix, conf), 0, conf);
        List<Row> rows = new ArrayList<>(images.size());
        double[] pixels = new double[images.numFeatures()];
        for (int i = 0; i < images.size(); i++) {
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = Byte.toUnsignedInt(images.pixels()[i * pixels.length + p]);
            }
            rows.add(RowFactory.create((double) images.label(i), Vectors.dense(pixels.clone()).compressed()));
        }
        return rows.iterator();
    }

    /** Writes the parts as CSV files {@code dir/part-NNNNN.csv}; returns {@code dir}. */
    static String csv(JavaSparkContext sc, String idxGlob, String dir) {
        List<String> parts = parts(idxGlob, sc.hadoopConfiguration());
        // Qualified here: an executor's working directory is not the driver's.
        String target = qualified(dir, sc.hadoopConfiguration());
        SerializableConfiguration conf = new SerializableConfiguration(sc.hadoopConfiguration());
        List<Integer> numbers = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            numbers.add(p);
        }
        sc.parallelize(numbers, numbers.size()).foreach(p -> writeCsv(parts.get(p),
                String.format("%s/part-%05d.csv", target, p), conf.value()));
        return dir;
    }

    private static String qualified(String dir, Configuration conf) {
        Path path = new Path(dir);
        try {
            return path.getFileSystem(conf).makeQualified(path).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCsv(String prefix, String file, Configuration conf) {
        LabeledImages images = IdxReader.read(IdxFiles.locate(prefix, conf), 0, conf);
        StringBuilder text = new StringBuilder(images.size() * images.numFeatures() * 3);
        for (int i = 0; i < images.size(); i++) {
            text.append(images.label(i));
            for (int p = 0; p < images.numFeatures(); p++) {
                text.append(',').append(Byte.toUnsignedInt(images.pixels()[i * images.numFeatures() + p]));
            }
            text.append('\n');
        }
        Path path = new Path(file);
        try (FSDataOutputStream out = FileSystem.get(path.toUri(), conf).create(path, true)) {
            out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
