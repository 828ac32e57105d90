package io.claimstream.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.claimstream.ingest.Feed;
import io.claimstream.ingest.FeedCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the bundled sample feeds in news.feeds while no other feeds are configured. The sample
 * server's port changes from one start to the next, so a sample feed listed under an old port
 * is moved to the new URL with its state: nothing it published is published again.
 */
public final class SampleFeeds {

    /** The tag that marks a feed of news.feeds as one of the bundled samples. */
    public static final String TAG = "claimstream-sample";

    private static final Logger log = LoggerFactory.getLogger(SampleFeeds.class);

    private SampleFeeds() {
    }

    /**
     * Lists the sample feeds at {@code urls} (by file name) in the catalog, unless it holds other
     * feeds only.
     *
     * @return whether the sample feeds are in use, and so their server needed
     */
    public static boolean register(FeedCatalog catalog, Map<String, String> urls) throws InterruptedException {
        List<FeedCatalog.Listing> listed = catalog.list();
        boolean samplesListed = listed.stream().anyMatch(SampleFeeds::isSample);
        if (!listed.isEmpty() && !samplesListed) {
            log.info("{} feeds configured: the sample feeds are not used", listed.size());
            return false;
        }
        for (Map.Entry<String, String> sample : urls.entrySet()) {
            Feed feed = new Feed(sample.getValue(), null, null, true, List.of(TAG));
            Optional<FeedCatalog.Listing> previous = listed.stream()
                .filter(l -> isSample(l) && l.feed().url().endsWith(SampleFeedServer.PATH + sample.getKey()))
                .findFirst();
            if (previous.isEmpty()) {
                catalog.put(feed);
                log.info("Added sample feed {}", feed.url());
            } else if (!previous.get().feed().url().equals(feed.url())) {
                catalog.move(previous.get(), feed);
                log.info("Sample feed {} now served at {}", sample.getKey(), feed.url());
            }
        }
        return true;
    }

    private static boolean isSample(FeedCatalog.Listing listing) {
        return listing.feed().tags().contains(TAG);
    }
}
