package io.claimstream.topology;

import java.time.Instant;

import io.claimstream.avro.Article;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an article: when it was published, or when it was fetched if its feed gave no
 * date. Deduplication windows, claim first/last seen and expiry all run on this time, so a
 * replayed backlog is judged by when its articles appeared, not by when it was replayed.
 */
public final class ArticleTime implements TimestampExtractor {

    /** The event time of {@code article}. */
    public static Instant of(Article article) {
        return article.getPublished() != null ? article.getPublished() : article.getFetched();
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Article article) {
            Instant time = of(article);
            if (time != null && time.toEpochMilli() >= 0) {
                return time.toEpochMilli();
            }
        }
        // Not an article (a tombstone), or a date before 1970 that Kafka cannot carry: the
        // record's own timestamp, else the partition's time so far.
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
