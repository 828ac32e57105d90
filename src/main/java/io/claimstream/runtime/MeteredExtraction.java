package io.claimstream.runtime;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.ExtractionLimits;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.QuantityKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology's extraction step with counters: claims per article, and the numbers the
 * extractor recognised and rejected as claims, by kind (dates, ages, ...). A sudden change in
 * either is how a change in the feeds' writing, or a regression in the rules, shows. Also the
 * time each article took, and the articles cut short by a limit, by the limit (each also a
 * warning in the log naming the article).
 */
public final class MeteredExtraction implements Function<ArticleText, List<NumericClaim>> {

    static final String CLAIMS_PER_ARTICLE = "claimstream.extract.claims.per.article";
    static final String REJECTED = "claimstream.extract.quantities.rejected";
    static final String TRUNCATED = "claimstream.extract.truncated";
    static final String DURATION = "claimstream.extract.duration";

    private static final Logger log = LoggerFactory.getLogger(MeteredExtraction.class);

    private final ClaimExtractor extractor;
    private final DistributionSummary claimsPerArticle;
    private final Timer duration;
    private final Map<QuantityKind, Counter> rejected = new EnumMap<>(QuantityKind.class);
    private final Map<ExtractionLimits.Truncation, Counter> truncated = new EnumMap<>(ExtractionLimits.Truncation.class);

    public MeteredExtraction(ClaimExtractor extractor, MeterRegistry registry) {
        this.extractor = extractor;
        this.claimsPerArticle = DistributionSummary.builder(CLAIMS_PER_ARTICLE)
            .description("numeric claims extracted per article").register(registry);
        for (QuantityKind kind : QuantityKind.values()) {
            if (!kind.isClaim()) {
                rejected.put(kind, Counter.builder(REJECTED).tag("kind", kind.label())
                    .description("recognised numbers that are not claims, by kind").register(registry));
            }
        }
        for (ExtractionLimits.Truncation reason : ExtractionLimits.Truncation.values()) {
            truncated.put(reason, Counter.builder(TRUNCATED).tag("reason", reason.label())
                .description("articles whose extraction stopped short, by the limit that stopped it").register(registry));
        }
        this.duration = Timer.builder(DURATION).description("time to extract one article's claims").register(registry);
    }

    @Override
    public List<NumericClaim> apply(ArticleText article) {
        long start = System.nanoTime();
        ClaimExtractor.Result result = extractor.extractWithin(article, kind -> rejected.get(kind).increment());
        long took = System.nanoTime() - start;
        duration.record(took, TimeUnit.NANOSECONDS);
        List<NumericClaim> claims = result.claims();
        claimsPerArticle.record(claims.size());
        if (result.truncated()) {
            StringBuilder reasons = new StringBuilder();
            for (ExtractionLimits.Truncation reason : result.truncations()) {
                truncated.get(reason).increment();
                reasons.append(reasons.length() == 0 ? "" : ", ").append(reason.label());
            }
            log.warn("Article {} ({} chars) cut short ({}) after {} ms; {} claim(s) kept", article.id(),
                article.text().length(), reasons, TimeUnit.NANOSECONDS.toMillis(took), claims.size());
        }
        return claims;
    }
}
