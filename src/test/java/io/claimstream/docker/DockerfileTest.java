package io.claimstream.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile: built as a checkout is built, run on a JRE 17 as an unprivileged user. */
class DockerfileTest {

    /** A Maven build command in running text: from "mvn" to the goal "package". */
    private static final Pattern MAVEN_PACKAGE = Pattern.compile("mvn(?: [^`\\n)]*?)? package\\b");

    private static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        lines = new ArrayList<>();
        // Continuation lines joined, as Docker reads them.
        StringBuilder instruction = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("docker", "Dockerfile"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            instruction.append(line.strip());
            if (line.endsWith("\\")) {
                instruction.setLength(instruction.length() - 1);
            } else {
                lines.add(instruction.toString());
                instruction.setLength(0);
            }
        }
    }

    @Test
    void theJarIsBuiltWithTheMavenCommandOfTheReadmeAndTheLauncher() throws IOException {
        List<String> builds = lines.stream().filter(l -> l.startsWith("RUN ") && l.contains("mvn ")).toList();
        assertThat(builds).hasSize(1);
        List<String> docker = mavenCommands(builds.get(0));
        assertThat(docker).hasSize(1);

        List<String> readme = mavenCommands(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertThat(readme).as("mvn ... package commands in README.md").isNotEmpty();
        for (String command : readme) {
            assertThat(flags(command)).as("README: %s", command).isEqualTo(flags(docker.get(0)));
        }
        List<String> launcher = mavenCommands(Files.readString(Path.of("claimstream"), StandardCharsets.UTF_8));
        assertThat(launcher).isNotEmpty().allSatisfy(command -> assertThat(flags(command)).isEqualTo(flags(docker.get(0))));
    }

    @Test
    void theBuildStageHasWhatTheBuildReadsAndTheImageOnlyTheJarAndItsLibraries() {
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).matches("FROM maven:[0-9.]+-eclipse-temurin-17 AS build");
        assertThat(from.get(1)).matches("FROM eclipse-temurin:17[0-9._]*-jre");
        assertThat(lines).contains("COPY pom.xml ./", "COPY schemas schemas", "COPY src/main src/main",
            "COPY --from=build /src/target/claimstream.jar /opt/claimstream/claimstream.jar",
            "COPY --from=build /src/target/lib /opt/claimstream/lib");
    }

    @Test
    void theImageRunsClaimstreamRunAsAnUnprivilegedUserAndServesItsStatusPort() {
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).isNotIn("USER root", "USER 0");
        assertThat(lines).contains("EXPOSE 8080", "CMD [\"run\"]");
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        assertThat(entrypoint).contains("\"java\"").endsWith("\"-jar\", \"/opt/claimstream/claimstream.jar\"]");
        String env = lines.stream().filter(l -> l.startsWith("ENV ")).findFirst().orElseThrow();
        assertThat(env).as("inside a container, loopback would serve no one").contains("CLAIMSTREAM_HTTP_HOST=0.0.0.0");
    }

    private static List<String> mavenCommands(String text) {
        List<String> commands = new ArrayList<>();
        Matcher m = MAVEN_PACKAGE.matcher(text);
        while (m.find()) {
            commands.add(m.group());
        }
        return commands;
    }

    /** A Maven command's words in order, without the flags that change only how much it prints. */
    private static List<String> flags(String command) {
        return Arrays.stream(command.trim().split("\\s+")).filter(w -> !w.equals("-q") && !w.equals("--quiet")).sorted().toList();
    }
}
