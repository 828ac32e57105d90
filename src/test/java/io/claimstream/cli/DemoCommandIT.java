package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.claimstream.runtime.Endpoints;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code claimstream demo} as a user starts it, in a JVM of its own: it prints the addresses
 * first, then the subjects of the sample feeds; a SIGTERM stops it gracefully, the parts in
 * order, within the bound; and it wrote nothing outside its data directory, neither in the
 * JVM's temporary directory nor in the working directory.
 */
class DemoCommandIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void runsOfflineWritesOnlyItsDataDirectoryAndStopsGracefullyOnSigterm() throws Exception {
        Path data = tmp.resolve("data");
        Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        String logback = ClaimstreamCommand.class.getResource("/logback.xml").toExternalForm();
        process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Djava.io.tmpdir=" + jvmTmp,
            // The application's logging, not the tests' (logback-test.xml is on the test classpath).
            "-Dlogback.configurationFile=" + logback,
            "-cp", System.getProperty("java.class.path"),
            ClaimstreamCommand.class.getName(), "demo",
            "--data-dir", data.toString(), "--kafka-port", "0", "--registry-port", "0", "--http-port", "0")
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();

        long start = System.nanoTime();
        List<String> lines = awaitSubjects(out, err);
        long firstSubjectMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(lines.get(0)).matches("bootstrap\\.servers=127\\.0\\.0\\.1:\\d+");
        assertThat(lines.get(1)).matches("schema\\.registry\\.url=http://127\\.0\\.0\\.1:\\d+");
        assertThat(lines.get(2)).matches("status\\.url=http://127\\.0\\.0\\.1:\\d+");
        assertThat(lines.get(3)).startsWith("Inspect the topics from another terminal: claimstream inspect claims.by-subject "
            + "--data-dir " + data);
        assertThat(Endpoints.read(data)).isPresent();
        // While it runs: native libraries unpacked on first use (RocksDB, LZ4) are deleted on exit,
        // so only now does it show where they went.
        assertThat(tree(jvmTmp)).as("the JVM's temporary directory while running").isEmpty();
        assertThat(tree(cwd)).as("the working directory while running").isEmpty();

        process.destroy();
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(log).isEqualTo(143);
        assertThat(log).contains("Stopping (closing the parts in order, for at most 60 s)");
        assertThat(log.indexOf("ingester stopped")).as(log).isPositive()
            .isLessThan(log.indexOf("Embedded Kafka broker at"))
            .isLessThan(log.indexOf("claimstream stopped"));
        assertThat(log).as("no stack trace in a run without errors").doesNotContain("\tat ");
        assertThat(Endpoints.read(data)).as("the endpoints file goes with the instance").isEmpty();
        assertThat(tree(jvmTmp)).as("the JVM's temporary directory").isEmpty();
        assertThat(tree(cwd)).as("the working directory").isEmpty();
        assertThat(firstSubjectMillis).as("the first subject is printed within a minute").isLessThan(60_000);
    }

    /** Waits until a subject is printed below the four start-up lines; returns stdout's lines. */
    private List<String> awaitSubjects(Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            if (lines.size() > 5 && lines.stream().skip(4).anyMatch(l -> l.startsWith("  ") && l.contains("mentions"))) {
                return lines;
            }
            if (!process.isAlive()) {
                throw new AssertionError("demo exited with " + process.exitValue() + ":\n" + Files.readString(err));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no subject printed:\n" + Files.readString(out) + "\n" + Files.readString(err));
    }

    private static List<Path> tree(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> !p.equals(dir)).forEach(found::add);
        }
        return found;
    }
}
