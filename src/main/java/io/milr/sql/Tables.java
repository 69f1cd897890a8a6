package io.milr.sql;

import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;
import io.milr.data.DataFormatException;
import io.milr.data.LabelRange;
import io.milr.data.TableColumns;
import io.milr.spark.ExampleCheck;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Opens a job's tables on the driver (Spark reads schemas and footers, no rows), resolves their
 * columns, indexes string labels, splits a test set off when asked, and has the executors check every
 * row ({@link ExampleCheck}) before training starts.
 */
public final class Tables {
    private static final String FILE_COLUMN = "__milr_file";

    private Tables() {
    }

    /** A table opened and its columns resolved. */
    public record Opened(String description, Dataset<Row> selected, ColumnLayout layout) {
    }

    /**
     * Training and test tables checked, the class names of string labels (empty for class indices) and
     * the feature columns' names when features are numeric columns (empty for a vector or array).
     */
    public record Loaded(ExampleCheck.Checked train, ExampleCheck.Checked test, List<String> classNames,
                         List<String> featureColumns) {
    }

    /**
     * @param test          the test table's location, or empty to split {@code columns.testFraction()} off the training table
     * @param features      the number of features rows must have, or 0 to take it from the data
     */
    public static Loaded load(JavaSparkContext sc, TableColumns columns, String train, String test, LabelRange labels,
                              int features, long seed, int trainLimit, int testLimit, boolean statistics) {
        SparkSession spark = session(sc);
        Opened trainTable = open(spark, columns, ConfigKeys.DATA_TRAIN, train);
        // Indexed over the whole training table, before a test split: the split's classes are the table's.
        List<String> names = trainTable.layout().stringLabels()
                ? classNames(trainTable, columns.labelIndexing(), labels) : List.of();
        Opened testTable;
        if (test.isEmpty()) {
            double f = columns.testFraction();
            Dataset<Row>[] split = trainTable.selected().randomSplit(new double[] {1 - f, f}, seed);
            testTable = new Opened(trainTable.description() + " (test split " + f + ")", split[1], trainTable.layout());
            trainTable = new Opened(trainTable.description() + " (training split " + (1 - f) + ")", split[0],
                    trainTable.layout());
        } else {
            testTable = open(spark, columns, ConfigKeys.DATA_TEST, test);
            if (testTable.layout().stringLabels() != trainTable.layout().stringLabels()) {
                throw new DataFormatException(testTable.description(), "label column '" + testTable.layout().label()
                        + "' holds " + (testTable.layout().stringLabels() ? "strings" : "numbers") + ", expected "
                        + (trainTable.layout().stringLabels() ? "strings" : "numbers") + " like data.train");
            }
        }
        LabelRange range = names.isEmpty() ? labels : new LabelRange(names.size(), "the labels of data.train");
        ExampleCheck.Checked trainSet = check(sc, trainTable, range, names, columns.skipNulls(), features,
                features > 0 ? ConfigKeys.DATA_NUM_FEATURES : "", trainLimit, statistics);
        int width = trainSet.examples().numFeatures();
        ExampleCheck.Checked testSet = check(sc, testTable, range, names, columns.skipNulls(), width,
                "like the rows of data.train", testLimit, false);
        ColumnLayout layout = trainTable.layout();
        return new Loaded(trainSet, testSet, names,
                layout.kind() == ColumnLayout.FeatureKind.COLUMNS ? layout.features() : List.of());
    }

    /** One table for a trained model: its rows must have {@code features} features and the model's classes. */
    public static ExampleCheck.Checked forModel(JavaSparkContext sc, TableColumns columns, String location,
                                                LabelRange labels, List<String> classNames,
                                                List<String> featureColumns, int features, String featuresSource,
                                                int limit) {
        // A model trained on named columns reads the same columns, unless told otherwise.
        TableColumns read = columns.featureCols().isEmpty() && !featureColumns.isEmpty()
                ? columns.withFeatureCols(featureColumns) : columns;
        Opened table = open(session(sc), read, "--data", location);
        if (table.layout().stringLabels() && classNames.isEmpty()) {
            throw new DataFormatException(table.description(), "label column '" + table.layout().label() + "' holds"
                    + " strings, but the model was trained on class indices; expected numbers 0.." + (labels.classes() - 1));
        }
        return check(sc, table, labels, table.layout().stringLabels() ? classNames : List.of(), columns.skipNulls(),
                features, featuresSource, limit, false);
    }

    private static ExampleCheck.Checked check(JavaSparkContext sc, Opened table, LabelRange labels, List<String> names,
                                              boolean skipNulls, int features, String featuresSource, int limit,
                                              boolean statistics) {
        RowConverter converter = new RowConverter(table.description(), table.layout(), labels, names, skipNulls,
                features, featuresSource);
        return ExampleCheck.run(sc, new TableSource(table.description(), table.selected(), converter),
                ExampleCheck.Widths.EQUAL, limit, statistics, "rows with a label and features");
    }

    static SparkSession session(JavaSparkContext sc) {
        return SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }

    /** Opens {@code location} (a path, or a catalog table) and selects {@code label, features..., file}. */
    public static Opened open(SparkSession spark, TableColumns columns, String key, String location) {
        String description = key + " = " + location;
        Dataset<Row> frame = frame(spark, columns, description, location);
        ColumnLayout layout = ColumnLayout.resolve(frame.schema(), columns, description);
        List<Column> selected = new ArrayList<>();
        selected.add(frame.col(quoted(layout.label())));
        layout.features().forEach(name -> selected.add(frame.col(quoted(name))));
        selected.add(functions.input_file_name().as(FILE_COLUMN));
        return new Opened(description, frame.select(selected.toArray(new Column[0])), layout);
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static Dataset<Row> frame(SparkSession spark, TableColumns columns, String description, String location) {
        try {
            if (columns.isCatalogTable()) {
                return spark.table(location);
            }
            return spark.read().format(columns.sourceFormat()).options(columns.options()).load(location);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown undeclared
            throw readFailure(e, columns, description, location);
        }
    }

    /** Spark's AnalysisException (thrown undeclared) and its missing data source, as one line each. */
    private static RuntimeException readFailure(Exception e, TableColumns columns, String description,
                                                String location) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PATH_NOT_FOUND") || message.contains("Path does not exist")) {
            return new DataFormatException(description, "no such file or directory; expected a " + columns.sourceFormat()
                    + " file or a directory of them");
        }
        if (message.contains("TABLE_OR_VIEW_NOT_FOUND") || message.contains("Table or view not found")) {
            return new DataFormatException(description, "no table or view '" + location + "' in Spark's catalog;"
                    + " expected [database.]table");
        }
        if (message.contains("DATA_SOURCE_NOT_FOUND") || message.contains("Failed to find data source")) {
            return new ConfigException("Configuration key '" + ConfigKeys.DATA_SPARK_FORMAT + "' = '"
                    + columns.sourceFormat() + "': Spark has no data source of that name; bring its package (e.g."
                    + " spark-submit --packages io.delta:delta-spark_2.12:3.2.0 for delta).");
        }
        if (message.contains("UNABLE_TO_INFER_SCHEMA") || message.contains("Unable to infer schema")) {
            return new DataFormatException(description, "holds no " + columns.sourceFormat() + " data to read a schema"
                    + " from; expected " + columns.sourceFormat() + " files");
        }
        if (e instanceof AnalysisException || !(e instanceof RuntimeException)
                || e.getClass().getName().startsWith("org.apache.spark")) {
            return new DataFormatException(description, "Spark cannot read it as " + (columns.isCatalogTable()
                    ? "a table" : columns.sourceFormat()) + ": " + message.lines().findFirst().orElse(message));
        }
        return (RuntimeException) e;
    }

    /** The distinct string labels of the training table, in class order, as StringIndexer orders them. */
    private static List<String> classNames(Opened train, TableColumns.LabelIndexing indexing, LabelRange labels) {
        String label = train.selected().columns()[0];
        List<Row> counts = train.selected().filter(functions.col(quoted(label)).isNotNull())
                .groupBy(quoted(label)).count().collectAsList();
        List<Row> sorted = new ArrayList<>(counts);
        Comparator<Row> byName = Comparator.comparing(r -> r.getString(0));
        sorted.sort(indexing == TableColumns.LabelIndexing.FREQUENCY
                ? Comparator.<Row>comparingLong(r -> -r.getLong(1)).thenComparing(byName) : byName);
        if (sorted.size() > labels.classes()) {
            throw new DataFormatException(train.description(), "label column '" + train.layout().label() + "' holds "
                    + sorted.size() + " distinct strings; expected at most " + labels.classes() + " ("
                    + labels.reason() + ")");
        }
        return sorted.stream().map(r -> r.getString(0)).toList();
    }
}
