package io.claimstream.topology;

import java.util.Objects;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;

import org.apache.kafka.common.serialization.Serde;

/**
 * The value formats of the topics other programs read and write. Injected, so that the
 * application passes the schema registry's Avro serdes and tests whatever registry they run;
 * keys are UTF-8 strings. Internal topics and stores use {@link InternalAvroSerde} and never
 * touch the registry.
 *
 * @param article values of news.articles
 * @param subjectClaims values of claims.by-subject
 * @param claim values of news.claims
 */
public record ClaimsSerdes(Serde<Article> article, Serde<SubjectClaims> subjectClaims, Serde<NumericClaim> claim) {

    public ClaimsSerdes {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(subjectClaims, "subjectClaims");
        Objects.requireNonNull(claim, "claim");
    }
}
