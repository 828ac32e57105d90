package io.claimstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's own parts: results handed between JVMs, verdicts, the table, and the topology benchmark at smoke size. */
class BenchmarkHarnessTest {

    @TempDir
    Path workDir;

    @Test
    void aMetricSurvivesTheTripFromTheBenchmarkJvmToTheSuite() {
        Metric held = Metric.held("ingest, full fetches", 212.5, "feeds/s", Target.atLeast(200), "2,000 feeds\tof 50 items");
        Metric read = Metric.fromLine(held.toLine());
        assertThat(read).isEqualTo(new Metric("ingest, full fetches", 212.5, "feeds/s", Target.atLeast(200), "2,000 feeds of 50 items"));
        assertThat(Metric.fromLine(Metric.info("live subjects", 3, "", "").toLine()).target()).isNull();
    }

    @Test
    void verdictsFollowTheTargetsDirection() {
        assertThat(Metric.held("p99", 999, "ms", Target.below(1_000), "").verdict()).isEqualTo(Metric.Verdict.PASS);
        assertThat(Metric.held("p99", 1_000, "ms", Target.below(1_000), "").verdict()).isEqualTo(Metric.Verdict.FAIL);
        assertThat(Metric.held("ratio", 50, "%", Target.atLeast(50), "").verdict()).isEqualTo(Metric.Verdict.PASS);
        assertThat(Metric.info("heap", 80, "MB", "").verdict()).isEqualTo(Metric.Verdict.INFO);
    }

    @Test
    void theTableShowsEachMetricWithItsTargetAndResultAndNumbersItsNotes() {
        Map<BenchmarkSuite.Part, List<Metric>> results = new LinkedHashMap<>();
        results.put(BenchmarkSuite.Part.EXTRACTION, List.of(
            Metric.held("extraction, mix", 4.25, "MB/s per core", Target.atLeast(5), "JMH, 1 thread"),
            Metric.info("extraction claims, mix", 18_650, "claims/s per core", "")));
        String text = new ResultTable(results).text();
        assertThat(text).contains("extraction, mix [1]", "4.25 MB/s per core", ">= 5 MB/s per core", "fail",
            "18,650 claims/s per core", "[1] JMH, 1 thread");
        assertThat(new ResultTable(results).markdown()).contains("| extraction | extraction, mix [1] | 4.25 MB/s per core | >= 5 MB/s per core | fail |");
    }

    @Test
    void theTopologyBenchmarkRunsArticlesThroughTheTestDriver() throws Exception {
        List<Metric> metrics = new TopologyThroughput().run(Scale.smoke(), workDir);
        assertThat(metrics).extracting(Metric::name)
            .containsExactly("topology (TopologyTestDriver)", "topology text", "extraction alone, same articles");
        assertThat(metrics).allSatisfy(m -> assertThat(m.value()).isPositive());
        assertThat(metrics.get(0).note()).contains("60 generated articles", "0 dead letters");
    }
}
