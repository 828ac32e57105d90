package io.claimstream.runtime;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics of one claimstream process in a Prometheus registry: the JVM's, and whatever the
 * ingester and the processing application register (feeds, Kafka Streams, extraction, dead
 * letters). {@link #scrape()} is what {@code /metrics} serves.
 */
public final class Monitoring {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Monitoring() {
        registry.config().meterFilter(new StoreTagFilter());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Kafka Streams tags its state store metrics with the store's id under a key that depends on
     * the store's kind ({@code rocksdb.state.id}, {@code rocksdb.window.state.id}, ...), so meters of
     * the same name differ in their tag keys, which Prometheus refuses. One key, {@code state.id},
     * and the kind as {@code store.type} keep every store's meters.
     */
    static final class StoreTagFilter implements MeterFilter {
        @Override
        public Meter.Id map(Meter.Id id) {
            if (!id.getName().startsWith("kafka.stream.state")) {
                return id;
            }
            List<Tag> tags = new ArrayList<>();
            for (Tag tag : id.getTagsAsIterable()) {
                if (tag.getKey().endsWith("state.id") && !tag.getKey().equals("state.id")) {
                    tags.add(Tag.of("state.id", tag.getValue()));
                    tags.add(Tag.of("store.type", tag.getKey().substring(0, tag.getKey().length() - ".state.id".length())));
                } else {
                    tags.add(tag);
                }
            }
            return id.replaceTags(tags);
        }
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
