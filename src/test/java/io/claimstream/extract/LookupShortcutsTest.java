package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extractor's fast paths give what the slow ones they replaced gave: a speaker phrase's words
 * are what a whitespace regex split them into, and a phrase table's one-AND filter on a token's
 * lexicon entry turns away no phrase that the table holds.
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
    @ValueSource(strings = {"sq km", "km/h", "more than", "US$", "North Korea", "the agency", "NATO", "barrels a day"})
    void aPhraseIsFoundFromTheTokensOfAText(String phrase) {
        Lexicon lexicon = Lexicon.standard();
        List<Token> read = Tokenizer.tokenize("x " + phrase + " x", lexicon);
        List<Token> unread = Tokenizer.tokenize("x " + phrase + " x");
        for (PhraseTable<?> table : List.of(lexicon.units, lexicon.qualifiersBefore, lexicon.currenciesBefore,
            lexicon.entities, lexicon.genericOrganisations, lexicon.countedNouns)) {
            assertThat(table.matchForward(read, 1, read.size() - 1)).isEqualTo(table.matchForward(unread, 1, unread.size() - 1));
            assertThat(table.matchBackward(read, read.size() - 2, 1))
                .isEqualTo(table.matchBackward(unread, unread.size() - 2, 1));
        }
    }
}
