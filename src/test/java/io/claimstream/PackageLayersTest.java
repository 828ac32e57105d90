package io.claimstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md, read from the imports of the main sources: a package uses only those
 * below it, so that topic creation and readiness (package kafka) are one bottom layer that the
 * registry, the ingester, the runtime and the commands all share.
 */
class PackageLayersTest {

    private static final Path MAIN = Path.of("src/main/java/io/claimstream");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.claimstream\\.(\\w+)\\.", Pattern.MULTILINE);

    /** For each package, the project's packages it must not import. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
        "kafka", List.of("config", "extract", "ingest", "topology", "registry", "runtime", "status", "inspect", "cli"),
        "registry", List.of("config", "ingest", "topology", "runtime", "status", "inspect", "cli"),
        "ingest", List.of("extract", "config", "topology", "runtime", "status", "inspect", "cli"),
        "topology", List.of("config", "ingest", "runtime", "status", "inspect", "cli"));

    @Test
    void noPackageImportsALayerAboveIt() throws IOException {
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(rule.getKey()))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher imports = IMPORT.matcher(Files.readString(file));
                    while (imports.find()) {
                        assertThat(rule.getValue()).as("%s imports io.claimstream.%s", MAIN.relativize(file), imports.group(1))
                            .doesNotContain(imports.group(1));
                    }
                }
            }
        }
    }
}
