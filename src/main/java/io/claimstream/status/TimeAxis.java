package io.claimstream.status;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The time axis of a chart: a span that covers the times given, cut at round times (every 15
 * minutes, 6 hours, day, Monday, month, quarter, year...) chosen so that at most
 * {@code maxTicks} ticks fall on it, each labelled as briefly as its neighbours allow ("06:00",
 * "12 Jun", "Mar", "2025"), with the day, month or year named where it changes. Times are UTC.
 *
 * @param start the left end of the axis, a tick
 * @param end the right end of the axis, a tick
 * @param ticks from start to end
 */
record TimeAxis(Instant start, Instant end, List<Tick> ticks) {

    /** A labelled time on the axis. */
    record Tick(Instant at, String label) {
    }

    /** Times closer than this are one moment: the axis then shows the day around it. */
    private static final Duration ONE_MOMENT = Duration.ofHours(1);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_AND_YEAR = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ENGLISH);

    /** The steps tried, shortest first. */
    private enum Step {
        MINUTES_1(ChronoUnit.MINUTES, 1), MINUTES_5(ChronoUnit.MINUTES, 5), MINUTES_15(ChronoUnit.MINUTES, 15),
        MINUTES_30(ChronoUnit.MINUTES, 30), HOURS_1(ChronoUnit.HOURS, 1), HOURS_3(ChronoUnit.HOURS, 3),
        HOURS_6(ChronoUnit.HOURS, 6), HOURS_12(ChronoUnit.HOURS, 12), DAYS_1(ChronoUnit.DAYS, 1), DAYS_2(ChronoUnit.DAYS, 2),
        WEEKS_1(ChronoUnit.WEEKS, 1), MONTHS_1(ChronoUnit.MONTHS, 1), MONTHS_3(ChronoUnit.MONTHS, 3),
        MONTHS_6(ChronoUnit.MONTHS, 6), YEARS_1(ChronoUnit.YEARS, 1), YEARS_2(ChronoUnit.YEARS, 2),
        YEARS_5(ChronoUnit.YEARS, 5), YEARS_10(ChronoUnit.YEARS, 10), YEARS_50(ChronoUnit.YEARS, 50),
        YEARS_100(ChronoUnit.YEARS, 100);

        final ChronoUnit unit;
        final int count;

        Step(ChronoUnit unit, int count) {
            this.unit = unit;
            this.count = count;
        }

        /** The latest tick at or before {@code t}. */
        ZonedDateTime floor(ZonedDateTime t) {
            return switch (unit) {
                case MINUTES -> t.truncatedTo(ChronoUnit.HOURS).plusMinutes(t.getMinute() / count * count);
                case HOURS -> t.truncatedTo(ChronoUnit.DAYS).plusHours(t.getHour() / count * count);
                case DAYS -> {
                    LocalDate day = t.toLocalDate();
                    yield day.minusDays(Math.floorMod(day.toEpochDay(), count)).atStartOfDay(ZoneOffset.UTC);
                }
                case WEEKS -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTHS -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / count * count + 1);
                default -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), count) * count);
            };
        }

        ZonedDateTime next(ZonedDateTime t) {
            return t.plus(count, unit);
        }
    }

    TimeAxis {
        ticks = List.copyOf(ticks);
    }

    /**
     * The axis over {@code first} to {@code last}, with at most {@code maxTicks} ticks (at least
     * 3): both times lie strictly inside it, so no point sits on an end of the axis.
     */
    static TimeAxis covering(Instant first, Instant last, int maxTicks) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last " + last + " is before first " + first);
        }
        if (maxTicks < 3) {
            throw new IllegalArgumentException("an axis needs room for 3 ticks, not " + maxTicks);
        }
        Instant from = first;
        Instant to = last;
        if (Duration.between(first, last).compareTo(ONE_MOMENT) < 0) {
            Instant middle = first.plus(Duration.between(first, last).dividedBy(2));
            from = middle.minus(Duration.ofHours(12));
            to = middle.plus(Duration.ofHours(12));
        }
        ZonedDateTime lo = from.atZone(ZoneOffset.UTC);
        ZonedDateTime hi = to.atZone(ZoneOffset.UTC);
        for (Step step : Step.values()) {
            ZonedDateTime start = step.floor(lo);
            if (!start.isBefore(lo)) {
                start = step.floor(lo.minusNanos(1)); // the first time just inside, not on the end
            }
            List<ZonedDateTime> at = new ArrayList<>();
            at.add(start);
            ZonedDateTime t = start;
            while (!t.isAfter(hi) && at.size() <= maxTicks) {
                t = step.next(t);
                at.add(t);
            }
            if (at.size() <= maxTicks) {
                return new TimeAxis(start.toInstant(), t.toInstant(), labels(step, at));
            }
        }
        throw new IllegalArgumentException("no step of at most a century fits " + first + " to " + last + " in " + maxTicks + " ticks");
    }

    /** Where {@code t} falls on the axis, 0 at its start and 1 at its end. */
    double position(Instant t) {
        double span = end.toEpochMilli() - start.toEpochMilli();
        return (t.toEpochMilli() - start.toEpochMilli()) / span;
    }

    private static List<Tick> labels(Step step, List<ZonedDateTime> at) {
        List<Tick> ticks = new ArrayList<>(at.size());
        ZonedDateTime previous = null;
        for (ZonedDateTime t : at) {
            ticks.add(new Tick(t.toInstant(), label(step, t, previous)));
            previous = t;
        }
        return ticks;
    }

    /** The shortest label that, read after the previous tick's, names the time: the day, month or year only where it changes. */
    private static String label(Step step, ZonedDateTime t, ZonedDateTime previous) {
        boolean newYear = previous == null || previous.getYear() != t.getYear();
        return switch (step.unit) {
            case MINUTES, HOURS -> {
                boolean newDay = previous == null || !previous.toLocalDate().equals(t.toLocalDate());
                if (!newDay) {
                    yield HOUR.format(t);
                }
                String day = (newYear ? DAY_AND_YEAR : DAY).format(t);
                yield t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? day : day + " " + HOUR.format(t);
            }
            case DAYS, WEEKS -> (newYear ? DAY_AND_YEAR : DAY).format(t);
            case MONTHS -> (newYear ? MONTH_AND_YEAR : MONTH).format(t);
            default -> YEAR.format(t);
        };
    }
}
