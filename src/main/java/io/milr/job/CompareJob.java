package io.milr.job;

import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.optim.Optimizer;
import io.milr.report.Comparison;
import io.milr.report.ComparisonReport;
import io.milr.report.RunDirectory;
import io.milr.spark.EpochReport;
import io.milr.spark.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code compare} subcommand: the same network, data, seed, epochs and Spark settings trained
 * once per optimiser, each as a normal train run in its own subdirectory, then the comparison files.
 */
public final class CompareJob {
    private final JobConfig config;
    private final RunDirectory out;
    private final PrintStream console;

    public CompareJob(JobConfig config, RunDirectory out, PrintStream console) {
        this.config = config;
        this.out = out;
        this.console = console;
    }

    public Comparison run(JavaSparkContext sc, JobData data) {
        TrainingData rdds = data.toRdds(sc, TrainJob.trainerSettings(config));
        Map<String, List<EpochReport>> runs = new LinkedHashMap<>();
        Set<String> miRuns = new HashSet<>();
        try {
            for (String name : config.compareRuns()) {
                console.printf(Locale.ROOT, "%nmilr compare: run %d/%d: %s%n", runs.size() + 1, config.compareRuns().size(), name);
                JobConfig run = configFor(name);
                if (run.optimizer().kind() == Optimizer.MI_LR) {
                    miRuns.add(name);
                }
                runs.put(name, new TrainJob(run, out.child(name), console).run(sc, data, rdds).reports());
            }
        } finally {
            rdds.release();
        }
        Comparison comparison = Comparison.of(runs, miRuns, config.compareTarget());
        String title = String.format(Locale.ROOT, "%s, %d epochs, seed %d", config.model(), config.epochs(), config.seed());
        ComparisonReport.write(out, comparison, title);
        console.println();
        console.print(ComparisonReport.markdown(comparison, title));
        return comparison;
    }

    private JobConfig configFor(String name) {
        if (name.equals(JobConfig.MI_LR_LAYER)) {
            return config.with(ConfigKeys.OPTIMIZER + "=mi-lr", ConfigKeys.LR_MODE + "=layer");
        }
        if (name.equals(Optimizer.MI_LR.configName())) {
            return config.with(ConfigKeys.OPTIMIZER + "=mi-lr", ConfigKeys.LR_MODE + "=network");
        }
        return config.with(ConfigKeys.OPTIMIZER + "=" + name);
    }
}
