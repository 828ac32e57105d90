package io.claimstream.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.RunnerException;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;

/**
 * Extraction throughput on one core: one operation extracts every article of a category of the
 * benchmark corpus ({@link BenchmarkCorpus#category}): the mix of wire items, reports and long
 * features, or one of them. {@link ExtractionRun} turns operations per second into MB of text
 * and claims per second; {@link #main} runs it on its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ExtractionBenchmark {

    @Param({"mix"})
    public String category;

    private ClaimExtractor extractor;
    private List<ArticleText> articles;

    @Setup
    public void setUp() {
        extractor = new ClaimExtractor();
        articles = BenchmarkCorpus.category(category);
    }

    @Benchmark
    public int extract() {
        return extractAll(extractor, articles);
    }

    /** One pass of {@code extractor} over {@code articles}: the claims found, so that the JIT keeps the work. */
    static int extractAll(ClaimExtractor extractor, List<ArticleText> articles) {
        int claims = 0;
        for (ArticleText article : articles) {
            claims += extractor.extract(article).size();
        }
        return claims;
    }

    /** The extraction benchmark alone, at full scale, printed. */
    public static void main(String[] args) throws RunnerException {
        for (Metric m : ExtractionRun.measure(Scale.full(), null)) {
            System.out.println(m.name() + ": " + m.formattedValue() + (m.note().isEmpty() ? "" : " (" + m.note() + ")"));
        }
    }
}
