package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Property-based fuzzing of the extractor on generated hostile texts: long digit runs, digits of
 * mixed scripts, separators without numbers, endless lists, nested brackets, text without full
 * stops, repeated and countless names, random characters (surrogates, controls), RTL marks and
 * emoji, glued together in any order and amount. On every one the extractor returns, never throws
 * and gives only well-formed claims.
 *
 * <p>The extractor here has its limits lifted (no time budget to cut a slow rule short, no claim
 * cap to hide many figures), so every rule runs on the whole text. How long it takes is measured
 * where timing belongs, in the hostile-text benchmark ({@code bench/run --only hostile}: cost per
 * KB of each kind of hostile text against ordinary news); a wall-clock bound here failed on a
 * loaded machine with no rule at fault. The default run is 40 tries ({@code jqwik.tries.default}
 * in junit-platform.properties), a few seconds; {@code -Djqwik.tries.default=2000} runs it longer.
 */
class HostileTextFuzzTest {

    private static final ClaimExtractor UNLIMITED = new ClaimExtractor(
        new ExtractionLimits(64 << 20, 10_000_000, Duration.ofMinutes(10)));
    private static final ClaimExtractor DEFAULT = new ClaimExtractor();

    /** Zero in several scripts: ASCII, Arabic-Indic, Persian, Devanagari, Bengali, Thai, fullwidth, N'Ko. */
    private static final char[] ZEROS = {'0', '\u0660', '\u06F0', '\u0966', '\u09E6', '\u0E50', '\uFF10', '\u07C0'};
    private static final String[] NAMES = {"Volodymyr Zelensky", "the General Staff", "NATO", "Mr. Smith", "Ukraine's",
        "the agency", "Russia", "President", "the company", "Nordwind Motors", "The", "It", "he said", "they"};
    private static final String[] WORDS = {"said", "lost", "soldiers", "billion", "million", "percent", "%", "$", "€",
        "up", "down", "rose", "fell", "by", "to", "from", "between", "and", "of", "the", "a", "half", "dozen",
        "hundred", "thousand", "Feb.", "a.m.", "per", "km", "MW", "troops", "according", "in", "at least", "nearly"};

    @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED) // the texts are long: 40 tries are a few seconds
    void neverThrowsAndGivesOnlyWellFormedClaims(@ForAll("hostileTexts") String text) {
        ArticleText article = new ArticleText("fuzz", "Headline 1,2,3", text, null, "https://x.example/", "fuzz");

        ClaimExtractor.Result result = UNLIMITED.extractWithin(article, kind -> { });
        List<Quantity> quantities = UNLIMITED.quantities(article);

        for (NumericClaim c : result.claims()) {
            assertThat(Double.isFinite(c.value())).as("value of %s", c.span()).isTrue();
            assertThat(c.valueHigh() == null || Double.isFinite(c.valueHigh())).isTrue();
            assertThat(c.subjectKey()).isNotBlank();
            assertThat(c.claimKey()).isNotBlank().doesNotContain("Infinity", "NaN");
            assertThat(c.start()).isBetween(0, c.end());
            assertThat(text.substring(c.start(), c.end())).isEqualTo(c.span());
        }
        assertThat(quantities).allSatisfy(q -> assertThat(Double.isFinite(q.value())).isTrue());
    }

    @Property(tries = 20, shrinking = ShrinkingMode.BOUNDED)
    void theDefaultLimitsHoldOnAnyText(@ForAll("hostileTexts") String text) {
        ClaimExtractor.Result result = DEFAULT.extractWithin(ArticleText.of("fuzz", text), kind -> { });

        assertThat(result.claims()).hasSizeLessThanOrEqualTo(DEFAULT.limits().maxClaims());
    }

    @Provide
    Arbitrary<String> hostileTexts() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
            digitRuns(), mixedScriptNumbers(), separators(), endlessLists(), nestedBrackets(), noFullStops(),
            names(), randomCharacters(), marksAndEmoji(), wordSalad());
        return fragment.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join(" ", parts));
    }

    /** Long runs of one script's digits, with or without thousands separators and points. */
    private static Arbitrary<String> digitRuns() {
        return Combinators.combine(Arbitraries.of(ZEROS), Arbitraries.integers().between(1, 40_000),
            Arbitraries.of("", ",", ".", ",000"))
            .as((zero, length, separator) -> {
                StringBuilder sb = new StringBuilder(length * (1 + separator.length()));
                for (int i = 0; i < length; i++) {
                    sb.append((char) (zero + (i * 7 + length) % 10));
                    if (!separator.isEmpty() && i % 3 == 2) {
                        sb.append(separator);
                    }
                }
                return sb.toString();
            });
    }

    /** Figures whose digits mix scripts, with scales and units around them. */
    private static Arbitrary<String> mixedScriptNumbers() {
        Arbitrary<String> digit = Arbitraries.of(ZEROS).flatMap(z -> Arbitraries.integers().between(0, 9)
            .map(d -> String.valueOf((char) (z + d))));
        Arbitrary<String> number = digit.list().ofMinSize(1).ofMaxSize(12).map(ds -> String.join("", ds));
        return Combinators.combine(Arbitraries.of("", "$", "about ", "between "), number,
                Arbitraries.of("", " billion", "bn", "%", " soldiers", " and ", "-", " to 5", ",5", ".5"))
            .as((before, n, after) -> before + n + after).list().ofMaxSize(200).map(l -> String.join(" ", l));
    }

    /** Separators, currency signs and points with no number to hold. */
    private static Arbitrary<String> separators() {
        return Combinators.combine(Arbitraries.of(",", ".", ", ", ". ", "-", "–", "$", "%", "…", "'s", "\"", "(", ")", ":"),
            Arbitraries.integers().between(1, 30_000)).as(String::repeat);
    }

    /** "1,1,1,...", "100 100 100 ...", "1, 2, 3 and 4": lists that never end. */
    private static Arbitrary<String> endlessLists() {
        return Combinators.combine(Arbitraries.of("1,", "100 ", "1, ", "12 soldiers, ", "$5bn and ", "3% to ", "two, ",
                "Feb. 15, ", "1-2-", "10 and ", "5 crowns, ", "3 pesos and ", "their 5 tanks and ", "\"5 of them,\" "),
            Arbitraries.integers().between(1, 20_000)).as(String::repeat);
    }

    /** Brackets nested thousands deep around a figure. */
    private static Arbitrary<String> nestedBrackets() {
        return Combinators.combine(Arbitraries.of("(", "[", "\"", "“", "«"), Arbitraries.integers().between(1, 5_000),
                Arbitraries.of("5 soldiers", "about $3bn", "", "Zelensky said"))
            .as((open, depth, inside) -> open.repeat(depth) + inside + closing(open).repeat(depth));
    }

    private static String closing(String open) {
        return switch (open) {
            case "(" -> ")";
            case "[" -> "]";
            case "“" -> "”";
            case "«" -> "»";
            default -> open;
        };
    }

    /** A sentence that never stops: clauses with figures and names, no full stop. */
    private static Arbitrary<String> noFullStops() {
        return Combinators.combine(Arbitraries.of("officials said ", "Russia lost ", "the company said revenue rose ",
                    "and "), Arbitraries.integers().between(1, 999),
                Arbitraries.of(" troops and ", "% and ", " people were hurt, ", " million and "))
            .as((a, n, b) -> a + n + b).list().ofMinSize(1).ofMaxSize(3_000).map(l -> String.join("", l));
    }

    /** One name said again and again, or thousands of distinct capitalised names. */
    private static Arbitrary<String> names() {
        Arbitrary<String> repeated = Combinators.combine(Arbitraries.of(NAMES), Arbitraries.integers().between(1, 5_000))
            .as((name, n) -> (name + " said 5 soldiers died. ").repeat(n));
        Arbitrary<String> distinct = Arbitraries.integers().between(1, 5_000).map(n -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append("Minister ").append(name(i)).append(' ').append(name(i * 31 + 7)).append(" said ")
                    .append(i % 500 + 2).append(" tanks, the agency said. ");
            }
            return sb.toString();
        });
        return Arbitraries.oneOf(repeated, distinct);
    }

    private static String name(int i) {
        StringBuilder sb = new StringBuilder().append((char) ('A' + i % 26));
        for (int k = i / 26; k > 0; k /= 26) {
            sb.append((char) ('a' + k % 26));
        }
        return sb.append("ov").toString();
    }

    /** Any characters at all: controls, lone surrogates, private use, combining marks. */
    private static Arbitrary<String> randomCharacters() {
        return Arbitraries.strings().all().ofMaxLength(20_000);
    }

    /** RTL and bidi marks, zero-width joiners and emoji between figures and words. */
    private static Arbitrary<String> marksAndEmoji() {
        return Arbitraries.of("\u200F", "\u202E", "\u200E", "\u2066", "\u200D", "\uFEFF", "😀", "👩‍👩‍👧", "🇺🇦",
                "\u0301", "٫", "٬", " ٣٥ ", "\u00A0", "\u2009", "5\u200F000", "$\u202E12bn", "𝟓𝟎", "Ⅻ")
            .list().ofMinSize(1).ofMaxSize(3_000).map(l -> String.join("", l));
    }

    /** The extractor's own vocabulary in random order: cues, scales, units, qualifiers. */
    private static Arbitrary<String> wordSalad() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.integers().between(0, 100_000)
            .map(String::valueOf));
        return token.list().ofMinSize(1).ofMaxSize(5_000).map(l -> String.join(" ", l));
    }
}
