package io.milr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code milr}: without a subcommand, its usage. The subcommands are added by {@link Main#commandLine}. */
@Command(name = "milr", mixinStandardHelpOptions = true, versionProvider = MilrVersion.class,
        description = "SGD whose per-layer learning rates are set every epoch from mutual information, on Spark.",
        footer = {"", "Run 'milr SUBCOMMAND --help' for a subcommand's options."})
final class MilrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.OK;
    }
}
