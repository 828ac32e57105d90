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

        SubjectPage merged = SubjectPage.merge(List.of(fromA, fromB, fromC), SubjectOrder.KEY, 2);
        assertThat(keys(merged)).containsExactly("a/1", "a/2");
        assertThat(merged.next(SubjectOrder.KEY)).isEqualTo("a/2");

        SubjectPage wide = SubjectPage.merge(List.of(fromA, fromB, fromC), SubjectOrder.KEY, 10);
        assertThat(keys(wide)).containsExactly("a/1", "a/2", "b/1", "c/1", "d/1");
        assertThat(wide.next(SubjectOrder.KEY)).as("a has more, after c/1 at the earliest").isEqualTo("d/1");

        SubjectPage last = SubjectPage.merge(List.of(fromB, fromC), SubjectOrder.KEY, 10);
        assertThat(last.next(SubjectOrder.KEY)).isNull();
        assertThat(SubjectPage.merge(List.of(), SubjectOrder.KEY, 5).subjects()).isEmpty();
    }

    @Test
    void keysSortByTheirUtf8BytesAsTheStoreSortsThem() {
        // U+FF5E sorts before U+1F600 in UTF-8 (and in the store), after it in UTF-16.
        String fullwidth = "x/\uFF5E";
        String emoji = "x/\uD83D\uDE00";
        assertThat(fullwidth.compareTo(emoji)).isPositive();
        assertThat(SubjectKeyOrder.compare(fullwidth, emoji)).isNegative();
        assertThat(keys(SubjectPage.merge(List.of(page(false, emoji), page(false, fullwidth)), SubjectOrder.KEY, 5)))
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

    @Test
    void recentPutsTheLatestChangeFirstAndBreaksTiesByMentionsThenKey() {
        SubjectRank old = rank("a/old", "2025-01-01T00:00:00Z", 9);
        SubjectRank newer = rank("b/new", "2025-06-01T00:00:00Z", 1);
        SubjectRank sameTimeLaterKey = rank("c/new", "2025-06-01T00:00:00Z", 5);
        // Changed at the same time (one article, several subjects): the most mentioned first.
        assertThat(sorted(SubjectOrder.RECENT, old, sameTimeLaterKey, newer)).containsExactly("c/new", "b/new", "a/old");
        SubjectRank sameTimeSameMentions = rank("a/new", "2025-06-01T00:00:00Z", 1);
        assertThat(sorted(SubjectOrder.RECENT, newer, sameTimeSameMentions)).containsExactly("a/new", "b/new");
        assertThat(sorted(SubjectOrder.REPORTED, old, sameTimeLaterKey, newer)).containsExactly("a/old", "c/new", "b/new");
        assertThat(sorted(SubjectOrder.KEY, sameTimeLaterKey, old, newer)).containsExactly("a/old", "b/new", "c/new");
        // Reported: equal mentions fall back to the latest change, then the key.
        SubjectRank fiveOlder = rank("a/five", "2025-03-01T00:00:00Z", 5);
        assertThat(sorted(SubjectOrder.REPORTED, fiveOlder, sameTimeLaterKey)).containsExactly("c/new", "a/five");
    }

    @Test
    void aCursorNamesItsPlaceSoThatPagesOfEveryOrderMeetWithoutGapOrOverlap() {
        List<SubjectRank> all = List.of(rank("x/1", "2025-02-01T00:00:00Z", 3), rank("x/2", "2025-02-01T00:00:00Z", 3),
            rank("y|odd/key", "2025-05-01T10:00:00Z", 1), rank("z/1", "2024-12-31T23:59:59Z", 7), rank("a/1", "2025-05-01T10:00:00Z", 7));
        for (SubjectOrder order : SubjectOrder.values()) {
            // Two sources holding disjoint subjects, paged two at a time through their merge.
            List<SubjectRank> expected = all.stream().sorted(order.comparator()).toList();
            List<String> paged = new java.util.ArrayList<>();
            String after = "";
            for (int pages = 0; after != null && pages < 10; pages++) {
                SubjectQuery query = new SubjectQuery("", after, 2, order);
                SubjectPage merged = SubjectPage.merge(List.of(source(order, query, all.subList(0, 2)),
                    source(order, query, all.subList(2, all.size()))), order, query.limit());
                merged.entries().forEach(e -> paged.add(e.rank().key()));
                after = merged.next(order);
                if (after != null) {
                    assertThat(order.after(after)).as("%s cursor %s", order, after).isEqualTo(strip(order, merged.entries()
                        .get(merged.entries().size() - 1).rank()));
                }
            }
            assertThat(paged).as(order.parameter()).containsExactlyElementsOf(expected.stream().map(SubjectRank::key).toList());
        }
    }

    @Test
    void anUnknownOrderOrACursorOfAnotherOrderIsABadRequest() {
        assertThat(SubjectQuery.of(Map.of()).order()).as("the API's default, as before").isEqualTo(SubjectOrder.KEY);
        assertThat(SubjectQuery.of(Map.of("order", "recent")).order()).isEqualTo(SubjectOrder.RECENT);
        assertThatThrownBy(() -> SubjectQuery.of(Map.of("order", "newest")))
            .isInstanceOf(ApiException.class).hasMessage("order must be recent, reported or key, not 'newest'");
        assertThatThrownBy(() -> SubjectQuery.of(Map.of("order", "recent", "after", "sudan/person-killed")))
            .isInstanceOf(ApiException.class)
            .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
            .hasMessageContaining("is not a place in the recent order");
        assertThatThrownBy(() -> SubjectQuery.of(Map.of("order", "reported", "after", "12|x")))
            .hasMessageContaining("is not a place in the reported order");
    }

    /** One source's page of the query: its first subjects after the cursor, as a store scan gives them. */
    private static SubjectPage source(SubjectOrder order, SubjectQuery query, List<SubjectRank> held) {
        SubjectRank after = order.after(query.after());
        List<SubjectRank> following = held.stream().filter(r -> after == null || order.comparator().compare(r, after) > 0)
            .sorted(order.comparator()).toList();
        List<SubjectPage.Ranked> entries = following.stream().limit(query.limit())
            .map(r -> new SubjectPage.Ranked(r, JsonNodeFactory.instance.objectNode().put("subject_key", r.key()))).toList();
        return new SubjectPage(entries, following.size() > query.limit());
    }

    /** What a cursor of {@code order} keeps of a rank: the fields the order compares. */
    private static SubjectRank strip(SubjectOrder order, SubjectRank rank) {
        return switch (order) {
            case KEY -> new SubjectRank(rank.key(), java.time.Instant.EPOCH, 0);
            case RECENT, REPORTED -> rank;
        };
    }

    private static List<String> sorted(SubjectOrder order, SubjectRank... ranks) {
        return Arrays.stream(ranks).sorted(order.comparator()).map(SubjectRank::key).toList();
    }

    private static SubjectRank rank(String key, String updated, long mentions) {
        return new SubjectRank(key, java.time.Instant.parse(updated), mentions);
    }

    private static SubjectPage page(boolean more, String... keys) {
        List<SubjectPage.Ranked> subjects = Arrays.stream(keys)
            .map(k -> new SubjectPage.Ranked(SubjectRank.of(JsonNodeFactory.instance.objectNode().put("subject_key", k)),
                JsonNodeFactory.instance.objectNode().put("subject_key", k)))
            .toList();
        return new SubjectPage(subjects, more);
    }

    private static List<String> keys(SubjectPage page) {
        return page.subjects().stream().map(SubjectPage::key).toList();
    }
}
