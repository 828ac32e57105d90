package io.claimstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimstream.config.Configuration;
import io.claimstream.ingest.Feed;
import io.claimstream.ingest.FeedCatalog;
import io.claimstream.ingest.FeedCheck;
import io.claimstream.ingest.FeedCheckpoint;
import io.claimstream.ingest.FeedItem;
import io.claimstream.ingest.FeedStatus;
import io.claimstream.ingest.FeedsFile;
import io.claimstream.ingest.IngestSerdes;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.ingest.IngestTopics;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.runtime.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code claimstream feeds add|remove|list|check}: the set of feeds in news.feeds, and trying a feed out. */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    versionProvider = ClaimstreamVersion.class,
    description = "Add, remove and list the feeds the ingesters poll, or check a feed before adding it.",
    subcommands = {
        FeedsCommand.Add.class, FeedsCommand.Remove.class, FeedsCommand.ListFeeds.class, FeedsCommand.Check.class,
        CommandLine.HelpCommand.class})
public final class FeedsCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<Configuration, IngestSerdes> serdes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public FeedsCommand() {
        this(config -> KafkaClients.ingestSerdes(new SchemaRegistryClient(config.parsed().requireRegistry()),
            config.parsed().serdes()));
    }

    /** With the value formats of the ingest topics supplied, as tests do. */
    FeedsCommand(Function<Configuration, IngestSerdes> serdes) {
        this.serdes = serdes;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options of the subcommands that talk to Kafka: the shared configuration, and a timeout. */
    static final class KafkaOptions {
        @CommandLine.Mixin
        ConfigOptions config;

        @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
        String timeout;

        Duration timeout() {
            return Feed.parseInterval(timeout);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a feed, or update one with the same URL: the settings given replace its own, the others "
            + "(outlet, interval, tags, enabled) stay as they were. --from adds or updates every feed of a JSON file. "
            + "Creates the feed topics when they do not exist. Prints 'added URL' or 'updated URL' for each.",
        footer = "%nExit codes: 0 every feed added or updated; 2 an invalid URL, interval or file, or an interval shorter "
            + "than claimstream.ingest.min.poll.interval.ms; 3 Kafka unavailable; see claimstream --help.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        FeedsCommand parent;

        @CommandLine.Mixin
        KafkaOptions kafka;

        @Parameters(arity = "0..1", paramLabel = "URL", description = "The feed's http(s) URL.")
        String url;

        @Option(names = "--outlet", paramLabel = "NAME", description = "Outlet name for its articles (default: the feed's title).")
        String outlet;

        @Option(names = "--interval", paramLabel = "DURATION", description = "Time between polls: 90s, 15m, 2h (default: the ingester's).")
        String interval;

        @Option(names = "--tag", paramLabel = "TAG", description = "A label for operators; repeatable.")
        List<String> tags = new ArrayList<>();

        @Option(names = "--disabled", description = "List the feed but do not poll it.")
        boolean disabled;

        @Option(names = "--enabled", description = "Poll a feed that was --disabled again (new feeds are enabled).")
        boolean enabled;

        @Option(names = "--from", paramLabel = "FILE", description = "A JSON array of feeds: [{\"url\": ..., \"outlet\": ..., "
            + "\"poll_interval\": \"15m\", \"enabled\": true, \"tags\": [...]}].")
        Path from;

        @Option(names = "--partitions", defaultValue = "" + IngestTopics.DEFAULT_FEED_PARTITIONS, paramLabel = "N",
            description = "Partitions of the feed topics when they are created: at most this many ingesters share the work "
                + "(default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N",
            description = "Replication factor of the feed topics when they are created (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.spec.commandLine().getOut();
            if (enabled && disabled) {
                return parent.usage("--enabled and --disabled exclude each other");
            }
            // Whether each feed's enabled flag was given, or stays as it is for an existing feed.
            Map<String, Boolean> enabledGiven = new LinkedHashMap<>();
            List<Feed> feeds = new ArrayList<>();
            try {
                if (from != null) {
                    for (Feed feed : FeedsFile.read(from)) {
                        feeds.add(feed);
                        enabledGiven.put(feed.url(), true);
                    }
                }
                if (url != null) {
                    Feed feed = new Feed(url, outlet, interval == null ? null : Feed.parseInterval(interval), !disabled, tags);
                    feeds.add(feed);
                    enabledGiven.put(feed.url(), enabled || disabled);
                }
            } catch (IllegalArgumentException | java.io.IOException e) {
                return parent.usage(e.getMessage());
            }
            if (feeds.isEmpty()) {
                return parent.usage("name a feed URL or a --from file");
            }
            Duration min = kafka.config.load(b -> { }).claimstream().ingest().minPollInterval();
            for (Feed feed : feeds) {
                if (feed.pollInterval() != null && feed.pollInterval().compareTo(min) < 0) {
                    return parent.usage(feed.url() + ": poll interval " + interval(feed.pollInterval()) + " is shorter than "
                        + "the ingesters' minimum, " + interval(min) + " (" + IngestSettings.MIN_POLL_INTERVAL_MS
                        + "); give at least " + interval(min));
                }
            }
            return parent.withCatalog(kafka, (catalog, client) -> {
                createFeedTopics(client, kafka.timeout(), partitions, replicationFactor);
                Map<String, Feed> existing = new HashMap<>();
                catalog.list().forEach(l -> existing.put(l.feed().url(), l.feed()));
                for (Feed feed : feeds) {
                    Feed before = existing.get(feed.url());
                    catalog.put(before == null ? feed : updated(before, feed, enabledGiven.get(feed.url())));
                    out.println((before == null ? "added " : "updated ") + feed.url());
                }
                return 0;
            });
        }

        /** {@code before} with what {@code given} sets: the outlet, interval and tags it names, enabled if given. */
        static Feed updated(Feed before, Feed given, boolean enabledGiven) {
            return new Feed(before.url(),
                given.outlet() != null ? given.outlet() : before.outlet(),
                given.pollInterval() != null ? given.pollInterval() : before.pollInterval(),
                enabledGiven ? given.enabled() : before.enabled(),
                given.tags().isEmpty() ? before.tags() : given.tags());
        }

        private static String interval(Duration d) {
            return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove feeds; ingesters stop polling them. A URL news.feeds does not list is named on stderr and "
            + "the others are still removed.",
        footer = "%nExit codes: 0 every feed removed; 1 a URL is not in news.feeds; 3 Kafka unavailable; "
            + "see claimstream --help.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        FeedsCommand parent;

        @CommandLine.Mixin
        KafkaOptions kafka;

        @Parameters(arity = "1..*", paramLabel = "URL", description = "Feed URLs.")
        List<String> urls;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.spec.commandLine().getOut();
            return parent.withCatalog(kafka, (catalog, client) -> {
                Set<String> listed = new HashSet<>();
                catalog.list().forEach(l -> listed.add(l.feed().url()));
                int exitCode = ExitCodes.OK;
                for (String url : urls) {
                    if (!listed.contains(url)) {
                        exitCode = parent.fail("no feed " + url + " in " + IngestTopics.FEEDS + " (feeds list shows them)");
                        continue;
                    }
                    catalog.remove(url);
                    out.println("removed " + url);
                }
                return exitCode;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the feeds with their settings and status: last fetch, HTTP status, errors in a row, articles published.")
    static final class ListFeeds implements Callable<Integer> {
        @ParentCommand
        FeedsCommand parent;

        @CommandLine.Mixin
        KafkaOptions kafka;

        @Option(names = "--json", description = "One JSON object per feed and line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.spec.commandLine().getOut();
            return parent.withCatalog(kafka, (catalog, client) -> {
                List<FeedCatalog.Listing> listings = catalog.list();
                if (json) {
                    for (FeedCatalog.Listing l : listings) {
                        out.println(JSON.writeValueAsString(listingJson(l)));
                    }
                } else {
                    printTable(out, listings);
                }
                return 0;
            });
        }

        private static void printTable(PrintWriter out, List<FeedCatalog.Listing> listings) {
            if (listings.isEmpty()) {
                out.println("no feeds");
                return;
            }
            // As wide as the longest URL and outlet, so that long ones do not push the other columns.
            int urls = listings.stream().mapToInt(l -> l.feed().url().length()).max().orElse(0);
            int outlets = listings.stream().mapToInt(l -> l.feed().outlet() == null ? 1 : l.feed().outlet().length()).max().orElse(0);
            String format = "%-" + Math.max(urls, 3) + "s %-" + Math.max(outlets, 6) + "s %-8s %-9s %-20s %-6s %-6s %-9s %s%n";
            out.printf(format, "URL", "OUTLET", "ENABLED", "INTERVAL", "LAST FETCH", "HTTP", "ERRORS", "PUBLISHED", "LAST ERROR");
            for (FeedCatalog.Listing l : listings) {
                Feed f = l.feed();
                FeedStatus s = l.checkpoint() == null ? FeedStatus.NEVER_FETCHED : l.checkpoint().status();
                out.printf(format, f.url(), f.outlet() == null ? "-" : f.outlet(), f.enabled() ? "yes" : "no",
                    f.pollInterval() == null ? "default" : f.pollInterval().toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                    s.lastFetch() == null ? "never" : s.lastFetch().toString(),
                    s.lastHttpStatus() == null ? "-" : s.lastHttpStatus().toString(),
                    s.consecutiveErrors(), s.itemsPublished(), s.lastError() == null ? "" : s.lastError());
            }
        }

        private static Map<String, Object> listingJson(FeedCatalog.Listing l) {
            Feed f = l.feed();
            FeedCheckpoint c = l.checkpoint();
            FeedStatus s = c == null ? FeedStatus.NEVER_FETCHED : c.status();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", f.url());
            m.put("outlet", f.outlet());
            m.put("enabled", f.enabled());
            m.put("poll_interval_seconds", f.pollInterval() == null ? null : f.pollInterval().toSeconds());
            m.put("tags", f.tags());
            m.put("last_fetch", s.lastFetch() == null ? null : s.lastFetch().toString());
            m.put("last_http_status", s.lastHttpStatus());
            m.put("consecutive_errors", s.consecutiveErrors());
            m.put("items_published", s.itemsPublished());
            m.put("last_error", s.lastError());
            m.put("next_fetch", s.nextFetch() == null ? null : s.nextFetch().toString());
            return m;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
        description = "Fetch or read feeds without Kafka and print the articles each would publish, or why it cannot. "
            + "Exits with 1 when any feed failed.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        FeedsCommand parent;

        @Parameters(arity = "1..*", paramLabel = "URL|FILE", description = "Feed URLs or files.")
        List<String> feeds;

        /** The claimstream.ingest.* limits, and the address ranges allowed (-p claimstream.ingest.fetch.allowed.ranges=...). */
        @CommandLine.Mixin
        ConfigOptions config;

        @Option(names = "--json", description = "One JSON object per feed and line: "
            + "{\"feed\", \"ok\", \"error\", \"articles\": [{\"id\", \"date\", \"date_source\", \"title\", \"link\", \"text_length\"}]}.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.spec.commandLine().getOut();
            FeedCheck check = new FeedCheck(config.load(options -> { }).claimstream().ingest(), Clock.systemUTC());
            boolean anyFailed = false;
            for (String feed : feeds) {
                FeedCheck.Report report = check.check(feed);
                anyFailed |= !report.ok();
                if (json) {
                    out.println(reportJson(report));
                } else {
                    printReport(out, report);
                }
                out.flush();
            }
            return anyFailed ? 1 : 0;
        }

        private static void printReport(PrintWriter out, FeedCheck.Report report) {
            if (!report.ok()) {
                out.println("FAIL " + report.feed() + ": " + report.error());
                return;
            }
            out.println("OK   " + report.feed() + " (" + report.source() + "): " + report.items().size() + " articles");
            for (FeedItem item : report.items()) {
                out.println("     " + date(item) + "  " + item.title());
                out.println("       id:   " + item.id());
                out.println("       link: " + (item.link() == null ? "-" : item.link()) + "  text: " + item.text().length() + " chars");
            }
        }

        private static String date(FeedItem item) {
            Instant d = item.published();
            switch (item.publishedFrom()) {
                case FETCH_TIME:
                    return d + " (no date in the feed: fetch time)";
                case FEED_NONSTANDARD:
                    return d + " (non-standard date)";
                default:
                    return d.toString();
            }
        }

        private static String reportJson(FeedCheck.Report report) throws JsonProcessingException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feed", report.feed());
            m.put("ok", report.ok());
            m.put("error", report.error());
            List<Map<String, Object>> articles = new ArrayList<>();
            for (FeedItem item : report.items()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", item.id());
                a.put("date", item.published().toString());
                a.put("date_source", item.publishedFrom().name().toLowerCase(java.util.Locale.ROOT));
                a.put("title", item.title());
                a.put("link", item.link());
                a.put("text_length", item.text().length());
                articles.add(a);
            }
            m.put("articles", articles);
            return JSON.writeValueAsString(m);
        }
    }

    /** Work done with a catalog; may throw what Kafka throws. */
    @FunctionalInterface
    interface CatalogWork {
        int run(FeedCatalog catalog, Map<String, Object> clientConfig) throws Exception;
    }

    int withCatalog(KafkaOptions options, CatalogWork work) throws InterruptedException {
        Configuration config = options.config.loadClient(b -> { });
        Map<String, Object> client = KafkaClients.common(config.values());
        try (FeedCatalog catalog = new FeedCatalog(KafkaClients.ingest(config.values(), config.claimstream()), serdes.apply(config), options.timeout())) {
            return work.run(catalog, client);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    int fail(String message) {
        spec.commandLine().getErr().println("claimstream feeds: " + message);
        spec.commandLine().getErr().flush();
        return ExitCodes.FAILED;
    }

    /** A usage error: what was given cannot be right, and nothing was done. */
    int usage(String message) {
        fail(message);
        return ExitCodes.USAGE;
    }

    /** Creates news.feeds and news.feed-state, with equal partition counts, unless they exist. */
    static void createFeedTopics(Map<String, Object> client, Duration timeout, int partitions, short replicationFactor)
        throws InterruptedException {
        Admin admin = Admin.create(client);
        try {
            // Within the command's time limit: a cluster that does not answer fails here, not never.
            new TopicProvisioner(admin, timeout).provision(IngestTopics.feedTopics(partitions, replicationFactor));
        } finally {
            KafkaClients.close(admin);
        }
    }
}
