package io.milr.storage;

/**
 * A URI as the user gave it, with the setting it came from, so that an error names both: a
 * configuration key ({@code data.train = hdfs://nn/data/train}) or a command-line argument
 * ({@code --out hdfs://nn/runs/1}).
 *
 * @param setting   {@code data.train}, {@code --out}, {@code report}...
 * @param uri       the URI or path, unchanged
 * @param configKey whether {@code setting} is a configuration key (shown as {@code key = uri})
 */
public record StorageUri(String setting, String uri, boolean configKey) {

    public static StorageUri key(String key, String uri) {
        return new StorageUri(key, uri, true);
    }

    public static StorageUri argument(String argument, String uri) {
        return new StorageUri(argument, uri, false);
    }

    /** How an error names it: {@code data.train = URI} or {@code --out URI}. */
    @Override
    public String toString() {
        return setting + (configKey ? " = " : " ") + uri;
    }
}
