package io.milr.cli;

import io.milr.job.CompareJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code milr compare}: the same job once per optimizer. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the same job once per optimizer (compare.optimizers: MI-LR network and layer mode, SGD fixed"
                + " and step decay, Adam, RMSprop, LARS), each a train run in DIR/<optimizer>.",
                "Writes comparison.csv, comparison.md and comparison.png (test accuracy against wall time) to DIR."})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    JobOptions job;

    private final PrintStream out;
    private final SparkContexts contexts;

    CompareCommand(PrintStream out, SparkContexts contexts) {
        this.out = out;
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        return SparkJob.run("compare", job, out, contexts, (config, data, dir, sc) -> new CompareJob(config, dir, out).run(sc, data));
    }
}
