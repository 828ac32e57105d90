package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.Test;

class SubjectPageTest {

    @Test
    void mergedPagesKeepTheFirstKeysAndEndWhereEverySourceContinues() {
        SubjectPage fromA = page(true, "a/1", "c/1");      // a holds more after c/1
        SubjectPage fromB = page(false, "b/1");
        SubjectPage fromC = page(false, "a/2", "d/1");

        SubjectPage merged = SubjectPage.merge(List.of(fromA, fromB, fromC), 2);
        assertThat(keys(merged)).containsExactly("a/1", "a/2");
        assertThat(merged.next()).isEqualTo("a/2");

        SubjectPage wide = SubjectPage.merge(List.of(fromA, fromB, fromC), 10);
        assertThat(keys(wide)).containsExactly("a/1", "a/2", "b/1", "c/1", "d/1");
        assertThat(wide.next()).as("a has more, after c/1 at the earliest").isEqualTo("d/1");

        SubjectPage last = SubjectPage.merge(List.of(fromB, fromC), 10);
        assertThat(last.next()).isNull();
        assertThat(SubjectPage.merge(List.of(), 5).subjects()).isEmpty();
    }

    @Test
    void keysSortByTheirUtf8BytesAsTheStoreSortsThem() {
        // U+FF5E sorts before U+1F600 in UTF-8 (and in the store), after it in UTF-16.
        String fullwidth = "x/\uFF5E";
        String emoji = "x/\uD83D\uDE00";
        assertThat(fullwidth.compareTo(emoji)).isPositive();
        assertThat(SubjectKeyOrder.compare(fullwidth, emoji)).isNegative();
        assertThat(keys(SubjectPage.merge(List.of(page(false, emoji), page(false, fullwidth)), 5)))
            .containsExactly(fullwidth, emoji);
    }

    @Test
    void aQueryStartsAtItsPrefixOrAfterTheLastKeyShown() {
        SubjectQuery first = SubjectQuery.of(Map.of("prefix", "russia/"));
        assertThat(first.limit()).isEqualTo(SubjectQuery.DEFAULT_LIMIT);
        assertThat(first.scanFrom()).isEqualTo("russia/");
        assertThat(first.admits("russia/soldier/killed")).isTrue();
        assertThat(first.passed("sudan/person/killed")).isTrue();

        SubjectQuery next = SubjectQuery.of(Map.of("prefix", "russia/", "after", "russia/soldier/killed", "limit", "5"));
        assertThat(next.scanFrom()).isEqualTo("russia/soldier/killed");
        assertThat(next.admits("russia/soldier/killed")).as("after is exclusive").isFalse();
        assertThat(next.admits("russia/soldier/lost")).isTrue();

        SubjectQuery stale = SubjectQuery.of(Map.of("prefix", "sudan/", "after", "russia/soldier/killed"));
        assertThat(stale.scanFrom()).as("an after before the prefix").isEqualTo("sudan/");
    }

    @Test
    void limitsOutsideOneToAHundredAndOverlongKeysAreBadRequests() {
        for (String limit : List.of("0", "101", "-1", "many", "1e3")) {
            assertThatThrownBy(() -> SubjectQuery.of(Map.of("limit", limit))).as(limit)
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
                .hasMessageContaining("limit must be");
        }
        assertThat(SubjectQuery.of(Map.of("limit", "100")).limit()).isEqualTo(100);
        assertThatThrownBy(() -> SubjectQuery.of(Map.of("prefix", "p".repeat(501))))
            .hasMessage("prefix is longer than 500 characters");
    }

    private static SubjectPage page(boolean more, String... keys) {
        List<JsonNode> subjects = Arrays.stream(keys)
            .map(k -> (JsonNode) JsonNodeFactory.instance.objectNode().put("subject_key", k))
            .toList();
        return new SubjectPage(subjects, more);
    }

    private static List<String> keys(SubjectPage page) {
        return page.subjects().stream().map(SubjectPage::key).toList();
    }
}
