package io.claimstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

/** The README's table of claimstream keys is the table {@link ClaimstreamSettings} defines, row for row. */
class ReadmeConfigurationTableTest {

    @Test
    void theReadmeListsEveryClaimstreamKeyWithItsDefaultAndMeaning() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String table = markdown(ClaimstreamSettings.definition());

        assertThat(readme).as("README.md must contain this table (generated from ClaimstreamSettings):%n%s", table).contains(table);
    }

    /** One row per key, in key order: key, default, meaning. */
    static String markdown(ConfigDef definition) {
        StringBuilder b = new StringBuilder("| key | default | meaning |\n| --- | --- | --- |\n");
        for (ConfigKey key : new TreeMap<>(definition.configKeys()).values()) {
            b.append("| `").append(key.name).append("` | ").append(defaultValue(key)).append(" | ")
                .append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    private static String defaultValue(ConfigKey key) {
        if (key.defaultValue == null) {
            return "unset";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        if (key.name.endsWith(".ms")) {
            return "`" + value + "` (" + readable(Duration.ofMillis(Long.parseLong(value))) + ")";
        }
        if (key.name.endsWith(".bytes")) {
            long bytes = Long.parseLong(value);
            return "`" + value + "` (" + (bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB") + ")";
        }
        return "`" + value + "`";
    }

    private static String readable(Duration d) {
        for (var unit : List.of(
            new Object[] {Duration.ofDays(1), "day"}, new Object[] {Duration.ofHours(1), "hour"},
            new Object[] {Duration.ofMinutes(1), "minute"}, new Object[] {Duration.ofSeconds(1), "second"})) {
            long size = ((Duration) unit[0]).toMillis();
            if (d.toMillis() >= size && d.toMillis() % size == 0) {
                long n = d.toMillis() / size;
                return n + " " + unit[1] + (n == 1 ? "" : "s");
            }
        }
        return d.toMillis() + " ms";
    }
}
