package io.claimstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path by which claimstream makes topics exist as it needs them, whichever feature
 * declares them (the registry's store, the feed topics, the application's topics, Kafka Streams'
 * internal ones): creates the missing ones with their partitions, replication and configs,
 * refuses to go on when an existing one is configured against what a feature relies on (a
 * compacted table that deletes by time, say), and returns once every partition answers, so that
 * nothing is produced into a topic too new to keep it (KAFKA-15591). Every call to Kafka is
 * bounded by the timeout: a cluster that does not answer fails here with Kafka's
 * {@link TimeoutException}, the same as a client call that times out.
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
     * @return the names of the topics this call created: none when every one existed already
     * @throws TopicMismatchException naming each topic and setting that differs from what the spec requires
     * @throws TimeoutException when Kafka does not answer in time
     */
    public List<String> provision(Collection<TopicSpec> specs) {
        Set<String> existing = get(admin.listTopics().names(), "listing topics");
        List<NewTopic> missing = specs.stream()
            .filter(spec -> !existing.contains(spec.name()))
            .map(TopicSpec::newTopic)
            .toList();
        List<String> created = missing.isEmpty() ? List.of() : create(missing);
        // Ready first: the metadata of a topic created moments ago can lag, and describing its
        // configs would then fail with an unknown topic.
        TopicReadiness.await(admin, specs.stream().map(TopicSpec::name).toList(), timeout);
        check(specs);
        return created;
    }

    private List<String> create(List<NewTopic> topics) {
        List<String> createdNames = new ArrayList<>();
        CreateTopicsResult result = admin.createTopics(topics);
        long started = System.nanoTime();
        for (Map.Entry<String, KafkaFuture<Void>> created : result.values().entrySet()) {
            try {
                created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created topic {}", created.getKey());
                createdNames.add(created.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + created.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                }
                // Another instance created it meanwhile; it is checked like any existing topic.
            } catch (java.util.concurrent.TimeoutException e) {
                throw new TimeoutException("creating topic " + created.getKey() + ": Kafka did not answer in "
                    + seconds(System.nanoTime() - started) + ": is Kafka reachable?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
        return createdNames;
    }

    private void check(Collection<TopicSpec> specs) {
        Map<ConfigResource, Config> configs = configs(specs.stream().filter(spec -> !spec.required().isEmpty()).toList());
        List<String> mismatches = new ArrayList<>();
        for (TopicSpec spec : specs) {
            Config config = configs.get(resource(spec));
            if (config != null) {
                mismatches.addAll(mismatches(spec, config));
            }
        }
        if (!mismatches.isEmpty()) {
            throw new TopicMismatchException(String.join("; ", mismatches)
                + " (change the topic with kafka-configs.sh --alter, or delete it to have it created)");
        }
    }

    /**
     * How each topic of {@code specs} is on the cluster: whether it exists, its partitions,
     * replicas and the configs the spec sets, and how it differs from what claimstream needs.
     */
    public List<TopicStatus> describe(Collection<TopicSpec> specs) {
        Set<String> existing = get(admin.listTopics().names(), "listing topics");
        List<TopicSpec> present = specs.stream().filter(spec -> existing.contains(spec.name())).toList();
        Map<String, TopicDescription> descriptions =
            get(admin.describeTopics(present.stream().map(TopicSpec::name).toList()).allTopicNames(), "describing topics");
        Map<ConfigResource, Config> configs = configs(present);
        List<TopicStatus> statuses = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicDescription d = descriptions.get(spec.name());
            if (d == null) {
                statuses.add(new TopicStatus(spec, false, 0, 0, Map.of(), List.of()));
                continue;
            }
            Config config = configs.get(resource(spec));
            Map<String, String> values = new TreeMap<>();
            spec.configs().keySet().forEach(name -> {
                ConfigEntry entry = config.get(name);
                values.put(name, entry == null ? null : entry.value());
            });
            int replicas = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            statuses.add(new TopicStatus(spec, true, d.partitions().size(), replicas, values, mismatches(spec, config)));
        }
        return statuses;
    }

    /**
     * A project topic as it is on the cluster.
     *
     * @param spec what claimstream creates it with
     * @param exists false when the topic is missing (the other fields are then empty)
     * @param partitions its partition count
     * @param replicationFactor replicas of its first partition
     * @param configs its values of the configs the spec sets
     * @param mismatches each required config it lacks, in words
     */
    public record TopicStatus(TopicSpec spec, boolean exists, int partitions, int replicationFactor,
                              Map<String, String> configs, List<String> mismatches) {

        public TopicStatus {
            configs = java.util.Collections.unmodifiableMap(new TreeMap<>(configs));
            mismatches = List.copyOf(mismatches);
        }
    }

    private Map<ConfigResource, Config> configs(Collection<TopicSpec> specs) {
        return get(admin.describeConfigs(specs.stream().map(TopicProvisioner::resource).toList()).all(), "describing topic configs");
    }

    private static ConfigResource resource(TopicSpec spec) {
        return new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
    }

    private static List<String> mismatches(TopicSpec spec, Config config) {
        List<String> mismatches = new ArrayList<>();
        spec.required().forEach((name, wanted) -> {
            ConfigEntry entry = config.get(name);
            String actual = entry == null ? null : entry.value();
            if (!wanted.equals(actual)) {
                mismatches.add("topic " + spec.name() + " has " + name + "=" + actual + " but claimstream needs " + name + "=" + wanted);
            }
        });
        return mismatches;
    }

    /** {@code nanos} as seconds with one decimal, "30.0 s". */
    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** An existing topic is configured against what claimstream relies on; a fault of the setup, not of Kafka. */
    public static final class TopicMismatchException extends IllegalStateException {
        public TopicMismatchException(String message) {
            super(message);
        }
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        long started = System.nanoTime();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException(what + ": Kafka did not answer in " + seconds(System.nanoTime() - started)
                + ": is Kafka reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }
}
