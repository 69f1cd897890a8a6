package io.milr.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** For runs that must stop before Spark: starting it fails the test. */
final class NoSpark implements SparkContexts {
    static final NoSpark CONTEXTS = new NoSpark();

    private NoSpark() {
    }

    @Override
    public JavaSparkContext start(SparkConf conf) {
        throw new AssertionError("Spark was started, but the error was to be found before");
    }

    @Override
    public void finish(JavaSparkContext sc) {
    }
}
