package io.claimstream.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.ExtractionLimits;

/**
 * Issue 15's benchmark: extraction time per KB of text on each kind of {@link HostileTexts}
 * against ordinary news (the bundled corpus), with the default limits, held to the target
 * "within 3x"; with no limits too, for information (what the rules themselves cost). JMH, one
 * thread, in a forked JVM; time per KB is the average time of one operation over the KB
 * (1,024 bytes of UTF-8) of its text.
 */
public final class HostileExtractionRun implements Benchmark {

    static final double RATIO_TARGET = 3.0;
    private static final List<String> LIMITS = List.of("default", "none");

    @Override
    public List<Metric> run(Scale scale, Path workDir) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
            .include(HostileExtractionBenchmark.class.getName() + ".extract")
            .param("kind", HostileTexts.kinds().toArray(new String[0]))
            .param("limits", LIMITS.toArray(new String[0]))
            // Each kind runs in a cold JVM of its own, and one operation takes tens of milliseconds: JIT needs seconds.
            .warmupIterations(Math.max(5, scale.jmhWarmups()))
            .warmupTime(TimeValue.milliseconds(scale.jmhIterationTime().toMillis()))
            .measurementIterations(scale.jmhIterations())
            .measurementTime(TimeValue.milliseconds(scale.jmhIterationTime().toMillis()))
            .forks(1)
            .threads(1)
            .jvmArgs("-Xmx1g", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"))
            .build()).run();

        List<Metric> metrics = new ArrayList<>();
        for (String limits : LIMITS) {
            double newsPerKb = msPerKb(results, HostileTexts.NEWS, limits);
            List<ArticleText> news = HostileTexts.articles(HostileTexts.NEWS);
            metrics.add(Metric.info("ordinary news, limits " + limits, newsPerKb * 1000, "us/KB",
                String.format(Locale.ROOT, "the corpus mix: %d articles, %.0f KB in all", news.size(), kb(news))));
            for (String kind : HostileTexts.kinds()) {
                if (kind.equals(HostileTexts.NEWS)) {
                    continue;
                }
                double perKb = msPerKb(results, kind, limits);
                double ratio = perKb / newsPerKb;
                String note = String.format(Locale.ROOT, "%.1f us/KB on %.0f KB%s", perKb * 1000,
                    kb(HostileTexts.articles(kind)), cutShort(kind, limits));
                metrics.add(limits.equals("default")
                    ? Metric.held(kind + " / news, per KB", ratio, "x", Target.below(RATIO_TARGET), note)
                    : Metric.info(kind + " / news, per KB, no limits", ratio, "x", note));
            }
        }
        return metrics;
    }

    private static double msPerKb(Collection<RunResult> results, String kind, String limits) {
        RunResult result = results.stream()
            .filter(r -> kind.equals(r.getParams().getParam("kind")) && limits.equals(r.getParams().getParam("limits")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("JMH gave no result for " + kind + ", limits " + limits));
        return result.getPrimaryResult().getScore() / kb(HostileTexts.articles(kind));
    }

    private static double kb(List<ArticleText> articles) {
        long bytes = 0;
        for (ArticleText a : articles) {
            bytes += a.text().getBytes(StandardCharsets.UTF_8).length + (a.title() == null ? 0 : a.title().length());
        }
        return bytes / 1024.0;
    }

    /** Which limits cut the kind's articles short, if any. */
    private static String cutShort(String kind, String limits) {
        ClaimExtractor extractor = new ClaimExtractor(limits.equals("none") ? HostileExtractionBenchmark.NONE : ExtractionLimits.DEFAULT);
        Set<String> why = new TreeSet<>();
        int claims = 0;
        for (ArticleText a : HostileTexts.articles(kind)) {
            ClaimExtractor.Result result = extractor.extractWithin(a, k -> { });
            claims += result.claims().size();
            result.truncations().forEach(t -> why.add(t.label()));
        }
        return ", " + claims + " claims" + (why.isEmpty() ? "" : ", cut short: " + String.join(", ", why));
    }
}
