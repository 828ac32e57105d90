package io.claimstream.runtime;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

import io.claimstream.inspect.RecordText;
import io.claimstream.inspect.TopicReader;
import io.claimstream.registry.GenericAvroSerde;
import io.claimstream.topology.ClaimsTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints claims.by-subject as embedded mode's user watches it: the subjects already there, then
 * each subject again whenever its claims change, as committed records land on the topic.
 */
public final class SubjectPrinter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubjectPrinter.class);

    private final TopicReader reader;
    private final Thread thread;

    private SubjectPrinter(TopicReader reader, PrintWriter out) {
        this.reader = reader;
        this.thread = new Thread(() -> follow(out), "claimstream-subject-printer");
        this.thread.setDaemon(true);
    }

    /**
     * Starts printing to {@code out}.
     *
     * @param values the configuration: Kafka client settings
     * @param serde the values' serde, on the process's registry client
     */
    public static SubjectPrinter start(Map<String, Object> values, GenericAvroSerde serde, PrintWriter out) {
        TopicReader reader = new TopicReader(KafkaClients.common(values), (topic, data) -> serde.deserializer().deserialize(topic, data),
            Duration.ofSeconds(60));
        SubjectPrinter printer = new SubjectPrinter(reader, out);
        printer.thread.start();
        return printer;
    }

    private void follow(PrintWriter out) {
        try {
            reader.read(ClaimsTopics.SUBJECT_CLAIMS, key -> true, TopicReader.View.TABLE, true, r -> {
                out.println();
                out.println(RecordText.text(r));
                out.flush();
            });
        } catch (RuntimeException e) {
            log.warn("Stopped printing {}: {}", ClaimsTopics.SUBJECT_CLAIMS, e.getMessage());
        } finally {
            // Here, not in close(): a consumer is closed by the thread that uses it.
            reader.close();
        }
    }

    @Override
    public void close() {
        reader.stop();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
