package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedsFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsFeedsWithOnlyTheUrlRequired() throws IOException {
        Path file = Files.writeString(tmp.resolve("feeds.json"), "[{\"url\": \"https://a.example/rss\"},"
            + "{\"url\": \"https://b.example/atom\", \"outlet\": \"B\", \"poll_interval\": \"PT2H\", \"enabled\": false, \"tags\": [\"x\"]}]");

        assertThat(FeedsFile.read(file)).containsExactly(
            Feed.of("https://a.example/rss"),
            new Feed("https://b.example/atom", "B", Duration.ofHours(2), false, List.of("x")));
    }

    @Test
    void aBadEntryIsNamedByItsPosition() throws IOException {
        Path file = Files.writeString(tmp.resolve("feeds.json"),
            "[{\"url\": \"https://a.example/rss\"}, {\"url\": \"https://b.example\", \"poll_interval\": \"often\"}]");

        assertThatThrownBy(() -> FeedsFile.read(file))
            .hasMessageContaining("feeds.json: feed 2: not a duration: 'often'");
    }
}
