package io.claimstream.extract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns an article into its numeric claims. Thread-safe: it holds only immutable lexicons and
 * stateless rules, and all per-article state lives in one call.
 */
public final class ClaimExtractor {

    /** Twelve significant digits: more than any figure in the news states. */
    private static final MathContext SCALED_PRECISION = new MathContext(12);

    private final Lexicon lexicon;
    private final SentenceSplitter splitter;
    private final QuantityRecognizer recognizer;
    private final NonClaimRules nonClaims;
    private final CountedNouns countedNouns;
    private final ChangeDetector changes;
    private final ClaimantResolver claimants;
    private final SubjectKeys subjects;

    public ClaimExtractor() {
        this(Lexicon.standard());
    }

    ClaimExtractor(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.splitter = new SentenceSplitter(lexicon);
        this.recognizer = new QuantityRecognizer(lexicon);
        this.nonClaims = new NonClaimRules(lexicon);
        this.countedNouns = new CountedNouns(lexicon);
        this.changes = new ChangeDetector(lexicon);
        this.claimants = new ClaimantResolver(lexicon);
        this.subjects = new SubjectKeys(lexicon, countedNouns);
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
        Analysis analysis = analyse(article);
        List<NumericClaim> claims = new ArrayList<>();
        for (Candidate c : analysis.candidates) {
            if (c.isClaim()) {
                claims.add(toClaim(article.text(), analysis.tokens, c));
            } else if (c.kind != null) {
                rejected.accept(c.kind);
            }
        }
        return claims;
    }

    /** Every number recognised in {@code article}, claims and non-claims, each with its kind. */
    public List<Quantity> quantities(ArticleText article) {
        Analysis analysis = analyse(article);
        List<Quantity> quantities = new ArrayList<>();
        for (Candidate c : analysis.candidates) {
            if (c.kind != null) {
                int start = analysis.tokens.get(c.first).start();
                int end = analysis.tokens.get(c.last).end();
                quantities.add(new Quantity(start, end, article.text().substring(start, end), rounded(c.value),
                    c.valueHigh == null ? null : rounded(c.valueHigh), c.unit, c.kind, c.qualifier, c.change));
            }
        }
        return quantities;
    }

    private Analysis analyse(ArticleText article) {
        List<Token> tokens = Tokenizer.tokenize(article.text(), lexicon);
        List<Sentence> sentences = splitter.split(tokens);
        List<Candidate> candidates = new ArrayList<>();
        for (Sentence s : sentences) {
            List<Candidate> found = recognizer.recognise(tokens, s);
            nonClaims.classify(tokens, found);
            candidates.addAll(found);
        }
        recognizer.resolveAmbiguousCurrencies(tokens, candidates);
        countedNouns.resolve(tokens, candidates);
        List<Candidate> claims = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.isClaim()) {
                changes.detect(tokens, c);
                claims.add(c);
            }
        }
        claimants.resolve(article, tokens, sentences, claims);
        subjects.assign(article, tokens, sentences, claims);
        return new Analysis(tokens, candidates);
    }

    private static NumericClaim toClaim(String text, List<Token> tokens, Candidate c) {
        int start = tokens.get(c.first).start();
        int end = tokens.get(c.last).end();
        String sentence = text.substring(c.sentence.start(), c.sentence.stop());
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
        return new BigDecimal(value).round(SCALED_PRECISION).doubleValue();
    }

    private record Analysis(List<Token> tokens, List<Candidate> candidates) {
    }
}
