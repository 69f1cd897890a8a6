package io.milr.cli;

import org.apache.spark.SparkException;
import org.apache.spark.SparkUserAppException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * Entry point: {@code milr SUBCOMMAND [options]}, parsed with picocli; every subcommand has its own
 * options and {@code --help}. A user error (a wrong option, setting, file or run directory) ends with
 * exit status 2 and one line {@code milr: ...}, no stack trace (it is logged at debug level).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    static final int OK = 0;
    static final int USER_ERROR = 2;

    private Main() {
    }

    /**
     * Returns after success instead of calling {@code System.exit(0)}: in YARN cluster mode the
     * ApplicationMaster reports SUCCEEDED only when {@code main} returns; an exit runs its shutdown
     * hook first, which reports FAILED and makes YARN start a second attempt.
     */
    public static void main(String[] args) throws SparkException {
        int status = run(args, System.out, System.err);
        if (status != OK) {
            exit(status);
        }
    }

    /**
     * Ends a failed run with {@code status}. In a YARN ApplicationMaster the status is handed to Spark
     * as its {@code SparkUserAppException} (what Spark's own Python and R runners throw), so that YARN
     * records "User application exited with status N" rather than an unexplained shutdown.
     */
    private static void exit(int status) throws SparkException {
        if (YarnAttempt.ofThisDriver().isPresent()) {
            throw new SparkUserAppException(status);
        }
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, SparkContexts.OWN);
    }

    /** As the command line runs, with the Spark context from {@code contexts}. */
    static int run(String[] args, PrintStream out, PrintStream err, SparkContexts contexts) {
        return commandLine(out, err, contexts).execute(args);
    }

    /** The whole command line: {@code milr} and its subcommands, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err, SparkContexts contexts) {
        CommandLine milr = new CommandLine(new MilrCommand())
                .addSubcommand("train", new TrainCommand(out, contexts))
                .addSubcommand("range-test", new RangeTestCommand(out, contexts))
                .addSubcommand("compare", new CompareCommand(out, contexts))
                .addSubcommand("evaluate", new EvaluateCommand(out, contexts))
                .addSubcommand("predict", new PredictCommand(out, contexts))
                .addSubcommand("report", new ReportCommand(out))
                .addSubcommand("bench", new BenchCommand(out))
                .addSubcommand("keys", new KeysCommand(out))
                .addSubcommand("help", new CommandLine.HelpCommand());
        milr.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).setUsageHelpWidth(100);
        milr.setParameterExceptionHandler((e, arguments) -> {
            err.println("milr: " + oneLine(e));
            return USER_ERROR;
        });
        milr.setExecutionExceptionHandler((e, command, parsed) -> {
            // Spark throws its checked SparkException undeclared, hence Exception.
            Optional<String> message = UserErrors.messageOf(e);
            if (message.isEmpty()) {
                throw e;
            }
            LOG.debug("milr stopped on a user error", e);
            err.println("milr: " + message.get());
            return USER_ERROR;
        });
        return milr;
    }

    /** picocli's message for a wrong command line, on one line, with where to find the right one. */
    private static String oneLine(ParameterException e) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof UnmatchedArgumentException unmatched && command.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "Unknown subcommand '" + unmatched.getUnmatched().get(0) + "'; expected one of "
                    + String.join(", ", command.getSubcommands().keySet()) + didYouMean(unmatched.getSuggestions())
                    + ". Run 'milr --help' for usage.";
        }
        String message = e.getMessage().lines().findFirst().orElse("").strip();
        List<String> suggestions = e instanceof UnmatchedArgumentException unmatched ? unmatched.getSuggestions() : List.of();
        String where = command.getParent() == null ? "" : command.getCommandName() + ": ";
        return where + message + didYouMean(suggestions) + ". Run '" + name + " --help' for its options.";
    }

    private static String didYouMean(List<String> suggestions) {
        return suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
    }
}
