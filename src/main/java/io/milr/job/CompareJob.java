package io.milr.job;

import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.optim.Optimizer;
import io.milr.report.Comparison;
import io.milr.report.ComparisonAcrossSeeds;
import io.milr.report.ComparisonReport;
import io.milr.report.RunDirectory;
import io.milr.spark.EpochReport;
import io.milr.spark.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.PrintStream;
import java.util.ArrayList;
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

    /**
     * Runs every optimiser once per seed of {@code compare.seeds}; with one seed the runs and the
     * comparison go straight into the output directory, with several into {@code seed-N/} each, and the
     * output directory gets the summary across seeds. Returns each seed's comparison.
     */
    public List<Comparison> run(JavaSparkContext sc, JobData data) {
        List<Long> seeds = config.compareSeeds();
        List<Comparison> bySeed = new ArrayList<>();
        for (long seed : seeds) {
            JobConfig seeded = config.with(ConfigKeys.TRAIN_SEED + "=" + seed);
            RunDirectory dir = seeds.size() == 1 ? out : out.child("seed-" + seed);
            if (seeds.size() > 1) {
                console.printf(Locale.ROOT, "%nmilr compare: seed %d (%d of %d)%n", seed, bySeed.size() + 1, seeds.size());
            }
            bySeed.add(runSeed(sc, data, seeded, dir));
        }
        if (seeds.size() > 1) {
            ComparisonAcrossSeeds summary = ComparisonAcrossSeeds.of(seeds, bySeed);
            String title = String.format(Locale.ROOT, "%s, %d epochs, %d seeds", config.model(), config.epochs(), seeds.size());
            ComparisonReport.write(out, summary, title);
            console.println();
            console.print(ComparisonReport.markdown(summary, title));
        }
        return bySeed;
    }

    private Comparison runSeed(JavaSparkContext sc, JobData data, JobConfig seeded, RunDirectory dir) {
        TrainingData rdds = data.toRdds(sc, TrainJob.trainerSettings(seeded));
        Map<String, List<EpochReport>> runs = new LinkedHashMap<>();
        Set<String> miRuns = new HashSet<>();
        try {
            for (String name : seeded.compareRuns()) {
                console.printf(Locale.ROOT, "%nmilr compare: run %d/%d: %s%n", runs.size() + 1, seeded.compareRuns().size(), name);
                JobConfig run = configFor(seeded, name);
                if (run.optimizer().kind() == Optimizer.MI_LR) {
                    miRuns.add(name);
                }
                runs.put(name, new TrainJob(run, dir.child(name), console).run(sc, data, rdds).reports());
            }
        } finally {
            rdds.release();
        }
        Comparison comparison = Comparison.of(runs, miRuns, seeded.compareTarget());
        String title = String.format(Locale.ROOT, "%s, %d epochs, seed %d", seeded.model(), seeded.epochs(), seeded.seed());
        ComparisonReport.write(dir, comparison, title);
        console.println();
        console.print(ComparisonReport.markdown(comparison, title));
        return comparison;
    }

    private static JobConfig configFor(JobConfig config, String name) {
        if (name.equals(JobConfig.MI_LR_LAYER)) {
            return config.with(ConfigKeys.OPTIMIZER + "=mi-lr", ConfigKeys.LR_MODE + "=layer");
        }
        if (name.equals(Optimizer.MI_LR.configName())) {
            return config.with(ConfigKeys.OPTIMIZER + "=mi-lr", ConfigKeys.LR_MODE + "=network");
        }
        return config.with(ConfigKeys.OPTIMIZER + "=" + name);
    }
}
