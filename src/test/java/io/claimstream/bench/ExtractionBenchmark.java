package io.claimstream.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;

/**
 * Extraction throughput on one core: one operation extracts every article of the benchmark mix
 * (wire items, reports, long features). {@link #main} prints MB of text and claims per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ExtractionBenchmark {

    private ClaimExtractor extractor;
    private List<ArticleText> mix;

    @Setup
    public void setUp() {
        extractor = new ClaimExtractor();
        mix = BenchmarkCorpus.mix();
    }

    @Benchmark
    public int extractMix() {
        int claims = 0;
        for (ArticleText article : mix) {
            claims += extractor.extract(article).size();
        }
        return claims;
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(ExtractionBenchmark.class.getSimpleName()).build();
        RunResult result = new Runner(options).runSingle();
        List<ArticleText> mix = BenchmarkCorpus.mix();
        ClaimExtractor extractor = new ClaimExtractor();
        long claims = 0;
        for (ArticleText a : mix) {
            claims += extractor.extract(a).size();
        }
        double opsPerSecond = result.getPrimaryResult().getScore();
        double error = result.getPrimaryResult().getScoreError();
        double megabytes = BenchmarkCorpus.bytes(mix) / 1e6;
        System.out.printf("extraction: %d articles, %.2f MB, %d claims per pass%n", mix.size(), megabytes, claims);
        System.out.printf("extraction: %.1f MB/s per core (± %.1f), %.0f claims/s%n", opsPerSecond * megabytes,
            error * megabytes, opsPerSecond * claims);
    }
}
