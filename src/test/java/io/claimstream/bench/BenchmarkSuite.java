package io.claimstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs every benchmark, each in a JVM of its own, and prints one table of the results with
 * their targets. {@code bench/run} builds the project and calls this; see README, Benchmarks.
 *
 * <pre>
 * BenchmarkSuite [--quick | --scale full|quick|smoke] [--only part,...] [--profile] [--set key=value ...] [--out DIR]
 * </pre>
 *
 * <p>Exits 1 when a benchmark could not run (a harness failure), 0 otherwise, missed targets
 * included: those are results. Brokers and state live under {@code <out>/work}, deleted at the
 * end; logs, results and profiles stay under {@code <out>}.
 */
public final class BenchmarkSuite {

    private static final Duration PART_TIMEOUT = Duration.ofMinutes(60);

    /** The benchmarks, in the order they run. */
    enum Part {
        EXTRACTION("extraction", "io.claimstream.bench.ExtractionRun", "-Xmx1g"),
        HOSTILE("hostile", "io.claimstream.bench.HostileExtractionRun", "-Xmx1g"),
        TOPOLOGY("topology", "io.claimstream.bench.TopologyThroughput", "-Xmx1g"),
        PIPELINE("pipeline", "io.claimstream.bench.PipelineBenchmark", "-Xmx2g"),
        INGEST("ingest", "io.claimstream.ingest.IngestBenchmark", "-Xmx2g"),
        MEMORY("memory", "io.claimstream.bench.MemoryBenchmark", "-Xmx2g");

        final String id;
        final String benchmarkClass;
        final String heap;

        Part(String id, String benchmarkClass, String heap) {
            this.id = id;
            this.benchmarkClass = benchmarkClass;
            this.heap = heap;
        }

        static Part of(String id) {
            return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no benchmark named " + id + "; there are "
                    + Arrays.stream(values()).map(p -> p.id).toList()));
        }
    }

    /** The benchmark JVM running now, ended with the suite if the suite is stopped. */
    private static volatile Process running;

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        Scale scale = Scale.full();
        List<Part> parts = List.of(Part.values());
        boolean profile = false;
        List<String> settings = new ArrayList<>();
        Path out = Path.of("target", "bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> scale = Scale.quick();
                case "--scale" -> scale = Scale.named(args[++i]);
                case "--only" -> parts = Arrays.stream(args[++i].split(",")).map(String::trim).map(Part::of).toList();
                case "--profile" -> profile = true;
                case "--set" -> settings.add(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]
                        + "; usage: [--quick | --scale full|quick|smoke] [--only part,...] [--profile] [--set key=value ...] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        System.exit(run(scale, parts, profile, String.join(",", settings), out.toAbsolutePath()));
    }

    /**
     * @param settings application properties set over the defaults in the broker benchmarks,
     *     {@code key=value,...}; empty for the reported results
     */
    static int run(Scale scale, List<Part> parts, boolean profile, String settings, Path out)
        throws IOException, InterruptedException {
        Path work = out.resolve("work");
        Path logs = out.resolve("logs");
        Path profiles = out.resolve("profiles");
        deleteTree(work);
        Files.createDirectories(logs);
        // Stopped (Ctrl-C, SIGTERM): end the benchmark JVM and leave no broker data behind.
        Thread cleanup = new Thread(() -> {
            Process child = running;
            if (child != null) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                try {
                    child.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteTree(work);
        }, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        if (profile) {
            Files.createDirectories(profiles);
        }
        String machine = MachineDescription.current();
        System.out.println("claimstream benchmarks, scale " + scale.name() + (profile ? ", profiled" : "")
            + (settings.isEmpty() ? "" : ", application properties " + settings));
        System.out.println(machine);
        Map<Part, List<Metric>> results = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Instant started = Instant.now();
        try {
            for (Part part : parts) {
                System.out.printf("%n== %s ... ", part.id);
                System.out.flush();
                Instant partStarted = Instant.now();
                Path partWork = Files.createDirectories(work.resolve(part.id));
                Path log = logs.resolve(part.id + ".log");
                Path resultFile = out.resolve(part.id + ".results");
                Files.deleteIfExists(resultFile);
                int exit = runPart(part, scale, settings, partWork, resultFile, log, profile ? profiles : null);
                long seconds = Duration.between(partStarted, Instant.now()).toSeconds();
                deleteTree(partWork);
                if (exit != 0 || !Files.exists(resultFile)) {
                    System.out.printf("FAILED after %d s (exit %d); log: %s%n", seconds, exit, log);
                    tail(log, 25).forEach(line -> System.out.println("   | " + line));
                    failures.add(part.id);
                    continue;
                }
                List<Metric> metrics = Files.readAllLines(resultFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).map(Metric::fromLine).toList();
                results.put(part, metrics);
                System.out.printf("done in %d s%n", seconds);
                if (profile) {
                    summariseProfiles(part, profiles);
                }
            }
        } finally {
            deleteTree(work);
        }
        ResultTable table = new ResultTable(results);
        System.out.println();
        System.out.println(table.text());
        String footer = String.format("scale %s%s, %d s in all, load average at the end: %s", scale.name(),
            settings.isEmpty() ? "" : ", application properties " + settings,
            Duration.between(started, Instant.now()).toSeconds(), MachineDescription.loadAverage());
        System.out.println(footer);
        Files.writeString(out.resolve("results-" + scale.name() + ".md"),
            "# claimstream benchmarks\n\n" + machine.replace("\n", "  \n") + "\n\n" + table.markdown() + "\n" + footer + "\n",
            StandardCharsets.UTF_8);
        System.out.println("results: " + out.resolve("results-" + scale.name() + ".md") + ", logs: " + logs);
        if (!failures.isEmpty()) {
            System.out.println("HARNESS FAILURE in " + failures + ": see the logs above");
            return 1;
        }
        return 0;
    }

    private static int runPart(Part part, Scale scale, String settings, Path work, Path resultFile, Path log, Path profiles)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(part.heap);
        command.add("-D" + BenchCluster.APP_PROPERTIES + "=" + settings);
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
        if (profiles != null) {
            command.add("-XX:StartFlightRecording=filename=" + profiles.resolve(part.id + ".jfr") + ",settings=profile");
            command.add("-D" + ExtractionRun.PROFILE_DIR_PROPERTY + "=" + profiles);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchmarkPhase.class.getName());
        command.add(part.benchmarkClass);
        command.add(scale.name());
        command.add(work.toString());
        command.add(resultFile.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running = process;
        try {
            if (!process.waitFor(PART_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                Files.writeString(log, "\nkilled after " + PART_TIMEOUT.toMinutes() + " minutes\n", StandardOpenOption.APPEND);
                return -1;
            }
            return process.exitValue();
        } finally {
            running = null;
        }
    }

    private static void summariseProfiles(Part part, Path profiles) throws IOException {
        try (Stream<Path> files = Files.list(profiles)) {
            for (Path jfr : files.filter(f -> f.getFileName().toString().startsWith(part.id)
                && f.getFileName().toString().endsWith(".jfr")).sorted().toList()) {
                Path summary = profiles.resolve(jfr.getFileName().toString().replace(".jfr", "-summary.txt"));
                Files.writeString(summary, JfrSummary.of(jfr), StandardCharsets.UTF_8);
                System.out.println("   profile: " + jfr + ", summary: " + summary);
            }
        }
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
