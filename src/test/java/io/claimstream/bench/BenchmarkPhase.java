package io.claimstream.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the JVM that runs one benchmark for {@link BenchmarkSuite}:
 * {@code BenchmarkPhase <benchmark class> <scale> <work dir> <results file>}. Writes one line
 * per metric to the results file and exits 0, or exits 1 when the harness failed.
 */
public final class BenchmarkPhase {

    private BenchmarkPhase() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: BenchmarkPhase <benchmark class> <full|quick|smoke> <work dir> <results file>");
            System.exit(2);
        }
        try {
            Benchmark benchmark = (Benchmark) Class.forName(args[0]).getDeclaredConstructor().newInstance();
            List<Metric> metrics = benchmark.run(Scale.named(args[1]), Path.of(args[2]));
            List<String> lines = new ArrayList<>();
            metrics.forEach(m -> lines.add(m.toLine()));
            Files.write(Path.of(args[3]), lines, StandardCharsets.UTF_8);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
