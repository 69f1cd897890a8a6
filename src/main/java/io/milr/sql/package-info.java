/**
 * Spark SQL tables as milr's data sets: Parquet, ORC, JSON, catalog tables and any other Spark data
 * source read into a DataFrame, its columns resolved on the driver against the schema
 * ({@link io.milr.sql.ColumnLayout}), its rows turned into examples by the executors
 * ({@link io.milr.sql.RowConverter}), checked and summarised there like every other source.
 */
package io.milr.sql;
