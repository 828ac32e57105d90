package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way the news writes a figure reads as the same normalised claim. */
class NumberFormsTest {

    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # thousands separators and decimals
        Officials counted 1,234,567 ballots in the capital.                 | 1234567       |        | ballot    | =
        The index rose to 3.75 on Friday, traders said.                      | 3.75          |        |           | =
        # scale words and their abbreviations
        The army has about 250 thousand reservists.                          | 250000        |        | reservist | ~
        The fund is worth $4.2 billion.                                      | 4200000000    |        | usd       | =
        Exports reached 1.3 million tonnes last month.                       | 1300000       |        | t         | =
        Debt passed £3 trillion in October.                                  | 3000000000000 |        | gbp       | >
        The deal was valued at $400m.                                        | 400000000     |        | usd       | =
        The city received €2.5bn in aid.                                     | 2500000000    |        | eur       | =
        The bank lent US$1.2 bn to the utility.                              | 1200000000    |        | usd       | =
        Sales fell to 5k units.                                              | 5000          |        | unit      | =
        Pensions will cost 3.1 mn euros.                                     | 3100000       |        | eur       | =
        Debt rose to ¥1.2tn.                                                 | 1200000000000 |        | jpy       | =
        The fund holds 4.1 trillion roubles.                                 | 4100000000000 |        | rub       | =
        Reserves reached $0.7 billion.                                       | 700000000     |        | usd       | =
        # currencies before and after the figure, by symbol, code and name
        The ministry paid ₴45 billion in wages.                              | 45000000000   |        | uah       | =
        The oil fund holds ₽11 trillion.                                     | 11000000000000|        | rub       | =
        The loan is EUR 900 million.                                         | 900000000     |        | eur       | =
        Farmers were paid 300 euros a tonne.                                 | 300           |        | eur       | =
        The tax brings in 5 billion hryvnias a year.                         | 5000000000    |        | uah       | =
        Wages rose to 20,000 dollars.                                        | 20000         |        | usd       | =
        # spelled-out numbers
        Twelve people were rescued from the river.                           | 12            |        | person    | =
        Police arrested two dozen protesters.                                | 24            |        | protester | =
        Rebels hold a hundred and fifty hostages.                            | 150           |        | hostage   | =
        The war has killed a quarter of a million soldiers.                  | 250000        |        | soldier   | =
        Half a million people fled the city.                                 | 500000        |        | person    | =
        Forty-three schools were closed.                                     | 43            |        | school    | =
        # fractions and shares
        Two-thirds of the budget goes to defence.                            | 0.6667        |        | fraction  | =
        About half of the wounded returned to the front.                     | 0.5           |        | fraction  | ~
        Nearly nine in ten voters backed the plan.                           | 0.9           |        | fraction  | ~
        Unemployment stands at 4.5%.                                         | 4.5           |        | percent   | =
        Turnout was 61 per cent.                                             | 61            |        | percent   | =
        The bank raised rates by half a percentage point.                    | 0.5           |        | percentage_point | =
        # ranges
        Between 10 and 15 drones were shot down.                             | 10            | 15     | drone     | =
        Attackers launched 10-15 drones at the port.                         | 10            | 15     | drone     | =
        Growth will be from 5 to 7 percent.                                  | 5             | 7      | percent   | =
        Damage is put at $2bn to $3bn.                                       | 2000000000    | 3000000000 | usd   | =
        An estimated 300 to 400 families fled.                               | 300           | 400    | family    | ~
        """)
    void readsTheFigure(String sentence, double value, Double high, String unit, String qualifier) {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", sentence));
        assertThat(claims).as(sentence).hasSize(1);
        NumericClaim claim = claims.get(0);
        assertThat(claim.value()).as(sentence).isCloseTo(value, org.assertj.core.data.Percentage.withPercentage(0.01));
        if (high == null) {
            assertThat(claim.valueHigh()).as(sentence).isNull();
        } else {
            assertThat(claim.valueHigh()).as(sentence).isCloseTo(high, org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        if (unit != null) {
            assertThat(claim.unit()).as(sentence).isEqualTo(unit);
        }
        assertThat(claim.qualifier().symbol()).as(sentence).isEqualTo(qualifier);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Inflation rose 4% in March.                                          | 4    | up
        Capacity fell by 300 MW after the strike.                            | 300  | down
        The government cut spending by a third.                              | 0.3333 | down
        The count shows an increase of 31 on the day before.                 | 31   | up
        Exports showed a decline of 8.3% on the year.                        | 8.3  | down
        Consumption was 3% higher than a week earlier.                       | 3    | up
        The rate was raised by 1 percentage point.                           | 1    | up
        Inflation rose to 12.9% in January.                                  | 12.9 |
        Annual inflation reached 12%, up from 11.2% a month earlier.         | 12   |
        """)
    void tellsChangesFromLevels(String sentence, double value, String change) {
        NumericClaim claim = EXTRACTOR.extract(ArticleText.of("a", sentence)).stream()
            .filter(c -> Math.abs(c.value() - value) < 1e-3).findFirst().orElseThrow();
        assertThat(claim.change() == null ? null : claim.change().label()).as(sentence).isEqualTo(change);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        The fire has burned 22,660 acres (9,170 hectares) so far.            | 22660 | acre | 9170 | ha
        Forces advanced about 15 kilometres (9 miles) overnight.             | 15    | km   | 9    | mi
        Strikes knocked out roughly 9 gigawatts (9,000 megawatts) of power.  | 9     | gw   | 9000 | mw
        """)
    void readsBothFiguresOfAConversion(String sentence, double first, String firstUnit, double second, String secondUnit) {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", sentence));
        assertThat(claims).as(sentence).extracting(NumericClaim::value, NumericClaim::unit)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(first, firstUnit),
                org.assertj.core.groups.Tuple.tuple(second, secondUnit));
        assertThat(claims.get(1).qualifier()).as("the conversion keeps the qualifier of what it converts")
            .isEqualTo(claims.get(0).qualifier());
    }

    @org.junit.jupiter.api.Test
    void aScaledFigureIsTheNumberWrittenNotItsBinaryApproximation() {
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "",
            "The fund holds 4.1 trillion roubles, up from 3.3 trillion, and $0.7 billion in gold.", null, null, null));
        assertThat(claims).extracting(NumericClaim::value).containsExactly(4.1e12, 3.3e12, 7e8);
    }
}
