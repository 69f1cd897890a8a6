package io.milr.cli;

import io.milr.job.RangeTestJob;
import io.milr.job.TrainJob;
import io.milr.spark.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code milr range-test}: the LR range test alone. */
@Command(name = "range-test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the LR range test: train briefly at geometrically rising LRs and suggest lr.min and lr.max.",
                "Writes range.csv (the curve), range.json (the suggestion and the rule that chose it) and range.png to DIR."})
final class RangeTestCommand implements Callable<Integer> {
    @Mixin
    JobOptions job;

    private final PrintStream out;
    private final SparkContexts contexts;

    RangeTestCommand(PrintStream out, SparkContexts contexts) {
        this.out = out;
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        return SparkJob.run("range-test", job, out, contexts, (config, data, dir, sc) -> {
            TrainingData rdds = data.toRdds(sc, TrainJob.trainerSettings(config));
            try {
                new RangeTestJob(config, dir, out).run(sc, data, rdds);
            } finally {
                rdds.release();
            }
        });
    }
}
