package io.claimstream.bench;

import java.time.Duration;
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

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.ExtractionLimits;

/**
 * Extraction of one kind of {@link HostileTexts} on one core: one operation extracts every
 * article of the kind (ordinary news: the corpus mix; a hostile kind: its one article of about
 * 100 KB), with the default limits or with none. {@link HostileExtractionRun} turns it into
 * time per KB and the ratio to ordinary news.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class HostileExtractionBenchmark {

    /** The extractor's limits lifted, so that the rules' own cost shows. */
    static final ExtractionLimits NONE = new ExtractionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofHours(1));

    @Param({HostileTexts.NEWS})
    public String kind;

    @Param({"default"})
    public String limits;

    private ClaimExtractor extractor;
    private List<ArticleText> articles;

    @Setup
    public void setUp() {
        extractor = new ClaimExtractor(limits.equals("none") ? NONE : ExtractionLimits.DEFAULT);
        articles = HostileTexts.articles(kind);
    }

    @Benchmark
    public int extract() {
        return ExtractionBenchmark.extractAll(extractor, articles);
    }
}
