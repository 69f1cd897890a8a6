package io.milr.cli;

import io.milr.data.DataFormatException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding the user's error inside what Spark throws. */
class UserErrorsTest {

    @Test
    void aUserErrorAnywhereInTheCauseChainIsFound() {
        DataFormatException bad = new DataFormatException("file:/d/part-00003.csv line 17", "2 features, expected 3");
        SparkException aborted = new SparkException("Job aborted due to stage failure", new RuntimeException(bad));

        assertEquals(Optional.of("file:/d/part-00003.csv line 17: 2 features, expected 3"),
                UserErrors.messageOf(aborted));
    }

    /** As a cluster reports a task failure whose exception did not come back as an object. */
    @Test
    void aUserErrorQuotedInSparksMessageIsCutOutOfIt() {
        SparkException aborted = new SparkException("Job aborted due to stage failure: Task 3 in stage 1.0 failed 4"
                + " times, most recent failure: Lost task 3.3 in stage 1.0 (TID 17) (10.0.0.5 executor 2):"
                + " io.milr.data.DataFormatException: hdfs://nn/d/part-00003.csv line 3000001: 783 features, expected"
                + " 784 like hdfs://nn/d/part-00000.csv line 1 (separator ',')\n\tat io.milr.data.CsvReader.parse"
                + "(CsvReader.java:88)\n\tat org.apache.spark.rdd.RDD.iterator(RDD.scala:329)\n\nDriver stacktrace:");

        assertEquals(Optional.of("hdfs://nn/d/part-00003.csv line 3000001: 783 features, expected 784 like"
                + " hdfs://nn/d/part-00000.csv line 1 (separator ',')"), UserErrors.messageOf(aborted));
    }

    @Test
    void otherFailuresAreNotTheUsers() {
        assertEquals(Optional.empty(), UserErrors.messageOf(new SparkException("Job aborted: executor lost",
                new OutOfMemoryError("Java heap space"))));
        assertEquals(Optional.empty(), UserErrors.messageOf(new IllegalStateException()));
    }
}
