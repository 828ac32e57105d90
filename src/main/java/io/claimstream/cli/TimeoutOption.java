package io.claimstream.cli;

import java.time.Duration;

import io.claimstream.ingest.Feed;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Option;

/** {@code --timeout}: how long a command waits for Kafka before it reports it unavailable (exit code 3). */
final class TimeoutOption {

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION",
        description = "How long to wait for Kafka: 10s, 2m, PT30S (default: ${DEFAULT-VALUE}).")
    String timeout;

    Duration duration() {
        try {
            return Feed.parseInterval(timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--timeout", timeout, e.getMessage());
        }
    }
}
