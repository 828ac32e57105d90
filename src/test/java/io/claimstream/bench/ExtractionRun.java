package io.claimstream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;

/**
 * Runs {@link ExtractionBenchmark} with JMH (in a forked JVM, one thread) for each article
 * category of the scale, and reports MB of text (10^6 bytes of UTF-8) and claims per second on
 * one core.
 */
public final class ExtractionRun implements Benchmark {

    /** Where the forked JVM writes its flight recording when the suite profiles. */
    static final String PROFILE_DIR_PROPERTY = "claimstream.bench.profile";
    static final double MB_PER_CORE_TARGET = 5.0;

    @Override
    public List<Metric> run(Scale scale, Path workDir) throws RunnerException {
        String profileDir = System.getProperty(PROFILE_DIR_PROPERTY);
        return measure(scale, profileDir == null ? null : Path.of(profileDir));
    }

    static List<Metric> measure(Scale scale, Path profileDir) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
            .include(ExtractionBenchmark.class.getName() + ".extract")
            .param("category", scale.extractionCategories().toArray(new String[0]))
            .warmupIterations(scale.jmhWarmups())
            .warmupTime(TimeValue.milliseconds(scale.jmhIterationTime().toMillis()))
            .measurementIterations(scale.jmhIterations())
            .measurementTime(TimeValue.milliseconds(scale.jmhIterationTime().toMillis()))
            .forks(1)
            .threads(1);
        // Set, not inherited: the host JVM's own flight recording must not be started twice.
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx1g", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        if (profileDir != null) {
            jvmArgs.add("-XX:StartFlightRecording=filename=" + profileDir.resolve("extraction-fork.jfr") + ",settings=profile");
        }
        options.jvmArgs(jvmArgs.toArray(new String[0]));
        Collection<RunResult> results = new Runner(options.build()).run();
        ClaimExtractor extractor = new ClaimExtractor();
        List<Metric> metrics = new ArrayList<>();
        for (String category : scale.extractionCategories()) {
            RunResult result = results.stream()
                .filter(r -> category.equals(r.getParams().getParam("category"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH gave no result for category " + category));
            List<ArticleText> articles = BenchmarkCorpus.category(category);
            long claims = 0;
            for (ArticleText a : articles) {
                claims += extractor.extract(a).size();
            }
            double megabytes = BenchmarkCorpus.bytes(articles) / 1e6;
            double opsPerSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            String what = String.format(Locale.ROOT, "%s: %d articles, %.0f bytes each on average, %.1f claims each; "
                    + "JMH, 1 thread, %d x %d ms measured; +/- %.2f MB/s (99.9%%)", category, articles.size(),
                megabytes * 1e6 / articles.size(), (double) claims / articles.size(), scale.jmhIterations(),
                scale.jmhIterationTime().toMillis(), Double.isNaN(error) ? 0 : error * megabytes);
            if (category.equals("mix")) {
                metrics.add(Metric.held("extraction, mix", opsPerSecond * megabytes, "MB/s per core",
                    Target.atLeast(MB_PER_CORE_TARGET), what));
                metrics.add(Metric.info("extraction claims, mix", opsPerSecond * claims, "claims/s per core", ""));
                metrics.add(Metric.info("extraction articles, mix", opsPerSecond * articles.size(), "articles/s per core", ""));
            } else {
                metrics.add(Metric.info("extraction, " + category, opsPerSecond * megabytes, "MB/s per core", what));
                metrics.add(Metric.info("extraction claims, " + category, opsPerSecond * claims, "claims/s per core", ""));
            }
        }
        return metrics;
    }
}
