package io.claimstream.ingest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.claimstream.avro.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed once: fetch with the checkpoint's validators, parse, publish the items not
 * published before, and return the checkpoint to store. Nothing here throws for what a feed or
 * its server does; failures become a status with a reason and a backoff.
 *
 * <p>Articles are acknowledged by the broker before the checkpoint that records them is
 * returned, so a crash between the two republishes at most one poll's new items, which the
 * topology's article dedup absorbs; it never loses one.
 */
public final class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final ArticlePublisher publisher;
    private final ErrorBackoff backoff;
    private final IngestSettings settings;

    public FeedPoller(FeedFetcher fetcher, FeedParser parser, ArticlePublisher publisher, ErrorBackoff backoff,
                      IngestSettings settings) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.publisher = publisher;
        this.backoff = backoff;
        this.settings = settings;
    }

    public PollOutcome poll(Feed feed, FeedCheckpoint previous) throws InterruptedException {
        FetchResult result = fetcher.fetch(URI.create(feed.url()), previous.validators());
        if (result instanceof FetchResult.NotModified) {
            Instant at = result.fetchedAt();
            FeedStatus status = new FeedStatus(at, 304, null, 0, previous.status().itemsPublished(), nextPoll(feed, at));
            log.debug("{}: not modified", feed.url());
            return new PollOutcome(new FeedCheckpoint(feed.url(), previous.validators(), previous.recentIds(), status),
                PollOutcome.Kind.NOT_MODIFIED, 0);
        }
        if (result instanceof FetchResult.Failed) {
            FetchResult.Failed failed = (FetchResult.Failed) result;
            return failure(feed, previous, failed.fetchedAt(), failed.status(), failed.reason(), failed.retryAfter());
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) result;
        ParsedFeed parsed;
        try {
            parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl(), fetched.fetchedAt());
        } catch (FeedParseException e) {
            return failure(feed, previous, fetched.fetchedAt(), fetched.status(), e.getMessage(), null);
        }
        String source = sourceName(feed, parsed);
        Set<String> alreadyPublished = previous.recentIdSet();
        List<String> idsInDocument = new ArrayList<>();
        List<Article> fresh = new ArrayList<>();
        Set<String> freshIds = new LinkedHashSet<>();
        for (FeedItem item : parsed.items()) {
            idsInDocument.add(item.id());
            if (!alreadyPublished.contains(item.id()) && freshIds.add(item.id())) {
                fresh.add(item.toArticle(source, feed.url(), fetched.fetchedAt()));
            }
        }
        try {
            publisher.publish(fresh);
        } catch (ArticlePublisher.PublishException e) {
            return failure(feed, previous, fetched.fetchedAt(), fetched.status(), e.getMessage(), null);
        }
        Instant at = fetched.fetchedAt();
        FeedStatus status = new FeedStatus(at, fetched.status(), null, 0,
            previous.status().itemsPublished() + fresh.size(), nextPoll(feed, at));
        FeedCheckpoint next = new FeedCheckpoint(feed.url(), fetched.validators(),
            previous.rememberedAfter(idsInDocument, settings.recentIdsPerFeed()), status);
        log.info("{}: HTTP {}, {} items, {} new published", feed.url(), fetched.status(), parsed.items().size(), fresh.size());
        return new PollOutcome(next, PollOutcome.Kind.FETCHED, fresh.size());
    }

    private PollOutcome failure(Feed feed, FeedCheckpoint previous, Instant at, Integer httpStatus, String reason,
                                Duration retryAfter) {
        int errors = previous.status().consecutiveErrors() + 1;
        Duration wait = retryAfter != null ? retryAfter : backoff.delayAfter(errors);
        FeedStatus status = new FeedStatus(at, httpStatus, reason, errors, previous.status().itemsPublished(), at.plus(wait));
        log.warn("{}: poll failed ({} in a row), next try in {} s: {}", feed.url(), errors, wait.toSeconds(), reason);
        return new PollOutcome(new FeedCheckpoint(feed.url(), previous.validators(), previous.recentIds(), status),
            PollOutcome.Kind.FAILED, 0);
    }

    private Instant nextPoll(Feed feed, Instant at) {
        return at.plus(feed.effectivePollInterval(settings));
    }

    private static String sourceName(Feed feed, ParsedFeed parsed) {
        if (feed.outlet() != null && !feed.outlet().isBlank()) {
            return feed.outlet();
        }
        if (parsed.title() != null) {
            return parsed.title();
        }
        return URI.create(feed.url()).getHost();
    }
}
