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
        Labour is close to the 179 seats won by Tony Blair in 1997.          | 179           |        | seat      | =
        The miner sold the unit for $US42 billion.                           | 42000000000   |        | usd       | =
        The airline earned $A1.2bn last year.                                | 1200000000    |        | aud       | =
        The mobile plan costs RM59 a month.                                  | 59            |        | myr       | =
        The entry fee is Rs500 for adults.                                   | 500           |        | inr       | =
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
        # subunits of money name the currency and scale the figure
        Velmora earned 87 cents a share in the quarter.                      | 0.87          |        | usd       | =
        The stock closed at 212p in London.                                  | 2.12          |        | gbp       | =
        Bread now costs 50 pence more.                                       | 0.5           |        | gbp       | =
        Analysts had expected an 81-cent profit.                             | 0.81          |        | usd       | =
        # technology and science units, each to one symbol
        The base model comes with 128GB of storage.                          | 128           |        | gb        | =
        The top version has 1TB of storage.                                  | 1             |        | tb        | =
        It carries a 5,000mAh battery.                                       | 5000          |        | mah       | =
        The engine makes 720Nm of torque.                                    | 720           |        | nm        | =
        The engine makes 531 lb-ft of torque.                                | 531           |        | lb-ft     | =
        The display measures 6.9in across.                                   | 6.9           |        | inch      | =
        Buyers can pick a 6.3-inch screen.                                   | 6.3           |        | inch      | =
        The handset weighs 218g without its case.                            | 218           |        | g         | =
        Modems reach up to 10Gbps in tests.                                  | 10            |        | gbps      | <
        The chip runs at 3.2 GHz under load.                                 | 3.2           |        | ghz       | =
        The engine makes 300 horsepower at full throttle.                    | 300           |        | hp        | =
        Temperatures reached around 38C in the capital.                      | 38            |        | celsius   | ~
        Forecasters expect 100F in the valley.                               | 100           |        | fahrenheit| =
        The camera has a 200-megapixel sensor.                               | 200           |        | megapixel | =
        The screen reaches a peak brightness of 2,600 nits.                  | 2600          |        | nit       | =
        The central bank cut its rate by 25 basis points.                    | 25            |        | basis_point | =
        Tickets cost Rs 500 at the gate.                                     | 500           |        | inr       | =
        Chiva recorded 491 litres of rain per square metre in eight hours.   | 491           |        | l/m2      | =
        A magnitude 6.1 earthquake shook the coast on Tuesday.               | 6.1           |        | magnitude | =
        A magnitude-5.4 aftershock followed an hour later.                   | 5.4           |        | magnitude | =
        The 7.2-magnitude quake struck at dawn.                              | 7.2           |        | magnitude | =
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

    @org.junit.jupiter.api.Test
    void anIndexLevelBesideItsChangeIsInPointsNotPercentagePoints() {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", "The index closed up 1.4% at 2,846.17 points on Friday."));
        assertThat(claims).extracting(NumericClaim::unit).containsExactly("percent", "point");
        assertThat(EXTRACTOR.extract(ArticleText.of("a", "Labour's share fell 19.9 points to 23.7%.")))
            .extracting(NumericClaim::unit).containsExactly("percentage_point", "percent");
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
        The FTSE 100 closed down 1.0% at 8,283.36.                           | 1.0  | down
        The stock ended up 0.5% on the day.                                  | 0.5  | up
        Some 4,000 more beds were open than a year ago.                      | 4000 | up
        Voters cast 600,000 fewer ballots than in 2019.                      | 600000 | down
        The army sent 5,000 more soldiers to the region.                     | 5000 |
        Sales rose 17% from the previous quarter and 94% from a year earlier. | 94  | up
        Sales rose 5% and margins were 12% in the quarter.                   | 12   |
        Members rejected the first offer, a 25% raise, last month.           | 25   | up
        The 38% general wage increase is front-loaded.                       | 38   | up
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

    @org.junit.jupiter.api.Test
    void aMoveAndTheLevelItReachedAreTwoFigures() {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", "Germany's DAX lost 2.3% to 18,083.05 on Friday."));
        assertThat(claims).extracting(NumericClaim::span).containsExactly("2.3%", "18,083.05");
        assertThat(claims.get(1).unit()).isEqualTo("point");
        assertThat(claims.get(1).valueHigh()).isNull();
    }

    @org.junit.jupiter.api.Test
    void anIndexCloseIsALevelInPoints() {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", "The FTSE 100 closed at 8,283.36, its lowest in a month."));
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.value()).isEqualTo(8283.36);
            assertThat(c.unit()).isEqualTo("point");
        });
    }

    @org.junit.jupiter.api.Test
    void aRangeStillJoinsTwoFiguresOfOneUnit() {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", "Growth will be 2% to 3% this year."));
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.value()).isEqualTo(2);
            assertThat(c.valueHigh()).isEqualTo(3);
        });
    }

    @org.junit.jupiter.api.Test
    void pointsBesideAPercentageArePercentagePoints() {
        List<NumericClaim> claims = EXTRACTOR.extract(ArticleText.of("a", "The party's share fell 19.9 points to 23.7%."));
        assertThat(claims).extracting(NumericClaim::unit).containsExactly("percentage_point", "percent");
        List<NumericClaim> league = EXTRACTOR.extract(ArticleText.of("a", "Rovers have 64 points after 30 games."));
        assertThat(league).extracting(NumericClaim::unit).first().isEqualTo("point");
    }
}
