package io.milr.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.function.Supplier;

/**
 * A subcommand's Spark context, started on first use: checks that need no executors run before it,
 * so that what they find costs no Spark start. {@link #finish} stops it if it was started.
 */
final class SparkOnDemand implements Supplier<JavaSparkContext> {
    private final SparkContexts contexts;
    private final SparkConf conf;
    private JavaSparkContext sc;

    SparkOnDemand(SparkContexts contexts, SparkConf conf) {
        this.contexts = contexts;
        this.conf = conf;
    }

    @Override
    public JavaSparkContext get() {
        if (sc == null) {
            sc = contexts.start(conf);
        }
        return sc;
    }

    void finish() {
        if (sc != null) {
            contexts.finish(sc);
        }
    }
}
