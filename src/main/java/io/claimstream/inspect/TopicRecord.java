package io.claimstream.inspect;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record of a topic, its value decoded to JSON.
 *
 * @param topic the topic
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its timestamp
 * @param key its key as a UTF-8 string, or null
 * @param value its value as JSON; null for a tombstone or a value that could not be decoded
 * @param headers its headers as UTF-8 strings (a dead letter's reason is in them)
 * @param undecodable why the value could not be decoded, or null when it was (or is a tombstone)
 */
public record TopicRecord(String topic, int partition, long offset, Instant timestamp, String key, JsonNode value,
                          Map<String, String> headers, String undecodable) {

    public TopicRecord {
        headers = Map.copyOf(headers);
    }

    public boolean isTombstone() {
        return value == null && undecodable == null;
    }
}
