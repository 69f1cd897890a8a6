package io.milr.cli;

import io.milr.config.ConfigKey;
import io.milr.config.ConfigKeys;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code milr keys}: every configuration key with its default and what it does. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List every configuration key with its default.")
final class KeysCommand implements Callable<Integer> {
    private final PrintStream out;

    KeysCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        for (ConfigKey key : ConfigKeys.all()) {
            out.printf("%-26s %-18s %s%n", key.name(), key.defaultValue().isEmpty() ? "(derived)" : key.defaultValue(),
                    key.description());
        }
        return Main.OK;
    }
}
