package io.milr.cli;

import io.milr.config.ConfigException;
import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import io.milr.job.DataForModel;
import io.milr.model.TrainedModel;
import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;
import io.milr.storage.StorageProbe;
import io.milr.storage.StorageUri;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The options of the subcommands that apply a trained model: the run that trained it, the data, and
 * how to read the data. The data are read as the run read its own (its config.properties: format,
 * CSV settings), with {@code --set} on top; what the model fixes (features, scaling, classes) comes
 * from the model.
 */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "RUN_DIR", required = true,
            description = "the run directory of a train run (any Hadoop URI): its model.zip, network.json and model.json")
    String modelDir;

    @Option(names = "--data", paramLabel = "URI", required = true,
            description = "the data: an IDX prefix (or glob of prefixes), a CSV or LibSVM file or directory, as data.format says")
    String data;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "only the data's first N examples (default: all)")
    int limit;

    @Option(names = "--set", paramLabel = "key=value",
            description = "how to read the data, over the run's own settings, e.g. --set data.format=csv --set data.csv.header=true")
    List<String> overrides = new ArrayList<>();

    /** A trained model, the configuration to read data for it, and the configurations of the Spark job that applies it. */
    record Applied(TrainedModel model, JobConfig config, String dataUri, int limit, SparkConf sparkConf,
                   Configuration hadoopConf) {

        /** The data, checked against the model (by the executors, Spark started on demand) before any work. */
        DataForModel data(java.util.function.Supplier<JavaSparkContext> spark) {
            return DataForModel.read(config, dataUri, limit, model, hadoopConf, spark);
        }
    }

    /**
     * Everything applying the model needs that can be checked before Spark starts: the storage of
     * --model, --data and {@code outDir}, and the model's files. The data are checked against the model
     * once Spark runs ({@link Applied#data}).
     */
    Applied load(String appName, String outDir) {
        Configuration readConf = SparkJob.hadoopConf();
        StorageProbe probe = new StorageProbe(readConf);
        probe.reach(StorageUri.argument("--model", modelDir), StorageUri.argument("--data", data),
                StorageUri.argument("--out", outDir));
        TrainedModel trained = TrainedModel.load(modelDir, readConf);
        JobConfig config = config(RunDirectory.open(modelDir, readConf));
        SparkConf sparkConf = SparkJob.sparkConf(config, appName);
        Configuration hadoopConf = SparkHadoopUtil.get().newConfiguration(sparkConf);
        return new Applied(trained, config, data, limit, sparkConf, hadoopConf);
    }

    /** The run's own configuration with the overrides on top. */
    private JobConfig config(RunDirectory run) {
        ConfigSources sources = ConfigSources.saved(savedConfig(run), run.path(RunMetrics.CONFIG_FILE).toString());
        overrides.forEach(sources::addOverride);
        return JobConfig.from(sources);
    }

    private static Map<String, String> savedConfig(RunDirectory run) {
        if (!run.exists(RunMetrics.CONFIG_FILE)) {
            throw new ConfigException("--model " + run.uri() + ": no " + RunMetrics.CONFIG_FILE + "; expected the run"
                    + " directory of a milr train run");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(run.readString(RunMetrics.CONFIG_FILE)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(run.path(RunMetrics.CONFIG_FILE) + ": cannot be read as .properties: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
