package io.milr.cli;

import io.milr.config.ConfigException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed arguments of one invocation: {@code milr SUBCOMMAND [--conf FILE] [--set k=v]... [--out DIR]},
 * {@code milr train --resume DIR [--set train.epochs=N]}, or {@code milr report DIR... [--out DIR]}, whose
 * run directories are its only operands.
 */
record CommandLine(String subcommand, Path confFile, List<String> overrides, String outDir, boolean overwrite,
                   boolean help, List<String> runDirs, String resumeDir) {

    static CommandLine parse(String[] args) {
        if (args.length == 0) {
            return new CommandLine("help", null, List.of(), null, false, true, List.of(), null);
        }
        String subcommand = args[0];
        Path conf = null;
        List<String> overrides = new ArrayList<>();
        String out = null;
        String resume = null;
        boolean overwrite = false;
        List<String> runDirs = new ArrayList<>();
        boolean help = subcommand.equals("--help") || subcommand.equals("-h") || subcommand.equals("help");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--conf" -> conf = Path.of(valueOf(args, ++i, "--conf", "a .properties file"));
                case "--set" -> overrides.add(valueOf(args, ++i, "--set", "key=value"));
                case "--out" -> out = valueOf(args, ++i, "--out", "a directory (any Hadoop URI)");
                case "--overwrite" -> overwrite = true;
                case "--resume" -> resume = valueOf(args, ++i, "--resume", "the run directory of the train run to continue");
                case "--help", "-h" -> help = true;
                default -> {
                    if (!subcommand.equals("report") || args[i].startsWith("-")) {
                        throw new ConfigException("Unexpected argument '" + args[i] + "'. Run 'milr --help' for usage.");
                    }
                    runDirs.add(args[i]);
                }
            }
        }
        if (resume != null) {
            requireResumable(subcommand, conf, out, overwrite, resume);
        }
        return new CommandLine(subcommand, conf, List.copyOf(overrides), out, overwrite, help, List.copyOf(runDirs),
                resume);
    }

    /** A resumed run is the same run: its directory, its configuration (train.epochs aside, checked later). */
    private static void requireResumable(String subcommand, Path conf, String out, boolean overwrite, String resume) {
        if (!subcommand.equals("train")) {
            throw new ConfigException("--resume is an option of train only: milr train --resume DIR.");
        }
        if (conf != null) {
            throw new ConfigException("--resume " + resume + " continues with the configuration saved in the run's"
                    + " checkpoint; --conf " + conf + " cannot change it (only --set train.epochs=N may).");
        }
        if (out != null || overwrite) {
            throw new ConfigException("--resume " + resume + " continues writing into that run directory; --out and"
                    + " --overwrite do not apply.");
        }
    }

    private static String valueOf(String[] args, int index, String option, String expected) {
        if (index >= args.length) {
            throw new ConfigException(option + " needs a value: " + expected + ".");
        }
        return args[index];
    }
}
