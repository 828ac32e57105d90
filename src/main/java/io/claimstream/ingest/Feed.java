package io.claimstream.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.claimstream.avro.FeedSettings;

/**
 * One feed as configured in news.feeds.
 *
 * @param url the feed's http(s) URL, also the record key
 * @param outlet name given to the feed's articles; null to use the feed's own title
 * @param pollInterval time between polls; null for the ingester's default
 * @param enabled false keeps the feed listed but unpolled
 * @param tags operators' labels, not interpreted
 */
public record Feed(String url, String outlet, Duration pollInterval, boolean enabled, List<String> tags) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    public Feed {
        url = requireFeedUrl(url);
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
        }
    }

    public static Feed of(String url) {
        return new Feed(url, null, null, true, List.of());
    }

    /** The interval to wait between successful polls, within the settings' floor. */
    public Duration effectivePollInterval(IngestSettings settings) {
        Duration wanted = pollInterval == null ? settings.defaultPollInterval() : pollInterval;
        return wanted.compareTo(settings.minPollInterval()) < 0 ? settings.minPollInterval() : wanted;
    }

    public FeedSettings toAvro() {
        return FeedSettings.newBuilder()
            .setUrl(url)
            .setOutlet(outlet)
            .setPollIntervalSeconds(pollInterval == null ? null : pollInterval.toSeconds())
            .setEnabled(enabled)
            .setTags(tags)
            .build();
    }

    public static Feed fromAvro(FeedSettings settings) {
        Long seconds = settings.getPollIntervalSeconds();
        return new Feed(settings.getUrl(), settings.getOutlet(), seconds == null ? null : Duration.ofSeconds(seconds),
            settings.getEnabled(), settings.getTags());
    }

    /** Accepts "90s", "15m", "2h", "1d" and ISO-8601 ("PT15M"). */
    public static Duration parseInterval(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 90s, 15m, 2h, 1d or PT15M)", e);
        }
    }

    /** Rejects what cannot be polled now rather than on every poll later. */
    static String requireFeedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a feed needs a URL");
        }
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + trimmed);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + trimmed + " (" + e.getReason() + ")", e);
        }
        return trimmed;
    }
}
