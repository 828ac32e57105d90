package io.claimstream.extract;

/**
 * A shortcut around {@code new BigDecimal(value).round(...)} for the figures the news states.
 * {@link Double#toString} writes a double with digits that read back to it, so the decimal it
 * writes lies within half a unit in the last place of the double's exact binary value. When that
 * decimal has at most {@code n} significant digits, rounding the exact value to {@code n}
 * significant digits gives that same decimal: the exact value is far closer to it (about 1e-16
 * relative) than to any midpoint between decimals of {@code n} digits (5e-12 relative or more for
 * {@code n <= 12}). Such figures ("12.1", "0.81", "3.75") then skip the BigDecimal arithmetic.
 */
final class Decimals {

    private Decimals() {
    }

    /**
     * The significant digits of {@code written}, a {@link Double#toString} of a value that is not a
     * whole number, or -1 when it is written with an exponent ("1.0E-5").
     */
    static int significantDigits(String written) {
        int digits = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == 'E') {
                return -1;
            }
            if (c >= '0' && c <= '9' && (digits > 0 || c != '0')) {
                digits++; // from the first digit that is not zero; a sign or point is no digit
            }
        }
        return digits;
    }
}
