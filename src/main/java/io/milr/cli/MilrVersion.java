package io.milr.cli;

import org.apache.spark.package$;
import picocli.CommandLine.IVersionProvider;

/** {@code milr --version}: milr's version (from the jar's manifest) and the Spark it runs on. */
final class MilrVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String milr = Main.class.getPackage().getImplementationVersion();
        return new String[] {"milr " + (milr == null ? "(development build)" : milr) + ", Spark " + package$.MODULE$.SPARK_VERSION()
                + ", Java " + Runtime.version()};
    }
}
