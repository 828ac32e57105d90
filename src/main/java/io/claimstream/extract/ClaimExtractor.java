package io.claimstream.extract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns an article into its numeric claims. Thread-safe: it holds only immutable lexicons and
 * stateless rules, and all per-article state lives in one call.
 */
public final class ClaimExtractor {

    /** Twelve significant digits: more than any figure in the news states. */
    private static final MathContext SCALED_PRECISION = new MathContext(12);
    /** Longest headline read, in UTF-8 bytes. */
    static final int MAX_TITLE_BYTES = 4096;

    private final Lexicon lexicon;
    private final ExtractionLimits limits;
    private final SentenceSplitter splitter;
    private final QuantityRecognizer recognizer;
    private final NonClaimRules nonClaims;
    private final CountedNouns countedNouns;
    private final ChangeDetector changes;
    private final ClaimantResolver claimants;
    private final SubjectKeys subjects;

    public ClaimExtractor() {
        this(ExtractionLimits.DEFAULT);
    }

    /** An extractor that spends at most {@code limits} on one article. */
    public ClaimExtractor(ExtractionLimits limits) {
        this(Lexicon.standard(), limits);
    }

    ClaimExtractor(Lexicon lexicon) {
        this(lexicon, ExtractionLimits.DEFAULT);
    }

    ClaimExtractor(Lexicon lexicon, ExtractionLimits limits) {
        this.lexicon = lexicon;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.splitter = new SentenceSplitter(lexicon);
        this.recognizer = new QuantityRecognizer(lexicon);
        this.nonClaims = new NonClaimRules(lexicon);
        this.countedNouns = new CountedNouns(lexicon);
        this.changes = new ChangeDetector(lexicon);
        this.claimants = new ClaimantResolver(lexicon);
        this.subjects = new SubjectKeys(lexicon, countedNouns);
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /**
     * An article's claims, and why its extraction stopped short if it did: {@code truncations}
     * is empty when the whole text was read and every figure found its place.
     */
    public record Result(List<NumericClaim> claims, Set<ExtractionLimits.Truncation> truncations) {

        public boolean truncated() {
            return !truncations.isEmpty();
        }
    }

    /** The numeric claims of {@code article}, in text order. */
    public List<NumericClaim> extract(ArticleText article) {
        return extract(article, kind -> { });
    }

    /**
     * The numeric claims of {@code article}, in text order, telling {@code rejected} the kind of
     * every recognised number that is not a claim (a date, an age, ...), so that a caller can
     * count what the extractor turns down without a second pass over the text.
     */
    public List<NumericClaim> extract(ArticleText article, Consumer<QuantityKind> rejected) {
        return extractWithin(article, rejected).claims();
    }

    /**
     * As {@link #extract(ArticleText, Consumer)}, within this extractor's {@link ExtractionLimits},
     * saying which of them cut the article short. It never throws on any text: a figure a rule
     * fails on is dropped ({@link ExtractionLimits.Truncation#FAILED_FIGURES}) and the others kept.
     */
    public Result extractWithin(ArticleText article, Consumer<QuantityKind> rejected) {
        Analysis analysis = analyse(article);
        List<NumericClaim> claims = new ArrayList<>();
        Sentence sentence = null;
        String sentenceText = null; // one copy of a sentence for all of its claims
        for (Candidate c : analysis.candidates) {
            if (c.isClaim()) {
                try {
                    if (c.sentence != sentence) {
                        sentenceText = analysis.text.substring(c.sentence.start(), c.sentence.stop());
                        sentence = c.sentence;
                    }
                    claims.add(toClaim(analysis.text, sentenceText, analysis.tokens, c));
                } catch (RuntimeException e) {
                    analysis.truncations.add(ExtractionLimits.Truncation.FAILED_FIGURES);
                }
            } else if (c.kind != null) {
                rejected.accept(c.kind);
            }
        }
        return new Result(claims, analysis.truncations);
    }

    /** Every number recognised in {@code article}, claims and non-claims, each with its kind. */
    public List<Quantity> quantities(ArticleText article) {
        Analysis analysis = analyse(article);
        List<Quantity> quantities = new ArrayList<>();
        for (Candidate c : analysis.candidates) {
            if (c.kind != null) {
                int start = analysis.tokens.get(c.first).start();
                int end = analysis.tokens.get(c.last).end();
                quantities.add(new Quantity(start, end, analysis.text.substring(start, end), rounded(c.value),
                    c.valueHigh == null ? null : rounded(c.valueHigh), c.unit, c.kind, c.qualifier, c.change));
            }
        }
        quantities.addAll(VagueMagnitudes.find(analysis.tokens, analysis.text));
        quantities.sort(Comparator.comparingInt(Quantity::start));
        return quantities;
    }

    private Analysis analyse(ArticleText article) {
        long deadline = System.nanoTime() + limits.timeBudget().toNanos();
        Set<ExtractionLimits.Truncation> truncations = EnumSet.noneOf(ExtractionLimits.Truncation.class);
        String text = article.text();
        String title = article.title();
        int readable = readableLength(text, limits.maxTextBytes());
        // The headline only names the story's main entity: a few hundred bytes, never a text.
        int readableTitle = readableLength(title, Math.min(limits.maxTextBytes(), MAX_TITLE_BYTES));
        if (readable < text.length() || readableTitle < title.length()) {
            truncations.add(ExtractionLimits.Truncation.TEXT_BYTES);
            text = text.substring(0, readable);
            article = new ArticleText(article.id(), title.substring(0, readableTitle), text, article.published(),
                article.link(), article.source());
        }
        List<Token> tokens = Tokenizer.tokenize(text, lexicon);
        List<Sentence> sentences = splitter.split(tokens);
        List<Candidate> candidates = new ArrayList<>();
        Runnable failed = () -> truncations.add(ExtractionLimits.Truncation.FAILED_FIGURES);
        int claimCount = 0;
        // Numbers that are not claims (dates, ids) cost work too: an article of nothing but dates
        // stops at this many.
        int maxCandidates = limits.maxClaims() * 4;
        sentences:
        for (Sentence s : sentences) {
            if (System.nanoTime() - deadline > 0) {
                truncations.add(ExtractionLimits.Truncation.TIME_BUDGET);
                break;
            }
            List<Candidate> found;
            try {
                found = recognizer.recognise(tokens, s, failed);
                nonClaims.classify(tokens, found);
            } catch (RuntimeException e) {
                failed.run();
                continue;
            }
            for (Candidate c : found) {
                if (!Double.isFinite(c.value) || c.valueHigh != null && !Double.isFinite(c.valueHigh)) {
                    c.kind = null; // no figure: "1e400" never reaches a claim key
                }
                if (c.isClaim() && claimCount++ == limits.maxClaims() || candidates.size() == maxCandidates) {
                    truncations.add(ExtractionLimits.Truncation.MAX_CLAIMS);
                    break sentences;
                }
                candidates.add(c);
            }
        }
        try {
            recognizer.resolveAmbiguousCurrencies(tokens, candidates);
        } catch (RuntimeException e) {
            failed.run();
        }
        eachOrOneByOne(candidates, list -> countedNouns.resolve(tokens, list), true, failed, deadline);
        List<Candidate> claims = new ArrayList<>();
        Candidate previousClaim = null;
        for (Candidate c : candidates) {
            if (c.isClaim()) {
                try {
                    changes.detect(tokens, c);
                    changes.carryOver(tokens, previousClaim, c);
                    previousClaim = c;
                    claims.add(c);
                } catch (RuntimeException e) {
                    c.kind = null;
                    failed.run();
                }
            }
        }
        ArticleText read = article;
        // A claim without a claimant is still a claim; one without a subject key is none.
        eachOrOneByOne(claims, list -> claimants.resolve(read, tokens, sentences, list), false, failed, deadline);
        eachOrOneByOne(claims, list -> subjects.assign(read, tokens, sentences, list), true, failed, deadline);
        for (Candidate c : claims) {
            if (c.subjectKey == null || c.claimKey == null) {
                c.kind = null;
            }
        }
        return new Analysis(text, tokens, candidates, truncations);
    }

    /**
     * Runs an article-wide step over {@code candidates}; if it fails, runs it on each candidate
     * alone, so that one figure a rule trips over costs that figure only (dropped when
     * {@code dropFailed}), never the article's other claims. Figure by figure costs more, so once
     * the time budget is spent the figures left are treated as failed.
     */
    static void eachOrOneByOne(List<Candidate> candidates, Consumer<List<Candidate>> step, boolean dropFailed,
                               Runnable failed, long deadline) {
        try {
            step.accept(candidates);
            return;
        } catch (RuntimeException e) {
            failed.run();
        }
        for (Candidate c : candidates) {
            if (c.kind == null) {
                continue;
            }
            if (System.nanoTime() - deadline <= 0) {
                try {
                    step.accept(List.of(c));
                    continue;
                } catch (RuntimeException e) {
                    // this figure alone fails: it goes, the others stay
                }
            }
            if (dropFailed) {
                c.kind = null;
            }
        }
    }

    /**
     * How many characters of {@code text} fit in {@code maxBytes} of UTF-8, cut back to the last
     * whitespace before that point (if there is one nearby) so that no word or figure is halved.
     */
    static int readableLength(String text, int maxBytes) {
        if (text.length() <= maxBytes / 3) {
            return text.length(); // at most 3 bytes a char: fits whatever it holds
        }
        long bytes = 0;
        int n = text.length();
        int i = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            if (bytes > maxBytes) {
                break;
            }
        }
        if (i >= n) {
            return n;
        }
        if (i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
            i--;
        }
        for (int j = i; j > Math.max(0, i - 200); j--) {
            if (Character.isWhitespace(text.charAt(j - 1))) {
                return j;
            }
        }
        return i;
    }

    private static NumericClaim toClaim(String text, String sentence, List<Token> tokens, Candidate c) {
        int start = tokens.get(c.first).start();
        int end = tokens.get(c.last).end();
        return new NumericClaim(start, end, text.substring(start, end), sentence, rounded(c.value),
            c.valueHigh == null ? null : rounded(c.valueHigh), c.unit, c.kind, c.qualifier, c.change, c.claimant,
            c.subject, c.subjectKey, c.claimKey);
    }

    /**
     * Shares read from words ("two-thirds") carry four decimals, as the gold format writes them;
     * a scaled figure loses the binary noise of its scaling ("4.1 trillion" is 4.1e12, not
     * 4.0999999999999995e12).
     */
    static double rounded(double value) {
        if (Math.abs(value) < 1) {
            return Math.round(value * 10_000) / 10_000.0;
        }
        if (value == Math.rint(value) || Double.isInfinite(value) || Double.isNaN(value)) {
            return value;
        }
        int digits = Decimals.significantDigits(Double.toString(value));
        if (digits > 0 && digits <= SCALED_PRECISION.getPrecision()) {
            return value; // already a decimal of at most twelve digits: rounding gives it back (see Decimals)
        }
        return new BigDecimal(value).round(SCALED_PRECISION).doubleValue();
    }

    private record Analysis(String text, List<Token> tokens, List<Candidate> candidates,
                            Set<ExtractionLimits.Truncation> truncations) {
    }
}
