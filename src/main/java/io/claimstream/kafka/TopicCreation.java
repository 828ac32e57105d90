package io.claimstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creating topics that may exist already, within a time limit, and waiting until they answer. */
public final class TopicCreation {

    private TopicCreation() {
    }

    /**
     * Creates each topic unless it exists (another process may create it at the same moment),
     * then waits until every partition of every one answers ({@link TopicReadiness}).
     *
     * @return the names of the topics this call created
     * @throws IllegalStateException when a topic cannot be created, or Kafka does not answer within {@code timeout}
     */
    public static List<String> createIfAbsent(Admin admin, Collection<NewTopic> topics, Duration timeout)
        throws InterruptedException {
        List<String> created = new ArrayList<>();
        for (NewTopic topic : topics) {
            try {
                admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot create " + topic.name() + ": Kafka did not answer within "
                    + timeout.toSeconds() + " s", e);
            }
        }
        TopicReadiness.await(admin, topics.stream().map(NewTopic::name).toList(), timeout);
        return created;
    }
}
