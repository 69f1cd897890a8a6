// A Spark ML pipeline of the kind whose output milr trains on: string labels indexed by StringIndexer,
// numeric columns assembled into a Vector by VectorAssembler, the result written as Parquet.
// Run from the repository root (docs/data-from-spark.md), after scripts/setup.sh:
//   java @submit-scripts/jvm-options.txt -cp "$(cat target/spark-classpath.txt)" \
//        docs/examples/FashionPipeline.java data/fashion-mnist runs/fashion.parquet [ROWS]
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

public class FashionPipeline {
    static final String[] ITEMS = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};

    public static void main(String[] args) throws IOException {
        String in = args[0], out = args[1];
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fashion pipeline")
                .config("spark.ui.enabled", "false").getOrCreate();

        // The raw table, as a user's would be: a string column "item" and 784 integer columns pixel0..pixel783.
        Dataset<Row> raw = fashionTable(spark, in + "/train", rows);

        // The pipeline: item -> label (most frequent first), pixel columns -> features (a Vector).
        String[] pixels = new String[784];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = "pixel" + p;
        }
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("item").setOutputCol("label"),
            new VectorAssembler().setInputCols(pixels).setOutputCol("features")});
        pipeline.fit(raw).transform(raw).select("label", "features", "item")
                .write().mode("overwrite").parquet(out);
        System.out.println("wrote " + spark.read().parquet(out).count() + " rows to " + out);
        spark.stop();
    }

    /** Fashion-MNIST's IDX files as a DataFrame with named columns (the example's stand-in for your data). */
    static Dataset<Row> fashionTable(SparkSession spark, String prefix, int limit) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (DataInputStream images = open(prefix + "-images-idx3-ubyte.gz");
             DataInputStream labels = open(prefix + "-labels-idx1-ubyte.gz")) {
            images.readInt();
            int n = Math.min(limit, images.readInt());
            images.readInt();
            images.readInt();
            labels.readInt();
            labels.readInt();
            byte[] image = new byte[784];
            for (int i = 0; i < n; i++) {
                images.readFully(image);
                Object[] values = new Object[785];
                values[0] = ITEMS[labels.readUnsignedByte()];
                for (int p = 0; p < 784; p++) {
                    values[1 + p] = Byte.toUnsignedInt(image[p]);
                }
                rows.add(RowFactory.create(values));
            }
        }
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("item", DataTypes.StringType, false));
        for (int p = 0; p < 784; p++) {
            fields.add(DataTypes.createStructField("pixel" + p, DataTypes.IntegerType, false));
        }
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 4),
                DataTypes.createStructType(fields));
    }

    static DataInputStream open(String file) throws IOException {
        return new DataInputStream(new GZIPInputStream(new FileInputStream(file), 1 << 16));
    }
}
