package io.milr.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One real local-mode SparkContext (two cores, as on the CI machine) shared by every test class in
 * the JVM: starting Spark takes seconds, and only one context may be active per JVM.
 */
public final class LocalSpark {
    private static JavaSparkContext context;

    private LocalSpark() {
    }

    public static synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("milr-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.host", "127.0.0.1");
            context = new JavaSparkContext(conf);
            Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
        }
        return context;
    }
}
