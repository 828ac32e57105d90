package io.claimstream.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.claimstream.avro.Article;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts articles on news.articles, keyed by article id, and returns only once the broker has
 * acknowledged every one of them: the caller records them as published only then.
 */
public final class ArticlePublisher implements AutoCloseable {

    private final Producer<String, Article> producer;
    private final String topic;
    private final Duration timeout;

    public ArticlePublisher(Producer<String, Article> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * A publisher with its own producer.
     *
     * @param clientConfig Kafka client settings: bootstrap.servers, and security or timeouts as the cluster needs
     */
    public static ArticlePublisher create(Map<String, ?> clientConfig, String clientId, Serializer<Article> serializer,
                                          IngestSettings settings) {
        KafkaProducer<String, Article> producer =
            new KafkaProducer<>(producerConfig(clientConfig, clientId), new StringSerializer(), serializer);
        return new ArticlePublisher(producer, IngestTopics.ARTICLES, settings.publishTimeout());
    }

    /**
     * {@code clientConfig} with what publishing relies on over it: idempotent and acknowledged by
     * all replicas, so that a retried send neither duplicates nor loses; gzip unless
     * {@code clientConfig} names a compression.type, since other applications read news.articles
     * and every Kafka client reads gzip without a codec plugin.
     */
    public static Map<String, Object> producerConfig(Map<String, ?> clientConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return config;
    }

    /** Sends all articles and waits for their acknowledgements; throws if any was not stored. */
    public void publish(List<Article> articles) throws InterruptedException, PublishException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(articles.size());
        try {
            for (Article article : articles) {
                sent.add(producer.send(new ProducerRecord<>(topic, article.getId(), article)));
            }
            producer.flush();
        } catch (KafkaException e) {
            throw new PublishException("publishing to " + topic + " failed: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new PublishException("publishing to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new PublishException("publishing to " + topic + " not acknowledged within " + timeout.toSeconds() + " s", e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Articles the broker did not acknowledge. */
    public static final class PublishException extends Exception {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
