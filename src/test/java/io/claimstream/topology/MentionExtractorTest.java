package io.claimstream.topology;

import static io.claimstream.topology.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.Qualifier;
import io.claimstream.extract.QuantityKind;

import org.junit.jupiter.api.Test;

/** What an article sends through the repartition topic to the subject aggregate. */
class MentionExtractorTest {

    private static final String SUBJECT = "russia/soldier-killed";

    @Test
    void aClaimStatedTwiceInOneArticleIsSentOnceWithItsFirstMention() {
        // The aggregate counts an article once per claim, from the first mention in the text.
        MentionExtractor extractor = new MentionExtractor(text -> List.of(
            claim(10, "1,150 soldiers", 1150, "the governor"),
            claim(80, "900 soldiers", 900, null),
            claim(200, "1150 soldiers", 1150, "the ministry")));

        List<ClaimMention> mentions = extractor.mentions(
            article("a1", "outlet", "text", Instant.parse("2025-02-14T08:00:00Z")));

        assertThat(mentions).extracting(ClaimMention::getStart).containsExactly(10, 80);
        assertThat(mentions.get(0).getClaimant()).isEqualTo("the governor");
    }

    private static NumericClaim claim(int start, String span, double value, String claimant) {
        return new NumericClaim(start, start + span.length(), span, span + " were killed.", value, null, "soldier",
            QuantityKind.COUNT, Qualifier.EXACT, null, claimant, "soldier killed (russia)", SUBJECT,
            SUBJECT + "|" + value + "|soldier");
    }
}
