package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extractor's fast paths give what the slow ones they replaced gave: a speaker phrase's words
 * are what a whitespace regex split them into, a token read through the lexicon's word table is
 * the token a copy and a lower-casing give, a phrase table's one-AND filter on a token's
 * lexicon entry turns away no phrase that the table holds, figures rounded without BigDecimal
 * are the figures BigDecimal gives, numbers read without a string are the doubles parsing one gives,
 * and the tokenizer's character classes are Character's.
 */
class LookupShortcutsTest {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "the agency", " the agency", "the agency ", "russia's defence ministry",
        "a  b\tc\nd", "'s", "x's", "it's y's", "a\u000Bb\fc\rd", "a\u00A0b", "a\u2003b"})
    void phraseWordsAreTheWordsOfAWhitespaceSplit(String phrase) {
        assertThat(Mentions.words(phrase)).isEqualTo(List.of(WHITESPACE.split(phrase.replace("'s", " 's"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"The agency SAID the Russian troops, according to NATO, lost 5 tanks — “nearly” all.",
        "İstanbul ΣΟΦΙΑ straße Ünal's données", "A.M. a.m. U.S. don't o'clock N'Djamena", "x", "THE The tHe"})
    void aTokenReadThroughTheWordTableIsTheTokenACopyGives(String text) {
        Lexicon lexicon = Lexicon.standard();
        for (Token t : Tokenizer.tokenize(text, lexicon)) {
            String written = text.substring(t.start(), t.end());
            assertThat(t.text()).isEqualTo(written);
            assertThat(t.lower()).isEqualTo(written.toLowerCase(java.util.Locale.ROOT));
            assertThat(t.lowerHash()).isEqualTo(t.lower().hashCode());
            if (t.isWord()) {
                Lexicon.Word word = lexicon.word(t.lower());
                assertThat(t.word()).isSameAs(word);
            }
        }
    }

    @Test
    void theTokenizersCharacterClassesAreCharactersOwn() throws ReflectiveOperationException {
        for (String name : List.of("isWhitespace", "isDigit", "isLetter", "isLetterOrDigit")) {
            java.lang.reflect.Method ours = Tokenizer.class.getDeclaredMethod(name, char.class);
            ours.setAccessible(true);
            java.lang.reflect.Method characters = Character.class.getMethod(name, char.class);
            for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
                assertThat(ours.invoke(null, (char) c)).as("%s(U+%04X)", name, c).isEqualTo(characters.invoke(null, (char) c));
            }
        }
    }

    @Test
    void aNumberReadWithoutAStringIsTheDoubleParseDoubleGives() {
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            String digits = Long.toString(random.nextLong() >>> 1 + random.nextInt(63));
            int point = random.nextInt(digits.length() + 1);
            String number = point == 0 || point == digits.length() ? digits
                : digits.substring(0, point) + "." + digits.substring(point);
            String written = i % 3 == 0 && point > 3 ? number.substring(0, 1) + "," + number.substring(1) : number;
            assertThat(Tokenizer.parseNumber(written.toCharArray(), 0, written.length())).as(written)
                .isEqualTo(Double.parseDouble(number.replace(",", "")));
        }
        for (String s : new String[] {"0.1", "0.3", "2.675", "1,150", "9007199254740993", "123456789012345.6", "0.000000000000000000000001"}) {
            assertThat(Tokenizer.parseNumber(s.toCharArray(), 0, s.length())).as(s).isEqualTo(Double.parseDouble(s.replace(",", "")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sq km", "km/h", "more than", "US$", "North Korea", "the agency", "NATO", "barrels a day",
        "%", "°C", "$", "€", "+", "Group of 20"})
    void aPhraseIsFoundFromTheTokensOfAText(String phrase) {
        Lexicon lexicon = Lexicon.standard();
        List<Token> read = Tokenizer.tokenize("x " + phrase + " x", lexicon);
        List<Token> unread = Tokenizer.tokenize("x " + phrase + " x");
        boolean found = false;
        for (PhraseTable<?> table : List.of(lexicon.units, lexicon.qualifiersBefore, lexicon.qualifiersAfter,
            lexicon.currenciesBefore, lexicon.entities, lexicon.genericOrganisations, lexicon.countedNouns)) {
            PhraseTable.Match<?> forward = table.matchForward(read, 1, read.size() - 1);
            PhraseTable.Match<?> backward = table.matchBackward(read, read.size() - 2, 1);
            assertThat(forward).isEqualTo(table.matchForward(unread, 1, unread.size() - 1));
            assertThat(backward).isEqualTo(table.matchBackward(unread, unread.size() - 2, 1));
            // A phrase of symbols or ending in a number is found from either end too, not only its words.
            if (forward != null && forward.last() == read.size() - 2) {
                assertThat(backward).isEqualTo(forward);
                found = true;
            }
        }
        assertThat(found).as("some table holds %s", phrase).isTrue();
    }

    @Test
    void figuresRoundedWithoutBigDecimalAreWhatBigDecimalGives() {
        Random random = new Random(13);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextInt(10_000_000) / Math.pow(10, random.nextInt(9)); // "12.1", "0.000081"
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(20) - 6);
                case 2 -> (random.nextInt(2_000) - 1_000) / 8.0 * Math.pow(10, random.nextInt(12)); // "4.125 trillion"
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(value)) {
                continue;
            }
            if (!(value == Math.rint(value) && Math.abs(value) < 1e15)) {
                BigDecimal d = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
                String canonical = d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
                assertThat(SubjectKeys.canonical(value)).as("canonical(%s)", value).isEqualTo(canonical);
            }
            if (Math.abs(value) >= 1 && value != Math.rint(value)) {
                assertThat(ClaimExtractor.rounded(value)).as("rounded(%s)", value)
                    .isEqualTo(new BigDecimal(value).round(new MathContext(12)).doubleValue());
            }
        }
    }
}
