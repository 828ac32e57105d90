package io.claimstream.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.claimstream.topology.ClaimsTopics.TopicSpec;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the application's topics exist as it needs them: creates the missing ones with their
 * partitions, replication and configs, refuses to go on when an existing one is configured
 * against what the application relies on (a compacted table that deletes by time, say), and
 * returns once every partition answers, so that nothing is produced into a topic too new to
 * keep it (KAFKA-15591).
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates the missing topics of {@code specs}, checks the existing ones and waits until all are ready.
     *
     * @throws IllegalStateException naming each topic and setting that differs from what the spec requires
     */
    public void provision(Collection<TopicSpec> specs) {
        Set<String> existing = get(admin.listTopics().names(), "listing topics");
        List<NewTopic> missing = specs.stream()
            .filter(spec -> !existing.contains(spec.name()))
            .map(TopicProvisioner::newTopic)
            .toList();
        if (!missing.isEmpty()) {
            create(missing);
        }
        check(specs);
        TopicReadiness.await(admin, specs.stream().map(TopicSpec::name).toList(), timeout);
    }

    private void create(List<NewTopic> topics) {
        CreateTopicsResult result = admin.createTopics(topics);
        for (Map.Entry<String, KafkaFuture<Void>> created : result.values().entrySet()) {
            try {
                created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created topic {}", created.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + created.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                }
                // Another instance created it meanwhile; it is checked like any existing topic.
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic " + created.getKey() + " took longer than " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
    }

    private void check(Collection<TopicSpec> specs) {
        List<ConfigResource> resources = specs.stream()
            .filter(spec -> !spec.required().isEmpty())
            .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
            .toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all(), "describing topic configs");
        List<String> mismatches = new ArrayList<>();
        for (TopicSpec spec : specs) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            if (config == null) {
                continue;
            }
            spec.required().forEach((name, wanted) -> {
                ConfigEntry entry = config.get(name);
                String actual = entry == null ? null : entry.value();
                if (!wanted.equals(actual)) {
                    mismatches.add("topic " + spec.name() + " has " + name + "=" + actual + " but claimstream needs " + name + "=" + wanted);
                }
            });
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(String.join("; ", mismatches)
                + " (change the topic with kafka-configs.sh --alter, or delete it to have it created)");
        }
    }

    private static NewTopic newTopic(TopicSpec spec) {
        Optional<Short> replication = spec.replicationFactor() < 0 ? Optional.empty() : Optional.of(spec.replicationFactor());
        return new NewTopic(spec.name(), Optional.of(spec.partitions()), replication).configs(spec.configs());
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }
}
