package io.claimstream.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of one run, from three layers: a properties file ({@code --config}), overridden by
 * environment variables ({@code CLAIMSTREAM_...}, see {@link EnvironmentVariables}), overridden by
 * command-line options. Each value remembers where it came from, so that a message about it can
 * say which file line, variable or option to fix. Each feature's keys are parsed once per
 * configuration into {@link #parsed()}; the Kafka clients and Kafka Streams take their own keys
 * from {@link #values()} as strings.
 */
public final class Configuration {

    /**
     * A value and where it came from.
     *
     * @param value the value as written
     * @param origin where it was written, in words: {@code app.properties}, {@code environment variable X}, {@code --bootstrap-servers}
     */
    public record Setting(String value, String origin) {
    }

    private static final Pattern KAFKA_INVALID_VALUE = Pattern.compile("^Invalid value (.*) for configuration ([^\\s:]+): ?(.*)$",
        Pattern.DOTALL);

    private final Map<String, Setting> settings;
    /** Parsed on first use: a configuration is immutable, so once is enough. */
    private volatile Settings parsed;

    private Configuration(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Configuration of(Map<String, String> values, String origin) {
        Builder b = builder();
        values.forEach((k, v) -> b.set(k, v, origin));
        return b.build();
    }

    public Optional<String> get(String key) {
        Setting s = settings.get(key);
        return s == null || s.value().isBlank() ? Optional.empty() : Optional.of(s.value());
    }

    /** Where {@code key}'s value came from, or null when it is not set. */
    public String origin(String key) {
        Setting s = settings.get(key);
        return s == null ? null : s.origin();
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    /** Every value by key, as the Kafka clients, Streams and the serdes take them. */
    public Map<String, Object> values() {
        Map<String, Object> values = new TreeMap<>();
        settings.forEach((k, s) -> values.put(k, s.value()));
        return values;
    }

    /** This configuration with {@code defaults} below every layer: a key already set keeps its value. */
    public Configuration withDefaults(Map<String, String> defaults, String origin) {
        Map<String, Setting> merged = new TreeMap<>(settings);
        defaults.forEach((k, v) -> merged.putIfAbsent(k, new Setting(v, origin)));
        return new Configuration(merged);
    }

    /** This configuration with {@code key} set over every layer. */
    public Configuration with(String key, String value, String origin) {
        Map<String, Setting> merged = new TreeMap<>(settings);
        merged.put(key, new Setting(value, origin));
        return new Configuration(merged);
    }

    /** The claimstream settings of the running process. */
    public ClaimstreamSettings claimstream() {
        return parsed().claimstream();
    }

    /**
     * Every feature's settings, typed, parsed the first time they are asked for.
     *
     * @throws ConfigException naming the key, its origin, the value and what is wrong
     */
    public Settings parsed() {
        Settings p = parsed;
        if (p == null) {
            try {
                p = Settings.from(values());
            } catch (ConfigException e) {
                throw withOrigin(e);
            }
            parsed = p;
        }
        return p;
    }

    /** The keys that neither claimstream nor Kafka nor the serdes know, with their origins: likely typos. */
    public List<String> unknownKeys() {
        List<String> unknown = new ArrayList<>();
        settings.keySet().forEach(k -> {
            if (!KnownKeys.isKnown(k)) {
                unknown.add(k);
            }
        });
        return unknown;
    }

    /** One line per unknown key, naming it and where it was set. */
    public List<String> warnings() {
        return unknownKeys().stream()
            .map(k -> "unknown configuration key " + k + " (from " + origin(k) + "); it is passed on to the Kafka clients, "
                + "which ignore it")
            .toList();
    }

    /**
     * Checks every value that claimstream, the serdes or Kafka define against its type and
     * allowed values, then the rules that involve several keys.
     *
     * @return this configuration
     * @throws ConfigException naming the key, its origin, the value and what is allowed
     */
    public Configuration validate() {
        settings.forEach(this::validate);
        parsed();
        return this;
    }

    private void validate(String key, Setting setting) {
        for (ConfigKey definition : KnownKeys.definitionsOf(key)) {
            try {
                Object parsed = ConfigDef.parseType(key, setting.value().trim(), definition.type);
                if (definition.validator != null) {
                    definition.validator.ensureValid(key, parsed);
                }
            } catch (ConfigException e) {
                throw new ConfigException(key + "=" + setting.value() + " (from " + setting.origin() + ") is invalid: "
                    + reason(e) + "; allowed: " + allowed(definition));
            }
        }
    }

    /** A cross-key rule's failure, with the origin of the key it names when it names one. */
    private ConfigException withOrigin(ConfigException e) {
        Matcher m = KAFKA_INVALID_VALUE.matcher(String.valueOf(e.getMessage()));
        if (m.matches() && settings.containsKey(m.group(2))) {
            Setting s = settings.get(m.group(2));
            return new ConfigException(m.group(2) + "=" + s.value() + " (from " + s.origin() + ") is invalid: " + m.group(3));
        }
        return e;
    }

    private static String reason(ConfigException e) {
        Matcher m = KAFKA_INVALID_VALUE.matcher(String.valueOf(e.getMessage()));
        return m.matches() ? m.group(3) : String.valueOf(e.getMessage());
    }

    /** What a key accepts, in words: its type and, when it has one, its validator. */
    static String allowed(ConfigKey key) {
        String type = switch (key.type) {
            case BOOLEAN -> "true or false";
            case INT, SHORT, LONG -> "an integer";
            case DOUBLE -> "a number";
            case LIST -> "a comma-separated list";
            case CLASS -> "a class name";
            case PASSWORD, STRING -> "a string";
        };
        if (key.validator == null) {
            return type;
        }
        String validator = key.validator.toString();
        if (validator.contains("$$Lambda") || validator.contains("$Lambda")) {
            return type;
        }
        return key.validator instanceof ConfigDef.Range ? type + " in " + validator : type + ", " + validator;
    }

    /** Builds a configuration layer by layer, lowest precedence first. */
    public static final class Builder {

        private final Map<String, Setting> settings = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds the settings of a properties file.
         *
         * @throws ConfigException when the file cannot be read
         */
        public Builder file(Path file) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (NoSuchFileException e) {
                throw new ConfigException("configuration file " + file + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            properties.stringPropertyNames().forEach(k -> set(k, properties.getProperty(k).trim(), file.toString()));
            return this;
        }

        /** Adds the settings among environment variables; other variables are ignored. */
        public Builder environment(Map<String, String> environment) {
            new TreeMap<>(environment).forEach((name, value) -> EnvironmentVariables.key(name)
                .ifPresent(key -> set(key, value, "environment variable " + name)));
            return this;
        }

        /** Sets one key over the layers added so far. */
        public Builder set(String key, String value, String origin) {
            settings.put(key, new Setting(value, origin));
            return this;
        }

        public Configuration build() {
            return new Configuration(settings);
        }
    }
}
