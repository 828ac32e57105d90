package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimeAxisTest {

    @Test
    void oneMomentGetsTheDayAroundItInSixHourTicksNotADegenerateAxis() {
        Instant moment = Instant.parse("2025-02-15T17:05:00Z");
        TimeAxis axis = TimeAxis.covering(moment, moment, 7);
        assertThat(labels(axis)).containsExactly("15 Feb 2025", "06:00", "12:00", "18:00", "16 Feb", "06:00");
        assertThat(axis.position(moment)).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void aWeekOfReportsIsCutAtDaysOrEveryOtherDay() {
        TimeAxis axis = TimeAxis.covering(Instant.parse("2025-06-10T07:45:00Z"), Instant.parse("2025-06-16T18:30:00Z"), 7);
        // 10 to 16 June in days would be 8 ticks: every other day, on days since the epoch.
        assertThat(labels(axis)).containsExactly("9 Jun 2025", "11 Jun", "13 Jun", "15 Jun", "17 Jun");
        assertThat(axis.start()).isEqualTo(Instant.parse("2025-06-09T00:00:00Z"));
        assertThat(axis.end()).isEqualTo(Instant.parse("2025-06-17T00:00:00Z"));
    }

    @Test
    void monthsAndYearsNameTheYearWhereItChanges() {
        TimeAxis months = TimeAxis.covering(Instant.parse("2025-01-10T08:00:00Z"), Instant.parse("2025-10-30T04:00:00Z"), 7);
        assertThat(labels(months)).containsExactly("Jan 2025", "Apr", "Jul", "Oct", "Jan 2026");

        TimeAxis years = TimeAxis.covering(Instant.parse("2019-05-01T00:00:00Z"), Instant.parse("2025-03-01T00:00:00Z"), 7);
        assertThat(labels(years)).containsExactly("2018", "2020", "2022", "2024", "2026");
    }

    @Test
    void minutesApartAreCutAtMinutesWithTheDayOnceAndNeverMoreTicksThanAsked() {
        TimeAxis axis = TimeAxis.covering(Instant.parse("2025-10-30T01:00:00Z"), Instant.parse("2025-10-30T04:00:00Z"), 7);
        // Half hours would take 9 ticks (00:30 to 04:30): hours it is.
        assertThat(labels(axis)).containsExactly("30 Oct 2025", "01:00", "02:00", "03:00", "04:00", "05:00");
        assertThat(labels(TimeAxis.covering(Instant.parse("2025-10-30T01:10:00Z"), Instant.parse("2025-10-30T02:20:00Z"), 7)))
            .containsExactly("30 Oct 2025 01:00", "01:15", "01:30", "01:45", "02:00", "02:15", "02:30");
    }

    @Test
    void everySpanFromMinutesToDecadesFitsItsTicksAndKeepsItsPointsInside() {
        Instant first = Instant.parse("2025-03-03T10:05:00Z");
        for (long seconds : List.of(0L, 59L, 3_600L, 5_000L, 86_400L, 3 * 86_400L, 40 * 86_400L, 400 * 86_400L, 9_000 * 86_400L)) {
            Instant last = first.plusSeconds(seconds);
            TimeAxis axis = TimeAxis.covering(first, last, 7);
            assertThat(axis.ticks()).as("%d s", seconds).hasSizeBetween(3, 7);
            assertThat(axis.position(first)).as("%d s", seconds).isStrictlyBetween(0.0, 1.0);
            assertThat(axis.position(last)).as("%d s", seconds).isStrictlyBetween(0.0, 1.0);
            List<String> labels = labels(axis);
            for (int i = 1; i < labels.size(); i++) {
                assertThat(labels.get(i)).as("%d s: %s", seconds, labels).isNotEqualTo(labels.get(i - 1));
            }
        }
    }

    private static List<String> labels(TimeAxis axis) {
        return axis.ticks().stream().map(TimeAxis.Tick::label).toList();
    }
}
