package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Texts no newsroom writes, which an outlet's feed may still carry: digits of other scripts,
 * numbers of any length, endless lists. Each is read or skipped, never thrown on, and never
 * costs the article's other claims.
 */
class HostileTextTest {

    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();

    private static List<NumericClaim> claims(String text) {
        return EXTRACTOR.extract(ArticleText.of("a", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"١٢٣", "۱۲۳", "१२३", "１２３", "1٢3", "১২৩"})
    void digitsOfEveryScriptAreReadAsNumbers(String digits) {
        List<NumericClaim> found = claims("Officials said " + digits + " soldiers were killed on the border.");

        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.value()).isEqualTo(123.0);
            assertThat(c.unit()).isEqualTo("soldier");
            assertThat(c.span()).startsWith(digits);
        });
    }

    @Test
    void otherScriptDigitsWithSeparatorsAreNumbersToo() {
        assertThat(claims("The agency counted ٢,٥٠٠ soldiers and ۳.۵% inflation."))
            .extracting(NumericClaim::value).containsExactly(2500.0, 3.5);
    }

    @ParameterizedTest
    @ValueSource(ints = {41, 309, 400, 5_000, 200_000})
    void aNumberTooLongToBeAFigureIsRejectedAndTheOthersKept(int length) {
        String huge = "9".repeat(length);
        List<NumericClaim> found = claims("The debt reached $" + huge + " billion, or " + huge + "% of output. "
            + "Officials said 412 soldiers were killed.");

        assertThat(found).extracting(NumericClaim::value).containsExactly(412.0);
        assertThat(found).allSatisfy(c -> assertThat(c.claimKey()).doesNotContain("Infinity", "NaN"));
    }

    @Test
    void aLongNumberWithThousandsSeparatorsIsRejected() {
        String huge = "1" + ",000".repeat(120); // 1e360 as written
        assertThat(claims("They claimed " + huge + " drones. Officials said 412 soldiers were killed."))
            .extracting(NumericClaim::value).containsExactly(412.0);
    }

    @Test
    void numbersJustInsideTheLengthAreStillRead() {
        assertThat(Tokenizer.parseNumber("1,000,000,000,000".toCharArray(), 0, 17)).isEqualTo(1e12);
        assertThat(Tokenizer.parseNumber("9".repeat(40).toCharArray(), 0, 40)).isEqualTo(1e40);
        assertThat(Tokenizer.parseNumber("9".repeat(41).toCharArray(), 0, 41)).isNaN();
    }

    @Test
    void aScaleThatWouldOverflowMakesNoFigure() {
        String big = "9".repeat(39);
        assertThat(claims("The bill was $" + big + " trillion trillion. Officials said 412 soldiers were killed."))
            .allSatisfy(c -> assertThat(Double.isFinite(c.value())).isTrue());
    }

    @Test
    void anEndlessListIsCutAtTheClaimLimitWithAReason() {
        String text = String.join(",", java.util.Collections.nCopies(100_000, "1")); // 200 KB
        ClaimExtractor.Result result = EXTRACTOR.extractWithin(ArticleText.of("a", text), k -> { });

        assertThat(result.claims()).hasSizeLessThanOrEqualTo(EXTRACTOR.limits().maxClaims());
        assertThat(result.truncations()).isNotEmpty();
    }

    @Test
    void claimsBeyondTheLimitAreNotClaims() {
        ClaimExtractor capped = new ClaimExtractor(new ExtractionLimits(1 << 20, 2, Duration.ofSeconds(10)));
        ClaimExtractor.Result result = capped.extractWithin(ArticleText.of("a",
            "Officials said 412 soldiers were killed. The agency counted 380 cases. Another 17 people were hurt."), k -> { });

        assertThat(result.claims()).extracting(NumericClaim::value).containsExactly(412.0, 380.0);
        assertThat(result.truncations()).containsExactly(ExtractionLimits.Truncation.MAX_CLAIMS);
    }

    @Test
    void textBeyondTheByteLimitIsNotRead() {
        ClaimExtractor capped = new ClaimExtractor(new ExtractionLimits(60, 500, Duration.ofSeconds(10)));
        ClaimExtractor.Result result = capped.extractWithin(ArticleText.of("a",
            "Officials said 412 soldiers were killed. The agency counted 380 cases in all of the provinces."), k -> { });

        assertThat(result.claims()).extracting(NumericClaim::value).containsExactly(412.0);
        assertThat(result.truncations()).containsExactly(ExtractionLimits.Truncation.TEXT_BYTES);
    }

    @Test
    void aSpentTimeBudgetStopsWithAReason() {
        ClaimExtractor hurried = new ClaimExtractor(new ExtractionLimits(1 << 20, 500, Duration.ofNanos(1)));
        ClaimExtractor.Result result = hurried.extractWithin(ArticleText.of("a", "Officials said 412 soldiers were killed."),
            k -> { });

        assertThat(result.claims()).isEmpty();
        assertThat(result.truncations()).containsExactly(ExtractionLimits.Truncation.TIME_BUDGET);
    }

    @Test
    void anOrdinaryArticleIsNotTruncated() {
        ClaimExtractor.Result result = EXTRACTOR.extractWithin(ArticleText.of("a",
            "Russia has lost almost 250,000 soldiers in the war, President Volodymyr Zelensky said on Feb. 15."), k -> { });

        assertThat(result.truncated()).isFalse();
        assertThat(result.claims()).extracting(NumericClaim::value).containsExactly(250000.0);
    }

    @Test
    void theByteLimitCountsUtf8AndNeverHalvesAWordOrASurrogatePair() {
        assertThat(ClaimExtractor.readableLength("abc def", 100)).isEqualTo(7);
        assertThat(ClaimExtractor.readableLength("abc defgh", 6)).isEqualTo(4); // "abc " then a cut word
        assertThat(ClaimExtractor.readableLength("éééé", 4)).isEqualTo(2); // two bytes each
        assertThat(ClaimExtractor.readableLength("😀😀😀", 5)).isEqualTo(2); // four bytes a pair, never half of one
        assertThat(ClaimExtractor.readableLength("x".repeat(1000), 10)).isEqualTo(10);
    }

    @Test
    void aSentenceWithoutFullStopsIsCutIntoBoundedSentences() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            text.append("officials said ").append(i % 97 + 3).append(" people were hurt and ");
        }
        List<Token> tokens = Tokenizer.tokenize(text.toString(), Lexicon.standard());
        List<Sentence> sentences = new SentenceSplitter(Lexicon.standard()).split(tokens);

        assertThat(sentences).allSatisfy(s -> assertThat(s.end() - s.first()).isLessThanOrEqualTo(SentenceSplitter.MAX_TOKENS));
        assertThat(sentences.get(sentences.size() - 1).end()).isEqualTo(tokens.size());
        for (int i = 1; i < sentences.size(); i++) {
            assertThat(sentences.get(i).first()).isEqualTo(sentences.get(i - 1).end());
        }
    }

    @Test
    void aStepThatFailsOnOneFigureIsRerunFigureByFigureAndDropsOnlyThatOne() {
        Sentence s = new Sentence(0, 0, 10, 0, 50, 0);
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Candidate c = new Candidate(s, i, i, i, i + 1, NumberReader.Form.DIGITS, false);
            c.kind = QuantityKind.COUNT;
            candidates.add(c);
        }
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Consumer<List<Candidate>> step = list -> {
            for (Candidate c : list) {
                if (c.value == 2) {
                    throw new IllegalStateException("a rule trips over this figure");
                }
                c.subjectKey = "key-" + (int) c.value;
            }
        };

        ClaimExtractor.eachOrOneByOne(candidates, step, true, failures::incrementAndGet, System.nanoTime() + 1_000_000_000L);

        assertThat(failures).hasValue(1);
        assertThat(candidates).extracting(c -> c.kind).containsExactly(QuantityKind.COUNT, null, QuantityKind.COUNT);
        assertThat(candidates).extracting(c -> c.subjectKey).containsExactly("key-1", null, "key-3");
    }

    @Test
    void figureByFigureStopsOnceTheBudgetIsSpent() {
        Sentence s = new Sentence(0, 0, 10, 0, 50, 0);
        Candidate c = new Candidate(s, 0, 0, 0, 1, NumberReader.Form.DIGITS, false);
        c.kind = QuantityKind.COUNT;
        ClaimExtractor.eachOrOneByOne(List.of(c), list -> {
            throw new IllegalStateException("fails as a whole");
        }, true, () -> { }, System.nanoTime() - 1);

        assertThat(c.kind).isNull();
    }

    @Test
    void aHeadlineLongerThanAnyHeadlineIsCutToo() {
        ArticleText article = new ArticleText("a", "Russia ".repeat(100_000), "Officials said 412 soldiers were killed.",
            null, null, null);
        ClaimExtractor.Result result = EXTRACTOR.extractWithin(article, k -> { });

        assertThat(result.claims()).extracting(NumericClaim::value).containsExactly(412.0);
        assertThat(result.truncations()).containsExactly(ExtractionLimits.Truncation.TEXT_BYTES);
    }
}
