package io.milr.cli;

import io.milr.config.ConfigException;
import io.milr.job.TrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code milr train}: one training run, or the continuation of one ({@code --resume}). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network with MI-driven learning rates (or a baseline optimizer).",
                "Writes config.properties, metrics.jsonl (one JSON line per epoch), the model (model.zip, network.json,"
                        + " model.json: scaling, input and classes), a checkpoint after every"
                        + " epoch (checkpoints/epoch-N; checkpoint.keep of them stay) and its report (report.html with PNG"
                        + " plots) to DIR. With --set lr.range=auto it runs the range test first and trains within its"
                        + " suggestion."})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    JobOptions job;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue the run in DIR from its last complete checkpoint, with its own configuration (only"
                    + " --set train.epochs=N may change), ending where an uninterrupted run would")
    String resumeDir;

    private final PrintStream out;
    private final SparkContexts contexts;

    TrainCommand(PrintStream out, SparkContexts contexts) {
        this.out = out;
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        if (resumeDir != null) {
            requireResumable();
            return TrainResume.resume(resumeDir, job.overrides, out, contexts);
        }
        if (TrainResume.continuesEarlierAttempt(job.outDir, out)) {
            return TrainResume.resume(job.outDir, List.of(), out, contexts);
        }
        return SparkJob.run("train", job, out, contexts, (config, data, dir, sc) -> new TrainJob(config, dir, out).run(sc, data));
    }

    /** A resumed run is the same run: its directory, its configuration (train.epochs aside, checked later). */
    private void requireResumable() {
        if (job.confFile != null) {
            throw new ConfigException("--resume " + resumeDir + " continues with the configuration saved in the run's"
                    + " checkpoint; --conf " + job.confFile + " cannot change it (only --set train.epochs=N may).");
        }
        if (job.outDir != null || job.overwrite) {
            throw new ConfigException("--resume " + resumeDir + " continues writing into that run directory; --out and"
                    + " --overwrite do not apply.");
        }
    }
}
