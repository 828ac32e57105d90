package io.claimstream.bench;

import java.nio.file.Path;
import java.util.List;

/** One part of the benchmark suite, run in a JVM of its own. */
public interface Benchmark {

    /**
     * Measures and returns what it measured.
     *
     * @param workDir an empty directory for brokers and state, deleted afterwards
     * @throws Exception when the harness itself fails (a missed target is not a failure)
     */
    List<Metric> run(Scale scale, Path workDir) throws Exception;
}
