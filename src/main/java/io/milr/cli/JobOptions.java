package io.milr.cli;

import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every job subcommand shares: its configuration, the overrides, and the run directory. */
final class JobOptions {
    @Option(names = "--conf", paramLabel = "FILE", description = "job configuration (.properties), e.g. conf/mnist-mlp.properties")
    Path confFile;

    @Option(names = "--set", paramLabel = "key=value",
            description = "override one key (repeatable), e.g. --set lr.mode=layer --set train.epochs=3; 'milr keys' lists them")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "run directory (any Hadoop URI: a path, file:, hdfs:, s3a:); default runs/<subcommand>-<model>-<time>")
    String outDir;

    @Option(names = "--overwrite", description = "reuse a non-empty run directory, replacing its files")
    boolean overwrite;

    /** The job configuration: the file, then the overrides. */
    JobConfig config() {
        return JobConfig.from(ConfigSources.of(confFile, overrides));
    }
}
