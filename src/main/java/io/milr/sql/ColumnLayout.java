package io.milr.sql;

import io.milr.config.ClosestName;
import io.milr.config.ConfigKeys;
import io.milr.data.DataFormatException;
import io.milr.data.TableColumns;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The columns of a table that hold its examples, resolved on the driver against the table's schema
 * before any row is read: the label column (numbers or strings) and either one features column (an
 * MLlib Vector or an array of numbers) or numeric feature columns. A name that is not in the schema
 * gets the closest one as a suggestion; a column of the wrong type names its type and the types
 * accepted.
 *
 * @param label        the label column's name as the schema spells it
 * @param stringLabels whether labels are strings, to be indexed
 * @param features     the feature columns' names, in schema order (one for a vector or array)
 * @param kind         how the features are held
 */
public record ColumnLayout(String label, boolean stringLabels, List<String> features, FeatureKind kind)
        implements Serializable {

    /** How a row holds its features. */
    public enum FeatureKind {
        /** One MLlib {@code Vector} column, dense or sparse. */
        VECTOR,
        /**
         * A Vector as Spark stores it, {@code struct<type,size,indices,values>}, read back from a format
         * that does not keep Spark's type (ORC, Hive tables).
         */
        VECTOR_STRUCT,
        /** One {@code array<number>} column. */
        ARRAY,
        /** One numeric column per feature. */
        COLUMNS
    }

    public ColumnLayout {
        features = List.copyOf(features);
    }

    /**
     * @param where the table, for messages ({@code data.train = URI})
     * @throws DataFormatException naming the column and what was expected
     */
    public static ColumnLayout resolve(StructType schema, TableColumns columns, String where) {
        StructField label = field(schema, columns.labelCol(), ConfigKeys.DATA_LABEL_COL, where);
        boolean strings = label.dataType() instanceof StringType;
        if (!strings && !(label.dataType() instanceof NumericType)) {
            throw new DataFormatException(where, "label column '" + label.name() + "' is "
                    + label.dataType().simpleString() + "; expected class indices 0..K-1 of any number type"
                    + " (double as MLlib writes them, int, long, ...) or strings (indexed as data.labelIndexing says)");
        }
        if (!columns.featureCols().isEmpty()) {
            return new ColumnLayout(label.name(), strings, featureColumns(schema, columns, label.name(), where),
                    FeatureKind.COLUMNS);
        }
        StructField features = field(schema, columns.featuresCol(), ConfigKeys.DATA_FEATURES_COL, where);
        return new ColumnLayout(label.name(), strings, List.of(features.name()), featureKind(features, where));
    }

    private static FeatureKind featureKind(StructField features, String where) {
        DataType type = features.dataType();
        if (type.equals(SQLDataTypes.VectorType())) {
            return FeatureKind.VECTOR;
        }
        if (isStoredVector(type)) {
            return FeatureKind.VECTOR_STRUCT;
        }
        if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
            return FeatureKind.ARRAY;
        }
        throw new DataFormatException(where, "features column '" + features.name() + "' is " + type.simpleString()
                + "; expected an MLlib Vector (VectorAssembler's output) or an array of numbers, or name numeric"
                + " columns with data.featureCols");
    }

    /** VectorUDT's storage type, whatever the nullability a format read it back with. */
    private static boolean isStoredVector(DataType type) {
        return type instanceof org.apache.spark.sql.types.StructType struct
                && struct.simpleString().equals("struct<type:tinyint,size:int,indices:array<int>,values:array<double>>");
    }

    private static List<String> featureColumns(StructType schema, TableColumns columns, String label, String where) {
        List<String> names = new ArrayList<>();
        for (String pattern : columns.featureCols()) {
            List<StructField> matched = new ArrayList<>();
            if (pattern.contains("*") || pattern.contains("?")) {
                Pattern glob = glob(pattern);
                for (StructField field : schema.fields()) {
                    if (glob.matcher(field.name()).matches() && !field.name().equals(label)) {
                        matched.add(field);
                    }
                }
                if (matched.isEmpty()) {
                    throw new DataFormatException(where, "no column matches '" + pattern + "' (data.featureCols); the"
                            + " columns are " + columnList(schema));
                }
            } else {
                matched.add(field(schema, pattern, ConfigKeys.DATA_FEATURE_COLS, where));
            }
            for (StructField field : matched) {
                if (!(field.dataType() instanceof NumericType)) {
                    throw new DataFormatException(where, "feature column '" + field.name() + "' is "
                            + field.dataType().simpleString() + "; expected a number type (double, float, int, long,"
                            + " short, byte, decimal)");
                }
                if (!names.contains(field.name())) {
                    names.add(field.name());
                }
            }
        }
        return names;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** The field called {@code name}: exactly, or else the only one whose name differs in case (as Spark resolves). */
    private static StructField field(StructType schema, String name, String key, String where) {
        StructField caseInsensitive = null;
        int matches = 0;
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return field;
            }
            if (field.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                caseInsensitive = field;
                matches++;
            }
        }
        if (matches == 1) {
            return caseInsensitive;
        }
        String closest = ClosestName.among(name, java.util.Arrays.asList(schema.fieldNames()), 2);
        throw new DataFormatException(where, "no column '" + name + "' (" + key + ")"
                + (closest != null ? "; did you mean '" + closest + "'?" : "") + " The columns are " + columnList(schema));
    }

    /** The schema's columns with their types, at most 12 of them. */
    static String columnList(StructType schema) {
        StringBuilder list = new StringBuilder();
        StructField[] fields = schema.fields();
        for (int i = 0; i < Math.min(12, fields.length); i++) {
            list.append(i == 0 ? "" : ", ").append(fields[i].name()).append(" (")
                    .append(fields[i].dataType().simpleString()).append(')');
        }
        return list + (fields.length > 12 ? " and " + (fields.length - 12) + " more" : "") + ".";
    }
}
