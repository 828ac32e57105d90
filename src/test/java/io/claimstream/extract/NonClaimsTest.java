package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers that are not claims are recognised for what they are and never reported as claims. */
class NonClaimsTest {

    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # dates and years
        The talks resumed on Feb. 15 in Geneva.                               | date
        The ceasefire was signed on 3 March 2024.                             | date
        The plant was built in 2019.                                          | year
        Prices have doubled since the 1990s.                                  | date
        Exports in the 2023/24 season were weak.                              | date
        # times
        The siren sounded at 6:30 a.m. local time.                            | time
        The attack began at around 9 p.m. on Saturday.                        | time
        # durations
        The truce held for six months.                                        | duration
        The town fell three years ago.                                        | duration
        Both sides agreed a 30-day truce.                                     | duration
        Crews worked for 48 hours without rest.                               | duration
        # ages
        A 52-year-old man was detained.                                       | age
        The suspect, aged 71, was released.                                   | age
        # ordinals and ranks
        It was the 61st exchange of the war.                                  | ordinal
        The team is ranked No. 1 in the world.                                | identifier
        # identifiers with digits
        Pilots flying F-16 jets intercepted the drones.                       | identifier
        The Su-34 bombers dropped glide bombs.                                | identifier
        Kh-101 cruise missiles were fired from the air.                       | identifier
        Shahed-136 drones hit the port.                                       | identifier
        An S-300 battery was destroyed.                                       | identifier
        The COVID-19 pandemic closed schools.                                 | identifier
        Leaders met at the G7 summit.                                         | identifier
        Members invoked Article 5 of the treaty.                              | identifier
        The council passed Resolution 2231 unanimously.                       | identifier
        Traffic was stopped on Interstate 10 near the border.                 | identifier
        Production of the 737 MAX resumed in December.                        | identifier
        Gamers waited for the RTX 5090 graphics card.                         | identifier
        Boeing raised its contributions to 401(k) accounts.                   | identifier
        Phones on 5G networks sold well.                                      | identifier
        The H5N1 virus was found in wild birds.                               | identifier
        # phone numbers, addresses and list numbering
        Residents can call 1-800-621-3362 for help.                           | phone
        Residents were told to call 911 only in emergencies.                  | phone
        Protesters gathered outside 10 Downing Street.                        | address
        """)
    void recognisesANonClaim(String sentence, String kind) {
        List<Quantity> quantities = EXTRACTOR.quantities(ArticleText.of("a", sentence));
        assertThat(quantities).as(sentence).isNotEmpty();
        assertThat(quantities).as(sentence).allSatisfy(q -> assertThat(q.kind().isClaim()).isFalse());
        assertThat(quantities).as(sentence).extracting(q -> q.kind().label()).contains(kind);
        assertThat(EXTRACTOR.extract(ArticleText.of("a", sentence))).as(sentence).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Hundreds of people marched through the city.
        Dozens of villages were flooded.
        Tens of thousands of workers went on strike.
        Several ministers resigned.
        One of the largest attacks of the war hit the grid.
        The diver won a fifth Olympic medal on Friday.
        The president is seeking a third term in office.
        Nobody wants an eighth election, the analyst said.
        """)
    void ignoresQuantitiesWithoutANumber(String sentence) {
        assertThat(EXTRACTOR.extract(ArticleText.of("a", sentence))).as(sentence).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        The fund lost tens of millions of euros in the collapse.   | tens of millions of euros         | 10000000 | euros
        Hundreds of thousands of people fled the fighting.         | Hundreds of thousands of people   | 100000   | people
        Dozens of homes were washed away.                          | Dozens of homes                   | 24       | homes
        Thousands marched in the capital.                          | Thousands                         | 1000     |
        """)
    void aMagnitudeWithoutANumberIsAVagueQuantityAtTheLeastItCanMeanAndNeverAClaim(String sentence, String span,
                                                                                 double lowerBound, String unit) {
        assertThat(EXTRACTOR.extract(ArticleText.of("a", sentence))).as(sentence).isEmpty();
        assertThat(EXTRACTOR.quantities(ArticleText.of("a", sentence))).as(sentence)
            .filteredOn(q -> q.kind() == QuantityKind.VAGUE).singleElement()
            .satisfies(q -> {
                assertThat(q.span()).isEqualTo(span);
                assertThat(q.value()).isEqualTo(lowerBound);
                assertThat(q.unit()).isEqualTo(unit);
                assertThat(q.qualifier()).isEqualTo(Qualifier.AT_LEAST);
            });
    }

    @Test
    void listNumberingIsNotAClaim() {
        String text = "The plan has three parts:\n1. Restore power.\n2. Reopen roads.";
        assertThat(EXTRACTOR.quantities(ArticleText.of("a", text)))
            .extracting(q -> q.kind().label()).containsExactly("count", "list_number", "list_number");
    }

    @Test
    void aCountOfThingsNamedWithDigitsIsStillAClaim() {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", "Denmark sent 40 T-72 tanks and 12 F-16 jets."));
        assertThat(claims).extracting(NumericClaim::value, NumericClaim::unit)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(40.0, "tank"), org.assertj.core.groups.Tuple.tuple(12.0, "jet"));
    }

    @Test
    void aFractionWordBeforeOfOrMoreIsStillAFraction() {
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "Prices rose by a fifth of their level.")))
            .extracting(NumericClaim::value).containsExactly(0.2);
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "Officials said a third of homes lost power.")))
            .extracting(NumericClaim::value).containsExactly(0.3333);
    }

    @Test
    void namesWithNumbersAreNoClaims() {
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "The ministers of the Group of 77 met in Geneva."))).isEmpty();
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "Airbus delivered the A330 while H5N1 spread."))).isEmpty();
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "She won the 10m platform and he took the +81kg class."))).isEmpty();
        assertThat(EXTRACTOR.extract(ArticleText.of("a",
            "The carrier bought 40 jets this year, and its staff use the Galaxy S25 and the Pixel 9.")))
            .extracting(NumericClaim::span).containsExactly("40 jets");
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "The swimmer covered 10m in the final seconds.")))
            .extracting(NumericClaim::span).containsExactly("10m");
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "It can record 8K video and she ran the 5K. The firm hired 5K workers.")))
            .extracting(NumericClaim::span).containsExactly("5K workers");
    }

    @Test
    void aPersonsAgeIsNoClaim() {
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "The club signed him in 2020, when he was 16, from a rival."))).isEmpty();
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "A patient, who is over 65 and has other conditions, died."))).isEmpty();
    }

    @Test
    void oneIsACountWhenItStatesAMargin() {
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "China starts the final day one gold medal ahead of the United States.")))
            .extracting(NumericClaim::value, NumericClaim::unit).containsExactly(org.assertj.core.groups.Tuple.tuple(1.0, "medal"));
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "Two people died in Castilla-La Mancha and one in Andalusia.")))
            .extracting(NumericClaim::value).containsExactly(2.0, 1.0);
    }

    @Test
    void aCountOfModelsWithDigitsIsStillAClaim() {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", "Pyongyang shipped about 100 KN-23 missiles."));
        assertThat(claims).extracting(NumericClaim::value).containsExactly(100.0);
    }

    @Test
    void oneIsACountWhenItStatesAQuantity() {
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "Labour took one more seat in the recount.")))
            .extracting(NumericClaim::span).containsExactly("one more seat");
        assertThat(EXTRACTOR.extract(ArticleText.of("a",
            "The floods killed 215 people: 207 in Valencia, seven in Castilla-La Mancha and one in Andalusia.")))
            .extracting(NumericClaim::value).containsExactly(215.0, 207.0, 7.0, 1.0);
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "Norway won one gold medal and took just one bronze.")))
            .extracting(NumericClaim::span, NumericClaim::unit).containsExactly(
                org.assertj.core.groups.Tuple.tuple("one gold medal", "medal"), org.assertj.core.groups.Tuple.tuple("one bronze", "bronze"));
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "One fund manager said the cut was overdue."))).isEmpty();
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "The fund has one goal: to beat the index."))).isEmpty();
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "It was one of the largest attacks of the war."))).isEmpty();
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "One of the largest attacks of the war came in March."))).isEmpty();
    }
}
