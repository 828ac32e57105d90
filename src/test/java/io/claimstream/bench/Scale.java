package io.claimstream.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much each benchmark does. {@link #full()} is what the results in docs/benchmarks.md come
 * from; {@link #quick()} checks in a few minutes that the suite works and gives rough numbers.
 *
 * @param name how the suite names it
 * @param jmhWarmups warm-up iterations of the extraction benchmark
 * @param jmhIterations measured iterations of the extraction benchmark
 * @param jmhIterationTime length of each
 * @param extractionCategories the article kinds extraction is measured on ("mix" first)
 * @param topologyWarmup articles through the test driver before measuring
 * @param topologyArticles articles measured through the test driver
 * @param pipelineWarmup articles through each application on the broker before measuring
 * @param pipelineArticles articles measured through each application on the broker
 * @param latencyRate articles per second of the paced producer
 * @param latencyDuration how long it produces at that rate
 * @param memoryCheckpoints article counts at which memory and state are measured, ascending
 * @param memoryArticlesPerDay articles per day of event time in the memory run
 * @param ingestFeeds feeds the loopback server serves
 * @param ingestItemsPerFeed items in each feed
 */
public record Scale(
    String name,
    int jmhWarmups,
    int jmhIterations,
    Duration jmhIterationTime,
    List<String> extractionCategories,
    int topologyWarmup,
    int topologyArticles,
    int pipelineWarmup,
    int pipelineArticles,
    int latencyRate,
    Duration latencyDuration,
    List<Integer> memoryCheckpoints,
    int memoryArticlesPerDay,
    int ingestFeeds,
    int ingestItemsPerFeed) {

    public Scale {
        extractionCategories = List.copyOf(extractionCategories);
        memoryCheckpoints = List.copyOf(memoryCheckpoints);
    }

    public static Scale full() {
        return new Scale("full", 3, 5, Duration.ofSeconds(2), List.of("mix", "wire", "report", "feature"),
            2_000, 10_000, 2_000, 10_000, 1_000, Duration.ofSeconds(30),
            List.of(25_000, 50_000, 75_000, 100_000), 25_000, 2_000, 50);
    }

    public static Scale quick() {
        return new Scale("quick", 1, 3, Duration.ofSeconds(1), List.of("mix"),
            300, 1_500, 500, 5_000, 1_000, Duration.ofSeconds(10),
            List.of(2_500, 5_000, 7_500, 10_000), 2_500, 200, 50);
    }

    /** Small enough for a test that only checks that every part of the harness works. */
    public static Scale smoke() {
        return new Scale("smoke", 0, 1, Duration.ofMillis(200), List.of("mix"),
            20, 60, 20, 100, 50, Duration.ofSeconds(2),
            List.of(50, 100), 100, 6, 5);
    }

    public static Scale named(String name) {
        return switch (name) {
            case "full" -> full();
            case "quick" -> quick();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("no scale named " + name + " (full, quick, smoke)");
        };
    }

    public int memoryArticles() {
        return memoryCheckpoints.get(memoryCheckpoints.size() - 1);
    }
}
