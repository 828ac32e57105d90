package io.claimstream.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates Rome gives up on: ISO forms with a space or without a colon in the offset,
 * RFC 822 with full month names or a wrong weekday, "March 5, 2025", bare dates. A time without
 * a zone is taken as UTC.
 */
final class PublishedDateParser {

    private static final Pattern LEADING_WEEKDAY = Pattern.compile("^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+");
    private static final List<DateTimeFormatter> FORMATS = List.of(
        DateTimeFormatter.ISO_OFFSET_DATE_TIME,
        DateTimeFormatter.ISO_LOCAL_DATE_TIME,
        format("yyyy-MM-dd['T'][' ']HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][' '][XXX][XX][X][z]"),
        format("d MMM yyyy HH:mm[:ss][' '][XXX][XX][X][z]"),
        format("d MMMM yyyy HH:mm[:ss][' '][XXX][XX][X][z]"),
        format("MMMM d, yyyy[' '][h:mm[:ss][' ']a][' '][z]"),
        format("MMM d, yyyy[' '][h:mm[:ss][' ']a][' '][z]"),
        format("MMMM d, yyyy[' 'HH:mm[:ss]][' '][z]"),
        format("d MMMM yyyy"),
        format("d MMM yyyy"),
        format("yyyy/MM/dd[' 'HH:mm[:ss]]"),
        DateTimeFormatter.ISO_LOCAL_DATE);
    /** RFC 822's North American zones are fixed offsets; Java's zone names would apply summer time. */
    private static final Map<String, String> RFC822_ZONES = Map.of(
        "UT", "+0000", "EST", "-0500", "EDT", "-0400", "CST", "-0600", "CDT", "-0500",
        "MST", "-0700", "MDT", "-0600", "PST", "-0800", "PDT", "-0700");
    private static final Pattern TRAILING_ZONE = Pattern.compile(" ([A-Z]{2,3})$");

    private PublishedDateParser() {
    }

    /** The instant {@code text} names, or null when it is not a date this parser knows. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = LEADING_WEEKDAY.matcher(text.trim().replaceAll("\\s+", " ")).replaceFirst("");
        Matcher zone = TRAILING_ZONE.matcher(t);
        if (zone.find() && RFC822_ZONES.containsKey(zone.group(1))) {
            t = t.substring(0, zone.start()) + " " + RFC822_ZONES.get(zone.group(1));
        }
        for (DateTimeFormatter f : FORMATS) {
            Instant parsed = tryParse(t, f);
            if (parsed != null) {
                return parsed;
            }
        }
        return null;
    }

    private static Instant tryParse(String text, DateTimeFormatter format) {
        try {
            TemporalAccessor t = format.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
            if (t instanceof ZonedDateTime) {
                return ((ZonedDateTime) t).toInstant();
            }
            if (t instanceof LocalDateTime) {
                return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static DateTimeFormatter format(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }
}
