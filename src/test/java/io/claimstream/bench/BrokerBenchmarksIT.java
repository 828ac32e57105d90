package io.claimstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.claimstream.ingest.IngestBenchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks that need a broker, at smoke size: each finishes and reports every number, and
 * its own consistency checks (every article through, every feed polled) pass. Timings are not
 * checked; {@code bench/run} measures them.
 */
class BrokerBenchmarksIT {

    @TempDir
    Path workDir;

    @Test
    void thePipelineBenchmarkMeasuresThroughputBesidePassThroughAndLatency() throws Exception {
        Map<String, Metric> metrics = byName(new PipelineBenchmark().run(Scale.smoke(), workDir.resolve("pipeline")));
        assertThat(metrics).containsKeys("pass-through, exactly_once_v2", "end to end, exactly_once_v2",
            "end to end / pass-through", "latency p50", "latency p99", "latency max");
        assertThat(metrics.get("end to end, exactly_once_v2").value()).isPositive();
        assertThat(metrics.get("end to end, exactly_once_v2").note()).contains("100 generated articles");
        assertThat(metrics.get("latency p50").value()).isPositive().isLessThanOrEqualTo(metrics.get("latency p99").value());
        assertThat(metrics.get("latency p50").note()).contains("100 articles sent at 50/s").doesNotContain("DID NOT KEEP UP");
    }

    @Test
    void theMemoryBenchmarkMeasuresStateAtEachCheckpoint() throws Exception {
        Map<String, Metric> metrics = byName(new MemoryBenchmark().run(Scale.smoke(), workDir.resolve("memory")));
        assertThat(metrics.get("live subjects").value()).isPositive();
        assertThat(metrics.get("live subjects").note()).contains("subjects ever written to claims.by-subject: 0: 0, 50: ");
        assertThat(metrics.get("state stores on disk").value()).isPositive();
        assertThat(metrics.get("heap after GC, 100 articles").value()).isPositive();
    }

    @Test
    void theIngestBenchmarkPollsEveryFeedTwice() throws Exception {
        Map<String, Metric> metrics = byName(new IngestBenchmark().run(Scale.smoke(), workDir.resolve("ingest")));
        assertThat(metrics.get("ingest, full fetches").note()).contains("6 feeds of 5 items", "30 articles published");
        assertThat(metrics.get("ingest, conditional GET (304)").value()).isPositive();
    }

    private static Map<String, Metric> byName(List<Metric> metrics) {
        return metrics.stream().collect(Collectors.toMap(Metric::name, m -> m, (a, b) -> a));
    }
}
