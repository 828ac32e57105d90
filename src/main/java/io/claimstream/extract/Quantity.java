package io.claimstream.extract;

/**
 * A number the recogniser found in an article, claim or not: where it is, what it is worth and
 * what kind of quantity it is.
 */
public record Quantity(int start, int end, String span, double value, Double valueHigh, String unit,
                       QuantityKind kind, Qualifier qualifier, Change change) {
}
