package io.claimstream.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scales the figures of an article by one factor, keeping how each is written (digit grouping,
 * decimals, significant digits), so that a retold story states other figures in the same words.
 * Dates, years, times, ordinals and identifiers are left alone: they are not claims, and the
 * extractor must keep ignoring them.
 */
final class NumberVariation {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");
    /** Letters that may follow a figure directly: scale suffixes ("$1.5bn", "£120m"). */
    private static final Pattern SCALE_SUFFIX = Pattern.compile("(?:bn|tn|m|k|b)(?![\\p{L}\\p{N}])");
    private static final Pattern PERCENT_AFTER = Pattern.compile("\\s?(?:%|percent|per cent)");
    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec");

    private NumberVariation() {
    }

    /** {@code text} with every figure multiplied by {@code factor}. */
    static String scale(String text, double factor) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        while (m.find()) {
            if (!isFigure(text, m.start(), m.end())) {
                continue;
            }
            out.append(text, copied, m.start()).append(scaled(m.group(), factor, isPercent(text, m.end())));
            copied = m.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean isFigure(String text, int start, int end) {
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = end < text.length() ? text.charAt(end) : ' ';
        if (Character.isLetter(before) || before == '/' || before == '#' || before == ':' || before == '.') {
            return false; // identifiers (T-72 is caught below), versions, times
        }
        if (before == '-' && (start < 2 || !Character.isDigit(text.charAt(start - 2)))) {
            return false; // T-72, COVID-19; but the second half of a range "10-15" scales with the first
        }
        if (after == ':' || after == '-' && end + 1 < text.length() && Character.isLetter(text.charAt(end + 1))) {
            return false; // 9:30, 41-year-old
        }
        if (Character.isLetter(after) && !SCALE_SUFFIX.matcher(text).region(end, text.length()).lookingAt()) {
            return false; // 2nd, 4G
        }
        String digits = text.substring(start, end);
        if (digits.length() == 4 && digits.indexOf('.') < 0) {
            int year = Integer.parseInt(digits);
            if (year >= 1900 && year <= 2100) {
                return false;
            }
        }
        return !afterMonth(text, start) && !beforeMonth(text, end);
    }

    private static boolean afterMonth(String text, int start) {
        int end = start - 1;
        while (end > 0 && text.charAt(end) == ' ') {
            end--;
        }
        if (end >= 0 && text.charAt(end) == '.') {
            end--;
        }
        int begin = end;
        while (begin >= 0 && Character.isLetter(text.charAt(begin))) {
            begin--;
        }
        return end > begin && MONTHS.contains(text.substring(begin + 1, end + 1).toLowerCase(Locale.ROOT));
    }

    /** "30 June", "9 Sept." */
    private static boolean beforeMonth(String text, int end) {
        int begin = end;
        while (begin < text.length() && text.charAt(begin) == ' ') {
            begin++;
        }
        int stop = begin;
        while (stop < text.length() && Character.isLetter(text.charAt(stop))) {
            stop++;
        }
        return begin > end && stop > begin && MONTHS.contains(text.substring(begin, stop).toLowerCase(Locale.ROOT));
    }

    private static boolean isPercent(String text, int end) {
        return PERCENT_AFTER.matcher(text).region(end, text.length()).lookingAt();
    }

    static String scaled(String written, double factor, boolean percent) {
        boolean grouped = written.indexOf(',') >= 0;
        String plain = written.replace(",", "");
        int decimals = plain.indexOf('.') < 0 ? 0 : plain.length() - plain.indexOf('.') - 1;
        BigDecimal value = new BigDecimal(plain);
        if (value.signum() == 0) {
            return written;
        }
        BigDecimal result = value.multiply(BigDecimal.valueOf(factor))
            .round(new MathContext(Math.max(1, significantDigits(plain)), RoundingMode.HALF_UP))
            .setScale(decimals, RoundingMode.HALF_UP);
        if (result.signum() <= 0 || percent && result.compareTo(BigDecimal.valueOf(100)) > 0) {
            return written;
        }
        if (!grouped) {
            return result.toPlainString();
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", result);
    }

    private static int significantDigits(String plain) {
        String digits = plain.replace(".", "").replaceFirst("^0+", "");
        if (plain.indexOf('.') < 0) {
            digits = digits.replaceFirst("0+$", "");
        }
        return digits.length();
    }
}
