/**
 * Applying a trained model to data: the table of its predictions, laid out as Spark MLlib lays out a
 * classifier's output, and written as Parquet or CSV, whole or not at all.
 */
package io.milr.predict;
