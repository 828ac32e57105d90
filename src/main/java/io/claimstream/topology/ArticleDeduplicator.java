package io.claimstream.topology;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.claimstream.avro.Article;
import io.claimstream.avro.internal.SubjectMentions;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Lets each article through once: an article whose id, or whose text within its outlet, was
 * seen within the retention (in event time) is dropped. The claims of an article let through
 * are extracted here and passed on keyed by subject key, one record per subject with the
 * article's mentions of it ({@link MentionFolding}).
 *
 * <p>Extraction sits between the check and the write on purpose. If it fails, the exception
 * handler sends the article to the dead-letter topic and processing resumes after this
 * processor returns; writing only after a successful extraction means such an article is not
 * remembered as seen, so it is processed in full if it is sent again.
 *
 * <p>Each mention carries, in a header, the key scheme its subject key was built by, so that the
 * aggregator can tell mentions keyed by an earlier version of the application (still in the
 * repartition topic when it was upgraded) from its own.
 */
final class ArticleDeduplicator implements Processor<String, Article, String, SubjectMentions> {

    private final MentionExtractor extractor;
    private final long retentionMillis;
    private final int keyScheme;
    private ProcessorContext<String, SubjectMentions> context;
    private WindowStore<String, String> ids;
    private WindowStore<String, String> texts;

    private ArticleDeduplicator(MentionExtractor extractor, Duration retention, int keyScheme) {
        this.extractor = extractor;
        this.retentionMillis = retention.toMillis();
        this.keyScheme = keyScheme;
    }

    static ProcessorSupplier<String, Article, String, SubjectMentions> supplier(MentionExtractor extractor, Duration retention,
                                                                            KeyScheme keyScheme) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Article, String, SubjectMentions> get() {
                return new ArticleDeduplicator(extractor, retention, keyScheme.version());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store(ClaimsTopology.ARTICLE_ID_STORE, retention), store(ClaimsTopology.ARTICLE_TEXT_STORE, retention));
            }
        };
    }

    /**
     * A window store used as a set with expiry: key seen at (window start =) event time. Not
     * cached: the record cache would keep answering for keys the store has already expired.
     */
    private static StoreBuilder<WindowStore<String, String>> store(String name, Duration retention) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, retention, false),
            Serdes.String(), Serdes.String()).withCachingDisabled();
    }

    @Override
    public void init(ProcessorContext<String, SubjectMentions> context) {
        this.context = context;
        this.ids = context.getStateStore(ClaimsTopology.ARTICLE_ID_STORE);
        this.texts = context.getStateStore(ClaimsTopology.ARTICLE_TEXT_STORE);
    }

    @Override
    public void process(Record<String, Article> record) {
        Article article = record.value();
        if (article == null) {
            return; // news.articles is not compacted; a null value carries no article
        }
        long time = record.timestamp();
        Optional<String> fingerprint = ArticleFingerprint.of(article.getSource(), article.getText());
        // The same bound as the mentions' article ids: a store key has a size bound too.
        String id = MentionBounds.id(article.getId());
        if (seen(ids, id, time) || fingerprint.isPresent() && seen(texts, fingerprint.get(), time)) {
            return;
        }
        List<KeyValue<String, SubjectMentions>> mentions = MentionFolding.fold(extractor.mentions(article));
        // An article older than the retention is not remembered: the store would drop it
        // anyway. The aggregate's record of counted articles still keeps it from counting twice.
        if (time >= context.currentStreamTimeMs() - retentionMillis) {
            ids.put(id, MentionBounds.text(article.getSource(), MentionBounds.MAX_NAME_CHARS), time);
            fingerprint.ifPresent(f -> texts.put(f, id, time));
        }
        for (KeyValue<String, SubjectMentions> subject : mentions) {
            Record<String, SubjectMentions> keyed = record.withKey(subject.key).withValue(subject.value);
            KeyScheme.stamp(keyed.headers(), keyScheme);
            context.forward(keyed);
        }
    }

    private boolean seen(WindowStore<String, String> store, String key, long time) {
        long from = Math.max(0, time - retentionMillis);
        long to = time > Long.MAX_VALUE - retentionMillis ? Long.MAX_VALUE : time + retentionMillis;
        try (WindowStoreIterator<String> found = store.fetch(key, from, to)) {
            return found.hasNext();
        }
    }
}
