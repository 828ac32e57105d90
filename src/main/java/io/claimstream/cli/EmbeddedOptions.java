package io.claimstream.cli;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;

import picocli.CommandLine.Option;

/** The ports of embedded mode. */
final class EmbeddedOptions {

    @Option(names = "--kafka-port", paramLabel = "PORT",
        description = "Port of the embedded Kafka broker on 127.0.0.1 (" + ClaimstreamSettings.KAFKA_PORT + "; default 9092; 0: a free port).")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT",
        description = "Port of the embedded schema registry (" + ClaimstreamSettings.REGISTRY_PORT + "; default 8081; 0: a free port).")
    Integer registryPort;

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "Port of the status server (" + ClaimstreamSettings.HTTP_PORT + "; default 8080; 0: a free port; -1: none).")
    Integer httpPort;

    void applyTo(Configuration.Builder builder) {
        ConfigOptions.set(builder, ClaimstreamSettings.KAFKA_PORT, kafkaPort, "--kafka-port");
        ConfigOptions.set(builder, ClaimstreamSettings.REGISTRY_PORT, registryPort, "--registry-port");
        ConfigOptions.set(builder, ClaimstreamSettings.HTTP_PORT, httpPort, "--http-port");
    }
}
