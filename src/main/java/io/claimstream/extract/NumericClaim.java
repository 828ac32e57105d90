package io.claimstream.extract;

/**
 * One numeric claim of an article.
 *
 * @param start      offset of the span's first character in the article text
 * @param end        offset just after the span's last character
 * @param span       the words that state the quantity, with qualifier and unit words
 * @param sentence   the sentence the claim comes from
 * @param value      the figure, normalised; the low end of a range
 * @param valueHigh  the high end of a range, or null
 * @param unit       canonical unit symbol, ISO 4217 code (lower case), or singular counted noun
 * @param kind       count, money, measure, percent or fraction
 * @param qualifier  exact, approximate, at least, at most
 * @param change     direction when the figure is a change, or null
 * @param claimant   who the article attributes the figure to, or null for the outlet's own voice
 * @param subject    readable description of what is quantified
 * @param subjectKey deterministic key of what is quantified
 * @param claimKey   subject key, canonical value and unit
 */
public record NumericClaim(int start, int end, String span, String sentence, double value, Double valueHigh,
                           String unit, QuantityKind kind, Qualifier qualifier, Change change, String claimant,
                           String subject, String subjectKey, String claimKey) {
}
