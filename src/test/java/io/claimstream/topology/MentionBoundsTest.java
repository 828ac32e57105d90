package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.claimstream.avro.internal.ClaimMention;

import org.junit.jupiter.api.Test;

class MentionBoundsTest {

    @Test
    void aLongTextIsCutWithAnEllipsisNeverInsideASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String title = "a".repeat(MentionBounds.MAX_TITLE_CHARS - 2) + emoji + "tail";
        String cut = MentionBounds.text(title, MentionBounds.MAX_TITLE_CHARS);
        assertThat(cut).hasSizeLessThanOrEqualTo(MentionBounds.MAX_TITLE_CHARS).endsWith("\u2026");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
        assertThat(MentionBounds.text("short", 10)).isEqualTo("short");
    }

    @Test
    void aLongIdIsCutToItsBoundAndStaysDistinctAndStable() {
        String base = "https://example.org/feed/item?" + "x".repeat(2_000);
        String one = MentionBounds.id(base + "1");
        String two = MentionBounds.id(base + "2");
        assertThat(one).hasSize(MentionBounds.MAX_KEY_CHARS).isNotEqualTo(two).isEqualTo(MentionBounds.id(base + "1"));
        assertThat(MentionBounds.id("guid-17")).isEqualTo("guid-17");
    }

    @Test
    void everyFieldOfAMentionIsWithinItsBoundWhateverTheArticle() {
        String huge = "w".repeat(100_000);
        ClaimMention m = ClaimMention.newBuilder()
            .setSubjectKey(huge).setSubject(huge).setClaimKey(huge).setValue(1).setUnit("").setKind("count")
            .setQualifier("EXACT").setClaimant(huge).setSpan(huge).setSentence(huge).setStart(0)
            .setArticleId(huge).setSource(huge).setTitle(huge).setLink(huge).setPublished(Instant.EPOCH)
            .build();
        MentionBounds.bound(m);
        assertThat(m.getSubjectKey()).hasSize(MentionBounds.MAX_KEY_CHARS);
        assertThat(m.getClaimKey()).hasSize(MentionBounds.MAX_KEY_CHARS);
        assertThat(m.getArticleId()).hasSize(MentionBounds.MAX_KEY_CHARS);
        assertThat(m.getSentence()).hasSize(MentionBounds.MAX_SENTENCE_CHARS);
        assertThat(m.getTitle()).hasSize(MentionBounds.MAX_TITLE_CHARS);
        assertThat(m.getLink()).hasSize(MentionBounds.MAX_LINK_CHARS);
        assertThat(m.getSpan()).hasSize(MentionBounds.MAX_SPAN_CHARS);
        assertThat(m.getSubject()).hasSize(MentionBounds.MAX_SUBJECT_CHARS);
        assertThat(m.getClaimant()).hasSize(MentionBounds.MAX_NAME_CHARS);
        assertThat(m.getSource()).hasSize(MentionBounds.MAX_NAME_CHARS);
    }
}
