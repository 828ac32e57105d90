package io.claimstream.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Settings from environment variables named {@code CLAIMSTREAM_<KEY>}. The key is the rest of
 * the name in lower case, with Confluent's Docker images' rule for characters a variable name
 * cannot hold: {@code _} is a dot, {@code __} an underscore and {@code ___} a dash. A claimstream
 * key may leave out its own {@code claimstream.} prefix:
 *
 * <pre>
 * CLAIMSTREAM_BOOTSTRAP_SERVERS        bootstrap.servers
 * CLAIMSTREAM_PROCESSING_GUARANTEE     processing.guarantee
 * CLAIMSTREAM_TOPIC_PARTITIONS         claimstream.topic.partitions
 * CLAIMSTREAM_CLAIMSTREAM_DATA_DIR     claimstream.data.dir (the same as CLAIMSTREAM_DATA_DIR)
 * </pre>
 *
 * <p>The variables the launcher and the logging configuration read are not settings.
 */
public final class EnvironmentVariables {

    public static final String PREFIX = "CLAIMSTREAM_";

    /** Read by ./claimstream and logback.xml, not configuration keys. */
    private static final Set<String> NOT_SETTINGS = Set.of("CLAIMSTREAM_JAVA_OPTS", "CLAIMSTREAM_LOG_LEVEL",
        "CLAIMSTREAM_KAFKA_LOG_LEVEL");

    private EnvironmentVariables() {
    }

    /** The key a variable sets, if it is a claimstream setting. */
    public static Optional<String> key(String variable) {
        if (!variable.startsWith(PREFIX) || variable.length() == PREFIX.length() || NOT_SETTINGS.contains(variable)) {
            return Optional.empty();
        }
        String key = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
            .replace("___", "\u0000").replace("__", "\u0001").replace('_', '.')
            .replace('\u0000', '-').replace('\u0001', '_');
        String prefixed = "claimstream." + key;
        if (!KnownKeys.isKnown(key) && ClaimstreamSettings.definition().names().contains(prefixed)) {
            return Optional.of(prefixed);
        }
        return Optional.of(key);
    }

    /** The variable that sets {@code key}, in its shortest form. */
    public static String variable(String key) {
        String name = key.startsWith("claimstream.") ? key.substring("claimstream.".length()) : key;
        return PREFIX + name.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
