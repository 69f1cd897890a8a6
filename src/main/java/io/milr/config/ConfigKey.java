package io.milr.config;

/**
 * One configuration key: its stable name, its default (empty when the default is derived from other
 * keys) and a one-line description for {@code milr keys} and the README.
 */
public record ConfigKey(String name, String defaultValue, String description) {
}
