package io.claimstream.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.claimstream.avro.Article;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.NumericClaim;

/** An article's claims as mentions for the subject aggregate: the extractor's output plus where it came from. */
final class MentionExtractor {

    private final Function<ArticleText, List<NumericClaim>> extractor;

    MentionExtractor(Function<ArticleText, List<NumericClaim>> extractor) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    /**
     * The mentions of {@code article}, in text order, each claim once: the aggregator counts an
     * article once per claim, with its first mention in the text, and drops the others, so they
     * are not sent through the repartition topic at all.
     */
    List<ClaimMention> mentions(Article article) {
        Instant time = ArticleTime.of(article);
        // The extractor resolves "over the past day" and the like against this time.
        ArticleText text = new ArticleText(article.getId(), article.getTitle(), article.getText(), time,
            article.getLink(), article.getSource());
        List<NumericClaim> claims;
        try {
            claims = extractor.apply(text);
        } catch (StackOverflowError e) {
            // An Error would kill the stream thread; as an exception the article goes to the
            // dead-letter topic with this reason and the others go on.
            throw new IllegalStateException("extraction of article " + article.getId() + " overflowed the stack", e);
        }
        List<ClaimMention> mentions = new ArrayList<>(claims.size());
        Set<String> claimKeys = new HashSet<>();
        for (NumericClaim c : claims) {
            if (!claimKeys.add(c.claimKey())) {
                continue;
            }
            mentions.add(MentionBounds.bound(ClaimMention.newBuilder()
                .setSubjectKey(c.subjectKey())
                .setSubject(c.subject() == null ? c.subjectKey() : c.subject())
                .setClaimKey(c.claimKey())
                .setValue(c.value())
                .setValueHigh(c.valueHigh())
                // A bare number has no unit; the public schemas carry that as an empty string.
                .setUnit(c.unit() == null ? "" : c.unit())
                .setKind(c.kind().label())
                .setQualifier(c.qualifier().name())
                .setChange(c.change() == null ? null : c.change().name())
                .setClaimant(c.claimant())
                .setSpan(c.span())
                .setSentence(c.sentence())
                .setStart(c.start())
                .setArticleId(article.getId())
                .setSource(article.getSource())
                .setTitle(article.getTitle())
                .setLink(article.getLink())
                .setPublished(time)
                .build()));
        }
        return mentions;
    }
}
