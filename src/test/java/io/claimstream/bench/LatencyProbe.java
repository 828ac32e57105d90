package io.claimstream.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Latency from an article's publication to its subject updates. Articles are sent at a steady
 * rate, each published (and timestamped) at the moment it is sent. Each claim an article states
 * first goes to news.claims in the same transaction as the claims.by-subject update it makes, so
 * both become visible to read_committed consumers at the same moment; the probe reads news.claims
 * (a few hundred bytes a record) rather than the subject records (up to hundreds of KB), which
 * keeps its own work out of what it measures. An article's latency is the time until the last of
 * its first-seen claims became visible; articles that state no claim first (republications by a
 * second outlet, duplicates) give no sample.
 */
final class LatencyProbe implements CommittedOutput.Listener {

    private final Deserializer<NumericClaim> claims;
    private final int rate;
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final Map<String, Long> lastVisible = new ConcurrentHashMap<>();
    private long sendNanos;
    private long sendEndedNanos;
    private int articlesSent;

    /** @param rate articles per second to send */
    LatencyProbe(Deserializer<NumericClaim> claims, int rate) {
        this.claims = claims;
        this.rate = rate;
    }

    /** Sends {@code articles} at the probe's rate, each published when sent; returns once all are sent. */
    void pace(KafkaProducer<String, byte[]> producer, Serializer<Article> serializer, List<Article> articles) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        long interval = 1_000_000_000L / rate;
        long started = System.nanoTime();
        for (int i = 0; i < articles.size(); i++) {
            long due = started + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
            Article article = Article.newBuilder(articles.get(i)).setPublished(now).setFetched(now).build();
            byte[] value = serializer.serialize(ClaimsTopics.ARTICLES, article);
            sent.putIfAbsent(article.getId(), System.nanoTime());
            producer.send(new ProducerRecord<>(ClaimsTopics.ARTICLES, null, now.toEpochMilli(), article.getId(), value),
                (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
        }
        producer.flush();
        sendEndedNanos = System.nanoTime();
        sendNanos = sendEndedNanos - started;
        articlesSent = articles.size();
        if (failed.get() != null) {
            throw new IllegalStateException("producing the paced articles failed", failed.get());
        }
    }

    @Override
    public void visible(ConsumerRecord<String, byte[]> record, long visibleNanos) {
        String id = claims.deserialize(record.topic(), record.value()).getArticle().getArticleId();
        if (sent.containsKey(id)) {
            lastVisible.merge(id, visibleNanos, Math::max);
        }
    }

    /**
     * The latencies. When the application had not caught up, the articles not seen yet count
     * with the time they have waited so far: a lower bound.
     */
    Result result(boolean caughtUp) {
        long now = System.nanoTime();
        List<Double> millis = new ArrayList<>();
        int censored = 0;
        for (Map.Entry<String, Long> s : sent.entrySet()) {
            Long visible = lastVisible.get(s.getKey());
            if (visible != null) {
                millis.add((visible - s.getValue()) / 1e6);
            } else if (!caughtUp) {
                millis.add((now - s.getValue()) / 1e6);
                censored++;
            }
        }
        Collections.sort(millis);
        if (lastVisible.isEmpty()) {
            throw new IllegalStateException("no paced article showed up in " + ClaimsTopics.CLAIMS);
        }
        return new Result(rate, millis, lastVisible.size(), censored, sent.size(), articlesSent, sendNanos / 1e9,
            Duration.ofNanos(now - sendEndedNanos));
    }

    /**
     * Latencies in milliseconds, ascending.
     *
     * @param rate articles sent per second
     * @param samples articles seen
     * @param censored articles not seen when the wait ended, counted with the time waited
     */
    record Result(int rate, List<Double> millis, int samples, int censored, int distinctArticles, int articlesSent,
                  double sendSeconds, Duration waitedAfterSending) {

        double percentile(double p) {
            int rank = (int) Math.ceil(p / 100 * millis.size());
            return millis.get(Math.max(0, Math.min(millis.size() - 1, rank - 1)));
        }

        double p50Millis() {
            return percentile(50);
        }

        double p99Millis() {
            return percentile(99);
        }

        double maxMillis() {
            return millis.get(millis.size() - 1);
        }

        String describe() {
            String kept = censored == 0 ? "" : String.format(Locale.ROOT, "; DID NOT KEEP UP: %,d articles still not "
                + "processed %.0f s after the last send count with the time they had waited, so the percentiles are lower "
                + "bounds", censored, waitedAfterSending.toMillis() / 1e3);
            return String.format(Locale.ROOT, "%,d articles sent at %d/s (took %.1f s) after the throughput run, each "
                    + "published when sent; %,d samples (%.0f%% of %,d distinct articles; the others stated no claim first); "
                    + "commit.interval.ms 100 (the exactly-once default), two commits on the way (repartition, output)%s",
                articlesSent, rate, sendSeconds, samples, 100.0 * samples / distinctArticles, distinctArticles, kept);
        }
    }
}
