package io.claimstream.runtime;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.QuantityKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The topology's extraction step with counters: claims per article, and the numbers the
 * extractor recognised and rejected as claims, by kind (dates, ages, ...). A sudden change in
 * either is how a change in the feeds' writing, or a regression in the rules, shows.
 */
public final class MeteredExtraction implements Function<ArticleText, List<NumericClaim>> {

    static final String CLAIMS_PER_ARTICLE = "claimstream.extract.claims.per.article";
    static final String REJECTED = "claimstream.extract.quantities.rejected";

    private final ClaimExtractor extractor;
    private final DistributionSummary claimsPerArticle;
    private final Map<QuantityKind, Counter> rejected = new EnumMap<>(QuantityKind.class);

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
    }

    @Override
    public List<NumericClaim> apply(ArticleText article) {
        List<NumericClaim> claims = extractor.extract(article, kind -> rejected.get(kind).increment());
        claimsPerArticle.record(claims.size());
        return claims;
    }
}
