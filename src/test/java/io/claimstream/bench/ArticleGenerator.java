package io.claimstream.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.claimstream.avro.Article;
import io.claimstream.extract.ArticleText;

/**
 * As many distinct, realistic articles as a benchmark needs, from the annotated corpus: each
 * story retells a corpus article (or only its first paragraph, a wire item; or several in a row,
 * a long feature) about other countries, with its figures scaled, and is published by one to
 * three outlets, as wire stories are. A few articles come twice: re-delivered under the same id,
 * or republished by their outlet under another link, as feeds do.
 *
 * <p>Deterministic: the same seed gives the same articles, in the same order, with the same
 * publication times (the i-th article is published at {@code start + i * spacing}).
 */
public final class ArticleGenerator {

    /** Shares of story kinds, by count; the rest are reports (a corpus article as written). */
    private static final double WIRE_SHARE = 0.35;
    private static final double FEATURE_SHARE = 0.20;
    private static final int FEATURE_MIN_PARTS = 4;
    private static final int FEATURE_MAX_PARTS = 7;
    private static final double SECOND_OUTLET = 0.4;
    private static final double THIRD_OUTLET = 0.2;
    private static final double REDELIVERED = 0.02;
    private static final double REPUBLISHED = 0.02;
    /** How much a retold story's figures differ: few enough values that figures recur across stories. */
    private static final double[] FACTORS = {0.5, 0.6, 0.75, 0.8, 0.9, 1.0, 1.1, 1.2, 1.25, 1.5, 1.75, 2.0};
    private static final String[] OUTLET_PLACES = {"Coastal", "Northern", "Harbour", "Capital", "Continental",
        "Daily", "Evening", "Morning", "Valley", "Metro", "Atlantic", "Pacific", "Highland", "Riverside", "Lakeside",
        "National", "Western", "Eastern", "Southern", "Central"};
    private static final String[] OUTLET_NOUNS = {"Times", "Herald", "Wire", "Post", "Ledger", "Chronicle", "Gazette",
        "Observer", "Courier", "Tribune", "Dispatch", "Record"};
    private static final int RECENT = 500;
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final DateTimeFormatter DATE_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Random random;
    private final CountrySwap countries;
    private final List<ArticleText> corpus;
    /** The corpus's outlets as its datelines name them: "(Coastal Times)". */
    private final Set<String> corpusOutlets = new TreeSet<>();
    private final Instant start;
    private final Duration spacing;
    private final String idPrefix;
    private final Deque<Draft> pending = new ArrayDeque<>();
    private final List<Article> recent = new ArrayList<>();
    private long emitted;

    /** A story as an outlet words it, waiting for its id and time. */
    private record Draft(String outlet, String title, String text, Article redelivery) {
    }

    /**
     * @param seed decides everything but the times
     * @param start publication time of the first article
     * @param spacing time between consecutive articles
     * @param idPrefix starts every article's path, so that generators of one run never share ids
     */
    public ArticleGenerator(long seed, Instant start, Duration spacing, String idPrefix) {
        this.random = new Random(seed);
        this.countries = new CountrySwap(seed);
        this.corpus = BenchmarkCorpus.articles();
        corpus.forEach(a -> corpusOutlets.add(outletName(a.source())));
        this.start = start;
        this.spacing = spacing;
        this.idPrefix = idPrefix;
    }

    /** Spacing that spreads {@code articlesPerDay} articles over each day. */
    public static Duration perDay(int articlesPerDay) {
        return Duration.ofNanos(Duration.ofDays(1).toNanos() / articlesPerDay);
    }

    public List<Article> next(int count) {
        List<Article> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            articles.add(next());
        }
        return articles;
    }

    public Article next() {
        while (pending.isEmpty()) {
            story();
        }
        Draft draft = pending.poll();
        long index = emitted++;
        if (draft.redelivery != null) {
            return draft.redelivery;
        }
        Instant published = start.plus(spacing.multipliedBy(index));
        String slug = draft.outlet.toLowerCase(Locale.ROOT).replace(' ', '-');
        String link = "https://" + slug + ".example/" + idPrefix + "/" + DATE_PATH.format(published) + "/"
            + titleSlug(draft.title) + "-" + index;
        Article article = Article.newBuilder()
            .setId(link)
            .setSource(draft.outlet)
            .setFeedUrl("https://" + slug + ".example/rss.xml")
            .setTitle(draft.title)
            .setLink(link)
            .setText(draft.text)
            .setPublished(published)
            .setFetched(published.plusSeconds(120))
            .setLanguage("en")
            .build();
        if (recent.size() < RECENT) {
            recent.add(article);
        } else {
            recent.set(random.nextInt(RECENT), article);
        }
        return article;
    }

    private void story() {
        double kind = random.nextDouble();
        int first = random.nextInt(corpus.size());
        ArticleText lead = corpus.get(first);
        String text;
        if (kind < WIRE_SHARE) {
            int paragraph = lead.text().indexOf("\n\n");
            text = paragraph > 0 ? lead.text().substring(0, paragraph) : lead.text();
        } else if (kind < WIRE_SHARE + FEATURE_SHARE) {
            int parts = FEATURE_MIN_PARTS + random.nextInt(FEATURE_MAX_PARTS - FEATURE_MIN_PARTS + 1);
            StringBuilder feature = new StringBuilder();
            for (int i = 0; i < parts; i++) {
                if (i > 0) {
                    feature.append("\n\n");
                }
                feature.append(corpus.get((first + i) % corpus.size()).text());
            }
            text = feature.toString();
        } else {
            text = lead.text();
        }
        Map<String, String> mapping = countries.newMapping();
        double factor = FACTORS[random.nextInt(FACTORS.length)];
        String title = NumberVariation.scale(countries.swap(lead.title(), mapping, random), factor);
        String body = NumberVariation.scale(countries.swap(text, mapping, random), factor);
        int outlets = 1 + (random.nextDouble() < SECOND_OUTLET ? 1 : 0) + (random.nextDouble() < THIRD_OUTLET ? 1 : 0);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < outlets) {
            String outlet = OUTLET_PLACES[random.nextInt(OUTLET_PLACES.length)] + " "
                + OUTLET_NOUNS[random.nextInt(OUTLET_NOUNS.length)];
            if (!chosen.contains(outlet)) {
                chosen.add(outlet);
                pending.add(new Draft(outlet, title, withOutlet(body, outlet), null));
            }
        }
        if (!recent.isEmpty() && random.nextDouble() < REDELIVERED) {
            pending.add(new Draft(null, null, null, recent.get(random.nextInt(recent.size()))));
        }
        if (!recent.isEmpty() && random.nextDouble() < REPUBLISHED) {
            Article again = recent.get(random.nextInt(recent.size()));
            pending.add(new Draft(again.getSource(), again.getTitle(), again.getText(), null));
        }
    }

    /** The text as {@code outlet} runs it: its own name in the datelines. */
    private String withOutlet(String text, String outlet) {
        String result = text;
        for (String corpusOutlet : corpusOutlets) {
            result = result.replace(corpusOutlet, outlet);
        }
        return result;
    }

    /** "coastal-times" as its readers know it: "Coastal Times". */
    private static String outletName(String slug) {
        StringBuilder name = new StringBuilder();
        for (String word : slug.split("-")) {
            if (!word.isEmpty()) {
                name.append(name.length() == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }

    private static String titleSlug(String title) {
        String slug = NOT_SLUG.matcher(title.toLowerCase(Locale.ROOT)).replaceAll("-");
        int from = slug.startsWith("-") ? 1 : 0;
        int to = Math.max(from, Math.min(slug.length() - (slug.endsWith("-") ? 1 : 0), from + 60));
        return slug.substring(from, to);
    }
}
