package io.milr.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where a subcommand's Spark context comes from and what happens to it afterwards: the command line
 * starts its own and stops it; tests lend one that outlives the run (one context per JVM).
 */
interface SparkContexts {

    JavaSparkContext start(SparkConf conf);

    void finish(JavaSparkContext sc);

    SparkContexts OWN = new SparkContexts() {
        @Override
        public JavaSparkContext start(SparkConf conf) {
            return new JavaSparkContext(conf);
        }

        @Override
        public void finish(JavaSparkContext sc) {
            sc.stop();
        }
    };

    static SparkContexts lent(JavaSparkContext context) {
        return new SparkContexts() {
            @Override
            public JavaSparkContext start(SparkConf conf) {
                return context;
            }

            @Override
            public void finish(JavaSparkContext sc) {
                // Not ours to stop.
            }
        };
    }
}
