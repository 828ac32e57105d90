package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.claimstream.kafka.TopicReadiness;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-to-back transactions over many partitions, as Kafka Streams writes them under
 * exactly_once_v2 (a commit every 100 ms): on the embedded broker the next transaction's
 * writes wait on the broker for the previous commit's markers, rather than being refused with
 * CONCURRENT_TRANSACTIONS and retried by the producer, with OUT_OF_ORDER_SEQUENCE_NUMBER for the
 * batches behind them.
 */
class TransactionRetriesIT {

    private static final int TRANSACTIONS = 150;

    @TempDir
    Path dataDir;

    @Test
    void theNextTransactionsWritesWaitForThePreviousCommitOnTheBrokerInsteadOfBeingRetried() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            List<String> topics = List.of("claims-a", "claims-b");
            try (Admin admin = Admin.create(broker.adminConfig())) {
                admin.createTopics(List.of(new NewTopic("claims-a", 6, (short) 1), new NewTopic("claims-b", 6, (short) 1),
                    new NewTopic("articles", 1, (short) 1))).all().get();
                TopicReadiness.await(admin, List.of("claims-a", "claims-b", "articles"), Duration.ofSeconds(30));
                ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
                Config config = admin.describeConfigs(List.of(node)).all().get().get(node);
                assertThat(config.get("add.partitions.to.txn.retry.backoff.max.ms").value())
                    .as("how long the broker lets a write wait for the previous commit's markers")
                    .isEqualTo(String.valueOf(EmbeddedKafkaBroker.TRANSACTION_WAIT.toMillis()));
            }
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "retries-it");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "retries-it-group");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
                 KafkaConsumer<String, String> input = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                producer.initTransactions();
                long started = System.nanoTime();
                for (int i = 0; i < TRANSACTIONS; i++) {
                    producer.beginTransaction();
                    for (String topic : topics) {
                        for (int partition = 0; partition < 6; partition++) {
                            producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i));
                        }
                    }
                    // As Streams does: the input's offsets commit with the output, in the transaction.
                    producer.sendOffsetsToTransaction(Map.of(new TopicPartition("articles", 0), new OffsetAndMetadata(i + 1)),
                        input.groupMetadata());
                    producer.commitTransaction();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double retries = metric(producer.metrics(), "record-retry-total");
                System.out.printf("%d transactions of 12 partitions in %.1f s; producer retries: %.0f%n", TRANSACTIONS, seconds,
                    retries);
                assertThat(retries).as("records the producer had to resend").isZero();
            }
        }
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
            .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
            .findFirst().orElseThrow();
    }
}
