package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The same subject in other words gets the same key; the same figure the same claim key. */
class SubjectKeysTest {

    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();
    private static final Instant SUNDAY = Instant.parse("2025-02-23T10:00:00Z");

    private static NumericClaim only(String text, String span) {
        return EXTRACTOR.extract(new ArticleText("a", "", text, SUNDAY, null, null)).stream()
            .filter(c -> c.span().startsWith(span)).findFirst().orElseThrow();
    }

    private static NumericClaim only(String text) {
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "", text, SUNDAY, null, null));
        assertThat(claims).as(text).hasSize(1);
        return claims.get(0);
    }

    @Test
    void theSameFigureInOtherWordsIsOneClaim() {
        NumericClaim a = only("Russia has lost almost 250,000 soldiers killed, Zelensky said.");
        NumericClaim b = only("Zelensky put the number of Russian troops killed at nearly a quarter of a million.");
        NumericClaim c = only("Close to 250,000 Russian servicemen have been killed, he said.");
        assertThat(a.subjectKey()).isEqualTo(b.subjectKey()).isEqualTo(c.subjectKey()).startsWith("russia/soldier-killed");
        assertThat(a.claimKey()).isEqualTo(b.claimKey()).isEqualTo(c.claimKey());
    }

    @Test
    void aDifferentFigureIsAnotherClaimOfTheSameSubject() {
        NumericClaim a = only("Russia has lost 90,000 soldiers killed, researchers said.");
        NumericClaim b = only("Russia has lost 250,000 soldiers killed, Zelensky said.");
        assertThat(a.subjectKey()).isEqualTo(b.subjectKey());
        assertThat(a.claimKey()).isNotEqualTo(b.claimKey());
    }

    @Test
    void killedAndWoundedAreDifferentSubjects() {
        NumericClaim killed = only("Ukraine has lost 46,000 soldiers killed.");
        NumericClaim wounded = only("Another 380,000 Ukrainian troops have been wounded.");
        assertThat(killed.subjectKey()).isNotEqualTo(wounded.subjectKey());
    }

    @Test
    void aNamedPlaceKeepsSubjectsApart() {
        NumericClaim palisades = only("The Palisades fire has burned 22,660 acres.");
        NumericClaim eaton = only("The Eaton fire has burned 14,117 acres.");
        assertThat(palisades.subjectKey()).isNotEqualTo(eaton.subjectKey());
    }

    @Test
    void aPeriodNextToTheFigureIsPartOfTheSubject() {
        NumericClaim january = only("Inflation in Ukraine accelerated to 12.9% in January.");
        NumericClaim december = only("Inflation in Ukraine reached 12% in December.");
        assertThat(january.subjectKey()).endsWith("@2025-01");
        assertThat(december.subjectKey()).endsWith("@2024-12");
    }

    @Test
    void aBarrageIsDatedByItsNight() {
        NumericClaim sunday = only("Russia fired 267 drones at Ukraine overnight into Sunday.");
        assertThat(sunday.subjectKey()).isEqualTo("russia/drone-launched@2025-02-23");
    }

    @Test
    void keysAreReadable() {
        NumericClaim claim = only("Russia lost 1,150 troops over the past day.");
        assertThat(claim.subjectKey()).matches("[a-z0-9-]+/[a-z0-9_-]+(/[a-z0-9-]+)?(@[a-z0-9-]+)?");
        assertThat(claim.subject()).contains("soldier");
    }

    @Test
    void aCountryThatNamesTheCurrencyIsNotWhoseFigureItIs() {
        NumericClaim symbol = only("Sudan's aid appeal for this year is US$4.2bn, the United Nations said.");
        NumericClaim words = only("Sudan's aid appeal for this year is 4.2 billion US dollars, the United Nations said.");
        assertThat(symbol.subjectKey()).startsWith("sudan/").isEqualTo(words.subjectKey());
    }

    @Test
    void anArticleThatNamesNoCountryTwiceFallsBackToItsDateline() {
        String text = "MANILA (Capital Bulletin) — The storm killed at least 41 people, the disaster agency said.";
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "Storm toll rises", text, SUNDAY, null, null));
        assertThat(claims).singleElement().extracting(NumericClaim::subjectKey).asString().startsWith("philippines/person-killed");
    }

    @Test
    void aShareOfSomethingACountryOwnsIsAboutTheThingNotTheCountry() {
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "",
            "About 7 per cent of the country's roughly 620,000 bridges are in poor condition, Hale said.", SUNDAY, null, null));
        assertThat(claims.get(0).span()).isEqualTo("About 7 per cent");
        assertThat(claims.get(0).subjectKey()).matches("[a-z-]+/bridge(-[a-z-]+)?").doesNotContain("/country");
    }

    @Test
    void aDailyFigureIsADayOfItsOwnEvenWithItsEventBetween() {
        NumericClaim day = only("The total rose to 856,660, including 1,190 soldiers killed or wounded over the preceding day.",
            "1,190");
        assertThat(day.subjectKey()).contains("@per-day");
    }

    @Test
    void keysReadHolderThenMeasureThenScopeThenPeriod() {
        NumericClaim claim = only("Russian forces have killed 41 people in the Kharkiv region this week, officials said.");
        assertThat(claim.subjectKey()).startsWith("russia/person-killed/kharkiv");
    }

    @Test
    void aFeeADealAndWhatItIsWorthAreOneMeasure() {
        NumericClaim fee = only("Liverpool agreed a British record fee of 116 million pounds for the midfielder.");
        NumericClaim worth = only("Liverpool signed the midfielder in a deal worth 116 million pounds.");
        NumericClaim valued = only("Liverpool signed the midfielder; the deal has been valued at 116 million pounds.");
        assertThat(fee.subjectKey()).isEqualTo(worth.subjectKey()).isEqualTo(valued.subjectKey());
        assertThat(fee.claimKey()).isEqualTo(worth.claimKey()).isEqualTo(valued.claimKey());
    }

    @Test
    void worthYieldsToTheThingItValues() {
        NumericClaim aid = only("Estonia has pledged military aid worth 0.25% of its gross domestic product.");
        assertThat(aid.subjectKey()).contains("/aid");
    }

    @Test
    void aPercentageIsAboutTheNounItModifies() {
        NumericClaim wage = only("Machinists in Canada voted to accept a contract offering a 38% wage increase.");
        NumericClaim raise = only("Machinists in Canada will get wages 38% higher over four years.");
        assertThat(wage.subjectKey()).isEqualTo(raise.subjectKey()).contains("/wages");
    }

    @Test
    void aStandingRateNamedInCapitalsIsARate() {
        NumericClaim capitals = only("The Bank of England cut Bank Rate to 5% on Thursday.");
        NumericClaim lower = only("The Bank of England cut its key rate to 5% on Thursday.");
        assertThat(capitals.subjectKey()).isEqualTo(lower.subjectKey()).isEqualTo("united-kingdom/rate");
    }

    @Test
    void canonicalFiguresKeepSixSignificantDigitsLikeBigDecimal() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 100_000; i++) {
            double value = Math.rint(random.nextDouble() * Math.pow(10, 1 + random.nextInt(14))) * (random.nextBoolean() ? 1 : -1);
            String expected = new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros()
                .setScale(0).toPlainString();
            assertThat(SubjectKeys.canonical(value)).as("%s", value).isEqualTo(expected);
        }
        assertThat(SubjectKeys.canonical(1_234_567)).isEqualTo("1234570");
        assertThat(SubjectKeys.canonical(2.5e9)).isEqualTo("2500000000");
        assertThat(SubjectKeys.canonical(0.75)).isEqualTo("0.75");
    }

    @Test
    void aMonthIsReadAgainstPublicationUnlessAYearFollowsIt() {
        // published Sunday 23 February 2025
        assertThat(only("The previous record of 85,508 MW was set in August 2023.").subjectKey()).endsWith("@2023-08");
        assertThat(only("OPEC+ agreed to raise output by 411,000 barrels per day in March.").subjectKey()).endsWith("@2025-03");
        assertThat(only("Inflation in Ukraine reached 12% in December.").subjectKey()).endsWith("@2024-12");
        assertThat(only("Russia ran a budget deficit of 1.7 trillion roubles in January to July.").subjectKey())
            .endsWith("@2024-01..2024-07");
    }

    @Test
    void aPeriodAfterAComparisonDatesTheOtherFigure() {
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "",
            "Okafor said the measures would lift her headroom to £22bn from £9.9bn in November.", SUNDAY, null, null));
        assertThat(claims).extracting(NumericClaim::span).containsExactly("£22bn", "£9.9bn");
        assertThat(claims.get(0).subjectKey()).doesNotContain("@");
        assertThat(claims.get(1).subjectKey()).endsWith("@2024-11");
    }

    @Test
    void aFigureOfTheYearOrQuarterBeforeIsASubjectApart() {
        String text = "Corvell Labs said revenue rose to $812 million from $640 million a year earlier. "
            + "Revenue climbed 6% from the previous quarter and 27% from a year ago.";
        String revenue = only(text, "$812 million").subjectKey();
        assertThat(only(text, "$640 million").subjectKey()).isEqualTo(revenue + "@year-earlier");
        assertThat(only(text, "6%").subjectKey()).endsWith("-change@quarter-earlier");
        assertThat(only(text, "27%").subjectKey()).doesNotContain("@"); // a change over a year is what "up 27%" means
    }

    @Test
    void aPeriodOpeningTheSentenceDatesItsFigures() {
        assertThat(only("This week alone, Russia has sent more than 1,150 attack drones against Ukraine.").subjectKey())
            .isEqualTo(only("Over the past seven days, Russia used upwards of 1,150 attack drones.").subjectKey())
            .startsWith("russia/drone-launched@per-week");
        assertThat(only("In 2024, the army lost 430,790 troops.").subjectKey()).endsWith("@2024");
        assertThat(only("The record of 188 drones was set in late November.").subjectKey()).endsWith("@2024-11");
    }

    @Test
    void aMeasureTakesOneKeyWhateverItsSynonym() {
        assertThat(only("Nordwind reported turnover of $5.1bn.").subjectKey())
            .isEqualTo(only("Nordwind reported sales of $5.1bn.").subjectKey()).isEqualTo("nordwind/revenue");
        assertThat(only("Nordwind's net income was $1.2bn.").subjectKey())
            .isEqualTo(only("Nordwind's net profit was $1.2bn.").subjectKey()).isEqualTo("nordwind/profit");
        assertThat(only("Nordwind's operating profit was $0.4bn.").subjectKey()).isEqualTo("nordwind/operating-profit");
        assertThat(only("Nordwind's market capitalisation is $40bn.").subjectKey())
            .isEqualTo(only("Nordwind's market value is $40bn.").subjectKey()).isEqualTo("nordwind/market-value");
        assertThat(only("Valmora's jobless rate rose to 4.5%.").subjectKey())
            .isEqualTo(only("Unemployment in Valmora rose to 4.5%.").subjectKey());
    }

    @Test
    void aPlaceStatedWithTheFigureScopesItUnlessTheHeadlineNamesIt() {
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "Bird flu cases rise",
            "Health officials have confirmed 61 human cases of bird flu in the United States this year. "
            + "California accounts for 37 of the cases. In Halvern, the worst-hit district, 12 people have died.",
            SUNDAY, null, null));
        assertThat(claims).extracting(NumericClaim::span, NumericClaim::subjectKey).contains(
            org.assertj.core.groups.Tuple.tuple("37 of the cases", "united-states/person-infected/california"));
        assertThat(claims.stream().filter(c -> c.span().equals("12 people")).findFirst().orElseThrow().subjectKey())
            .endsWith("/halvern");
        List<NumericClaim> story = EXTRACTOR.extract(new ArticleText("b", "California bird flu cases rise to 37",
            "California accounts for 37 cases of bird flu, officials said.", SUNDAY, null, null));
        assertThat(story.get(0).subjectKey()).doesNotContain("california");
    }

    @Test
    void anEarlierReadingOfARunningCountIsTheSameSubject() {
        String text = "The storm has killed 31 people in Kaloa, officials said, up from 23 a day earlier.";
        assertThat(only(text, "23").subjectKey()).isEqualTo(only(text, "31 people").subjectKey());
    }

    @Test
    void aForecastAndAnEstimateAreSubjectsApartFromTheActual() {
        String text = "Corvell Labs reported revenue of $812 million, ahead of the $790 million consensus. "
            + "Corvell Labs forecast first-quarter revenue of $840 million to $860 million, below the $875 million "
            + "analysts had expected.";
        assertThat(only(text, "$812 million").subjectKey()).isEqualTo("corvell-labs/revenue");
        assertThat(only(text, "$790 million").subjectKey()).isEqualTo("corvell-labs/revenue-estimate");
        assertThat(only(text, "$840 million").subjectKey()).isEqualTo("corvell-labs/revenue-forecast");
        assertThat(only(text, "$875 million").subjectKey()).isEqualTo("corvell-labs/revenue-estimate");
    }

    @Test
    void anEstimateNamedAfterTheFigureItIsComparedWithStaysTheEstimate() {
        String text = "Corvell Labs beat forecasts. Corvell Labs reported profit per share of $0.64, which topped the "
            + "consensus estimate of $0.58.";
        assertThat(only(text, "$0.64").subjectKey()).isEqualTo("corvell-labs/eps");
        assertThat(only(text, "$0.58").subjectKey()).isEqualTo("corvell-labs/eps-estimate");
    }

    @Test
    void earningsPerShareInAnyWordingIsOneMeasure() {
        String a = only("Corvell Labs earned 64 cents a share in the quarter.", "64 cents").subjectKey();
        String b = only("Earnings came to 64 cents per share at Corvell Labs, a record for Corvell Labs.", "64 cents").subjectKey();
        String c = only("Corvell Labs beat forecasts. Corvell Labs reported EPS of $0.64, a record.", "$0.64").subjectKey();
        assertThat(a).isEqualTo("corvell-labs/eps");
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(only("Corvell Labs earned 64 cents a share, short of the 70-cent consensus.", "70-cent").subjectKey())
            .isEqualTo("corvell-labs/eps-estimate");
    }

    @Test
    void aSegmentsRevenueIsScopedByTheFirstWordOfItsName() {
        String head = "Pellam Tools beat forecasts. Pellam Tools reported revenue of $2.2 billion. ";
        String a = only(head + "Garden equipment revenue rose 8% to $640 million.", "$640 million").subjectKey();
        String b = only(head + "The garden division brought in $640 million.", "$640 million").subjectKey();
        String c = only(head + "Gardening, the group's oldest business, brought in $640 million.", "$640 million").subjectKey();
        String d = only(head + "The garden unit, which makes mowers and hedge trimmers for retailers, brought in $640 million.",
            "$640 million").subjectKey();
        assertThat(a).isEqualTo("pellam-tools/revenue/garden");
        assertThat(b).isEqualTo(a);
        assertThat(d).isEqualTo(a);
        assertThat(c).isEqualTo("pellam-tools/revenue/gardening");
        assertThat(only(head, "$2.2 billion").subjectKey()).as("the whole company's revenue").isEqualTo("pellam-tools/revenue");
    }

    @Test
    void aPeriodOrAVerbBeforeRevenueIsNoSegment() {
        String head = "Pellam Tools beat forecasts. Pellam Tools shares rose. ";
        assertThat(only(head + "The company said third-quarter revenue was $2.2 billion.", "$2.2 billion").subjectKey())
            .isEqualTo("pellam-tools/revenue");
        assertThat(only(head + "The company said quarterly sales were $2.2 billion.", "$2.2 billion").subjectKey())
            .isEqualTo("pellam-tools/revenue");
        assertThat(only(head + "Hedges, Pellam Tools' smallest unit, lifted revenue to $90 million.", "$90 million").subjectKey())
            .isEqualTo("pellam-tools/revenue/hedge");
    }

    private static String keyIn(String title, String text, String span) {
        return EXTRACTOR.extract(new ArticleText("a", title, text, SUNDAY, null, null)).stream()
            .filter(c -> c.span().startsWith(span)).findFirst().orElseThrow().subjectKey();
    }

    @Test
    void aCountryNoLexiconKnowsHoldsItsStorysFiguresFromTheDateline() {
        String key = keyIn("Floods kill 12 in the north", "LORENZ, Tavaria (Coastal Times) — Floods killed 12 people on "
            + "Monday, officials said.", "12 people");
        assertThat(key).isEqualTo("tavaria/person-killed");
    }

    @Test
    void elseTheHeadlinesPlaceThatTheTextNamesMost() {
        String one = keyIn("Osterland flood toll rises to 30", "MERRIFORD (Metro Ledger) — Floods in Osterland have killed 30 "
            + "people. Rescue teams reached villages in Osterland on Saturday.", "30");
        String other = keyIn("Osterland floods: 30 dead as rivers burst", "BRIGHAM (Harbour Herald) — Thirty people have died in "
            + "floods across the north, Osterlandian officials said. Osterland's army has sent 900 soldiers.", "Thirty people");
        String elsewhere = keyIn("Cyclone kills 30 in Kaloa", "PORT LIRAT (Metro Ledger) — A cyclone killed 30 people in "
            + "Kaloa, the Kaloan disaster office said.", "30 people");
        assertThat(one).isEqualTo("osterland/person-killed").isEqualTo(other);
        assertThat(elsewhere).isEqualTo("kaloa/person-killed");
    }

    @Test
    void aBodysHeadWordIsNoPlace() {
        String key = keyIn("Northmoor count gives Civic Alliance the lead", "ASHBY (Metro Ledger) — The count in Northmoor "
            + "gave the Civic Alliance's candidates the lead. Turnout in Northmoor was 59.5%, the Civic Alliance's "
            + "officials said.", "59.5%");
        assertThat(key).startsWith("northmoor/");
    }

    @Test
    void aTariffIsScopedByWhatItIsLeviedOn() {
        String on = only("Norvia will impose a 12% duty on barley from March.", "12%").subjectKey();
        String before = only("Norvia said the barley duty would stay at 12%.", "12%").subjectKey();
        String levy = only("Norvia said the tariff on barley would stay at 12%.", "12%").subjectKey();
        String listed = only("Under the schedule, oats face an 8% duty, barley 12% and rye 15%.", "12%").subjectKey();
        assertThat(on).endsWith("/tariff/barley");
        assertThat(before).isEqualTo(on);
        assertThat(levy).isEqualTo(on);
        assertThat(listed).isEqualTo(on);
        assertThat(only("Norvia will impose a 12% duty on oats.", "12%").subjectKey()).endsWith("/tariff/oat");
    }

    @Test
    void goodsNamedByTheirOriginAreScopedByTheCountry() {
        assertThat(only("Washington ordered a 25% tariff on imports from Mexico.", "25%").subjectKey()).endsWith("/tariff/mexico");
        assertThat(only("Washington ordered a 25% duty on Mexican imports.", "25%").subjectKey()).endsWith("/tariff/mexico");
        assertThat(only("Ottawa announced 25% tariffs on C$155 billion of goods.", "25%").subjectKey()).endsWith("/tariff");
        assertThat(only("The 10% levy on Wednesday's shipments took effect.", "10%").subjectKey()).doesNotContain("wednesday");
    }

    @Test
    void aForecastCountStandsApartButAForecastLevelAndAnEstimatedTollDoNot() {
        String forecast = only("Airlines expect to carry 31.2 million passengers over the holiday.", "31.2 million").subjectKey();
        String actual = only("Airlines carried 31.2 million passengers over the holiday.", "31.2 million").subjectKey();
        assertThat(forecast).isEqualTo(actual.replace("passenger", "passenger-forecast"));
        assertThat(only("The bank expects inflation of 2.4% in 2026.", "2.4%").subjectKey())
            .isEqualTo(only("Inflation will be 2.4% in 2026, the bank said.", "2.4%").subjectKey());
        assertThat(only("Intelligence estimates put the toll at 3,000 soldiers killed.", "3,000").subjectKey())
            .doesNotContain("estimate");
    }

    @Test
    void aDailyOrWeeklyFigureNamedBeforeItIsARateNotTheTotal() {
        String daily = only("Daily losses have hovered between 900 and 1,200 soldiers, the ministry said.", "between 900").subjectKey();
        String total = only("Losses have reached 64,000 soldiers, the ministry said.", "64,000").subjectKey();
        assertThat(daily).contains("@per-day");
        assertThat(total).doesNotContain("@");
        assertThat(only("Weekly arrivals rose to 2,400 people.", "2,400").subjectKey()).contains("@per-week");
        assertThat(only("The daily Kommersant said 300 soldiers were killed.", "300").subjectKey()).doesNotContain("per-day");
    }

    @Test
    void aPeakIsASubjectApartFromWhereTheFigureStands() {
        String peak = only("Rebels held about 900 sq km at the height of the offensive, down from a peak of 1,100 sq km.", "1,100")
            .subjectKey();
        String now = only("Rebels now hold about 400 sq km, the army said.", "about 400").subjectKey();
        assertThat(peak).isEqualTo(now.replace("area", "area-peak"));
        assertThat(only("Winds peaked at 190 km/h at landfall.", "190").subjectKey()).doesNotContain("peak");
    }

    @Test
    void aChangeThatNamesNoTopicIsTheChangeOfTheLevelStatedWithIt() {
        String text = "The cloud unit grew 18% to $2.1 billion. Some 4.2 million visitors came to the fair, up 9% from last year.";
        NumericClaim grew = only(text, "18%");
        NumericClaim reached = only(text, "$2.1 billion");
        NumericClaim up = only(text, "9%");
        NumericClaim visitors = only(text, "Some 4.2 million");
        assertThat(grew.subjectKey()).isEqualTo(reached.subjectKey().replaceFirst("^([^/]+/[^/@]+)", "$1-change"));
        assertThat(up.subjectKey()).isEqualTo(visitors.subjectKey().replaceFirst("^([^/]+/[^/@]+)", "$1-change"));
        assertThat(grew.subjectKey()).isNotEqualTo(up.subjectKey());
    }

    @Test
    void anIndexLevelIsOneSubjectWhateverTheMarketDidToReachIt() {
        NumericClaim closed = only("The Halden 30 index closed at 7,412.5 points on Friday.", "7,412.5");
        NumericClaim fell = only("The Halden 30 index fell 1.2% to 7,412.5 points on Friday.", "7,412.5");
        assertThat(closed.subjectKey()).isEqualTo(fell.subjectKey());
        assertThat(closed.claimKey()).isEqualTo(fell.claimKey());
    }

    @Test
    void aProductNamedByItsModelHoldsItsPriceInEachMarketAndItsSpecificationEverywhere() {
        NumericClaim us = only("In the US the Nexa Z9 Max starts at $1,099.", "$1,099");
        NumericClaim uk = only("British buyers will find the Z9 Max in shops at £999, Tovik said.", "£999");
        NumericClaim usAgain = only("Tovik's Nexa Z9 Max costs $1,099 in the United States.", "$1,099");
        assertThat(us.subjectKey()).isEqualTo(usAgain.subjectKey()).startsWith("z9-max/price/");
        assertThat(uk.subjectKey()).startsWith("z9-max/price/").isNotEqualTo(us.subjectKey());

        NumericClaim battery = only("The Nexa Z9 Max has a 5,400mAh battery.", "5,400mAh");
        NumericClaim batteryUk = only("In Britain, the Z9 Max packs a 5,400mAh cell.", "5,400mAh");
        assertThat(battery.subjectKey()).isEqualTo(batteryUk.subjectKey()).startsWith("z9-max/");
    }

    @Test
    void aVariantWrittenAloneIsTheModelNamedWithItAndAComparedModelKeepsItsOwnFigures() {
        String text = "The Nexa Z9 starts at $799 and the Nexa Z9 Max at $1,099. The Max weighs 221g, "
            + "up from 214g for the Z8 Max. It has a 6.8-inch screen.";
        assertThat(only(text, "$799").subjectKey()).startsWith("z9/price");
        assertThat(only(text, "$1,099").subjectKey()).startsWith("z9-max/price");
        assertThat(only(text, "221g").subjectKey()).startsWith("z9-max/");
        assertThat(only(text, "214g").subjectKey()).startsWith("z8-max/");
        assertThat(only(text, "6.8-inch").subjectKey()).startsWith("z9-max/");
    }

    @Test
    void aNumberedClassOrAYearIsNoProduct() {
        assertThat(only("Category 5 winds reached 250 km/h on Sunday.", "250").subjectKey()).doesNotStartWith("category");
        assertThat(only("Paris 2024 drew 12.1 million spectators at a cost of $9bn.", "$9bn").subjectKey())
            .doesNotStartWith("paris-2024");
    }

    @Test
    void namesNoLexiconKnowsScopeTheFiguresOfABreakdown() {
        String text = "Measles cases in Ostravia rose to 930, the health ministry said. Kelm remains the worst-hit "
            + "district, with 412 cases. The Varro Hills have recorded 201 cases, and Lower Dunmere 96 cases.";
        String kelm = only(text, "412").subjectKey();
        String varro = only(text, "201").subjectKey();
        String dunmere = only(text, "96").subjectKey();
        String national = only(text, "930").subjectKey();
        assertThat(java.util.Set.of(kelm, varro, dunmere, national)).hasSize(4);
        assertThat(kelm).endsWith("/kelm");
        assertThat(varro).endsWith("/varro-hills");
        assertThat(dunmere).endsWith("/lower-dunmere");

        String single = "Measles cases in Ostravia rose to 930. Kelm remains the worst-hit district, with 412 cases.";
        assertThat(only(single, "412").subjectKey()).doesNotContain("kelm");
    }

    @Test
    void companiesListedWithTheirSharesOfAPledgeScopeThem() {
        String text = "Under the pact, Brevik Kraft will build 9 GW, Tollund Power 4.5 GW and Sarn Energie 3 GW. "
            + "The largest pledge came from Brevik Kraft, which will build 9 GW, followed by Tollund Power with 4.5 GW.";
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "", text, SUNDAY, null, null));
        assertThat(claims).hasSize(5);
        assertThat(claims.get(0).subjectKey()).endsWith("/brevik-kraft").isEqualTo(claims.get(3).subjectKey());
        assertThat(claims.get(1).subjectKey()).endsWith("/tollund-power").isEqualTo(claims.get(4).subjectKey());
        assertThat(claims.get(2).subjectKey()).endsWith("/sarn-energie");
    }

    @Test
    void aBallotsResultIsTheVoteForTheSideItCounts() {
        String rejected = only("Members of the Harwell Dockers Union voted 71.2% to reject the pay offer on Sunday.", "71.2%").subjectKey();
        String rejectedAgain = only("The offer was rejected by 71.2% of voting members, the union said.", "71.2%").subjectKey();
        String against = only("In the ballot, 71.2% of members voted against the deal.", "71.2%").subjectKey();
        String approved = only("A revised deal was approved by 58% of members who voted.", "58%").subjectKey();
        String strike = only("Some 93% voted to strike, the union said.", "Some 93%").subjectKey();
        assertThat(rejected).endsWith("/vote-against").isEqualTo(rejectedAgain).isEqualTo(against);
        assertThat(approved).endsWith("/vote-for");
        assertThat(strike).endsWith("/vote-strike");
    }

    @Test
    void aPartysShareOfTheVoteOrAThresholdIsNoBallotSide() {
        assertThat(only("Parties must win 5% of the vote to enter the assembly.", "5%").subjectKey()).doesNotContain("vote-");
        assertThat(only("Civic Union took 31.8% of the vote, against 26.9% for the Farmers' League.", "31.8%").subjectKey())
            .doesNotContain("vote-");
        assertThat(only("Five members voted for the cut from 5.25%, the highest level since 2008.", "5.25%").subjectKey())
            .doesNotContain("vote-");
    }

    @Test
    void aDatelinesCountryNoLexiconKnowsHoldsFiguresThoughAKnownCountryIsNamedNearer() {
        String key = keyIn("Aid pledged after storm", "PORT AVEN, Meridia (Coastal Times) — France pledged aid to Meridia on "
            + "Tuesday as the death toll from the floods reached 23.", "23");
        assertThat(key).isEqualTo("meridia/person-killed");
    }

    @Test
    void aNamedStormHoldsItsTollWhicheverCountryIsNamedBesideIt() {
        String donors = keyIn("Donors pledge aid", "BRUSSELS (Capital Bulletin) — France pledged aid to Osterland on Tuesday as the "
            + "death toll from Hurricane Tamsin reached 23.", "23");
        String insurers = keyIn("Storm losses", "NEW YORK (Prairie Wire) — Insured losses from Hurricane Tamsin, which killed 23 "
            + "people in Osterland, may reach $2bn.", "23");
        String evacuated = keyIn("Storm", "Hurricane Tamsin forced 12,000 people to leave their homes in Osterland.", "12,000");
        assertThat(donors).isEqualTo("tamsin/person-killed").isEqualTo(insurers.replace("/osterland", ""));
        assertThat(evacuated).startsWith("tamsin/person-evacuated");
        assertThat(keyIn("Storm", "After Hurricane Tamsin, about 12,000 people spent the night in schools.", "about 12,000"))
            .isEqualTo("tamsin/person-evacuated");
        assertThat(keyIn("Fire", "The Kelso fire has burned 40,000 hectares and forced 3,000 people from their homes, "
            + "Alberta officials said.", "3,000")).startsWith("kelso/");
        assertThat(keyIn("Quake", "Norway sent aid after the Velden quake killed 30 people.", "30")).startsWith("velden/person-killed");
    }

    @Test
    void twoStormsInOneStoryLeaveTheTollToItsCountry() {
        String text = "Storm Arlo killed 12 people in Norway, days after Storm Bryn had killed 4 people in Norway.";
        assertThat(keyIn("Storms", text, "12")).startsWith("norway/person-killed");
    }

    @Test
    void aSumForEachUnitIsAPriceAndASumPerCurrencyAnExchangeRate() {
        String barrel = only("Brent crude rose to $81.20 a barrel in London.", "$81.20").subjectKey();
        String tonne = only("Wheat traded at $231 per tonne in Rouen.", "$231").subjectKey();
        String power = only("The wind farm will be paid £64 for every megawatt-hour it generates.", "£64").subjectKey();
        assertThat(List.of(barrel, tonne, power)).allSatisfy(key -> assertThat(key).contains("/prices"));
        assertThat(only("The zloty weakened to 4.12 per dollar on Monday.", "4.12").subjectKey()).contains("/exchange-rate");
        assertThat(only("Her salary was €85,000 a year.", "€85,000").subjectKey()).doesNotContain("prices");
    }

    @Test
    void anIndexHoldsItsLevelAndItsMoveForTheTradingDay() {
        String text = "The Harbour 50 closed down 1.2% at 6,120.40 on Monday, as bank shares fell. The broader Lindmark "
            + "All-Share index gained 0.4% to finish at 3,210.55.";
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("a", "", text, SUNDAY, null, null));
        assertThat(claims).extracting(NumericClaim::subjectKey).containsExactly(
            "harbour-50/point-change@2025-02-17", "harbour-50/point@2025-02-17",
            "lindmark-all-share/point-change@2025-02-17", "lindmark-all-share/point@2025-02-17");
    }

    @Test
    void aLeaguesPointsAreARunningTotalNotATradingDays() {
        assertThat(only("Vale have 61 points after beating Rovers on Saturday.", "61 points").subjectKey()).doesNotContain("@");
    }

    @Test
    void aCurrencyThatMovesToASumIsQuotedAtItsExchangeRate() {
        assertThat(only("The krone fell 0.3% against the dollar to $0.0921, its weakest level in a month.", "$0.0921").subjectKey())
            .contains("/exchange-rate");
        assertThat(only("Each one-yen rise against the dollar cuts its operating profit by about 40 billion yen.", "about 40")
            .subjectKey()).doesNotContain("exchange-rate");
    }

    @Test
    void theHighestLevelSinceIsARemarkNotATopic() {
        assertThat(only("The central bank cut its key rate from 6.5%, the highest level since 2009.", "6.5%").subjectKey())
            .doesNotContain("level");
    }

    @Test
    void casesAndPeopleWhoFellIllCountTheSameInfections() {
        String cases = only("The outbreak has now reached 940 cases in Ostravia, the ministry said.", "940").subjectKey();
        String ill = only("In Ostravia 940 people have fallen ill since the outbreak began.", "940").subjectKey();
        String sickened = only("An outbreak that has sickened 940 people in Ostravia is slowing.", "940").subjectKey();
        assertThat(cases).isEqualTo(ill).isEqualTo(sickened).contains("-infected").doesNotContain("killed");
    }

    @Test
    void aForecastOfAStandingRateIsApartFromTheRateInForce() {
        String text = "The central bank held its key rate at 4.25%. Analysts expect the rate to reach 3.5% by December.";
        assertThat(only(text, "3.5%").subjectKey()).isNotEqualTo(only(text, "4.25%").subjectKey()).matches(".*/rate-(forecast|estimate)");
    }

    @Test
    void anIntroductoryAdverbIsNoRegionOfABreakdown() {
        String text = "Kelm has recorded 412 cases and the Varro Hills 201 cases. Nationally, cases rose by 96 in a day.";
        assertThat(only(text, "96").subjectKey()).doesNotContain("nationally");
    }

    @Test
    void aTargetIsApartFromTheFigureItAimsAt() {
        String text = "Inflation in Ostravia rose to 3.1% in June, above the central bank's 2% target.";
        assertThat(only(text, "2%").subjectKey()).endsWith("/inflation-target");
        assertThat(only(text, "3.1%").subjectKey()).doesNotContain("target");
        assertThat(only("Ostravian jets hit 50 targets overnight.", "50").subjectKey()).doesNotContain("-target");
    }

    @Test
    void aChambersMembersAreItsSeatsAndAUnionsMembersItsWorkers() {
        assertThat(only("Voters in Ostravia elect the 120-member assembly on Sunday.", "120").subjectKey())
            .isEqualTo(only("Voters in Ostravia elect the 120-seat assembly on Sunday.", "120").subjectKey());
        assertThat(only("In Ostravia some 4,100 union members walked out.", "some 4,100").subjectKey())
            .isEqualTo(only("In Ostravia some 4,100 workers walked out.", "some 4,100").subjectKey());
    }

    @Test
    void aTariffIsTheLevyingCountrysNotTheGoodsOrigin() {
        String text = "The president ordered a 20% tariff on imports from Norway and an extra 5% levy on Danish products.";
        String fromNorway = keyIn("Tariffs", "WASHINGTON (Prairie Wire) — " + text, "20%");
        String danish = keyIn("Tariffs", "WASHINGTON (Prairie Wire) — " + text, "5%");
        assertThat(fromNorway).isEqualTo("united-states/tariff/norway");
        assertThat(danish).isEqualTo("united-states/tariff/denmark");
        assertThat(only("A 15% tariff on Swedish cars entering Canada takes effect today.", "15%").subjectKey())
            .isEqualTo("canada/tariff/sweden");
        assertThat(only("Norway has asked Japan to cap the salmon duty at 5%, officials in Oslo said.", "5%").subjectKey())
            .startsWith("japan/tariff");
    }

    @Test
    void aShareOfAPluralIsAShareOfItsHeadNotOfTheVerbAfterIt() {
        assertThat(only("In Ostravia nearly 90% of the shipments went through the northern ports.", "nearly 90%").subjectKey())
            .contains("/shipment");
        assertThat(only("In Ostravia about a fifth of our farmland cannot be worked safely.", "about a fifth").subjectKey())
            .contains("/farmland");
    }

    @Test
    void aBareCountKeepsTheVerbRightBeforeIt() {
        String text = "The storm hit the coast on Friday, killing at least 31 people and injuring 240.";
        assertThat(only(text, "240").subjectKey()).contains("-wounded").isNotEqualTo(only(text, "at least 31").subjectKey());
    }

    @Test
    void aMonthStatedAloneAndThePartOfAYearDateTheFigure() {
        NumericClaim month = only("The ministry counted 9,100 arrests last year, with November alone accounting for 1,240 arrests.",
            "1,240");
        NumericClaim part = only("Police made close to 2,000 arrests in the first 50 days of 2025, the ministry said.", "close to 2,000");
        NumericClaim total = only("Police have made 31,000 arrests since the law took effect, the ministry said.", "31,000");
        assertThat(month.subjectKey()).endsWith("@2024-11");
        assertThat(part.subjectKey()).endsWith("@2025");
        assertThat(total.subjectKey()).doesNotContain("@");
    }

    @Test
    void whatAPartOfAGroupSufferedIsItsEventNotWhatWasDoneToTheGroup() {
        NumericClaim part = only("About 400 of the Ostravian soldiers sent to fight in the north have been killed, officials said.",
            "About 400");
        assertThat(part.subjectKey()).contains("-killed");
    }

    @Test
    void aTopicNamedAfterInIsWhatTheSumIs() {
        NumericClaim loans = only("The Commission's plan includes €90bn in loans for joint purchases.", "€90bn");
        NumericClaim plan = only("The Commission proposed a plan to mobilise up to €400 billion.", "up to €400 billion");
        assertThat(loans.subjectKey()).isNotEqualTo(plan.subjectKey()).contains("/loan");
    }

    @Test
    void aBareCountAfterANamedQuantityAndOfIsThatQuantity() {
        String text = "The Velmar Party won 96 seats in the 150-seat chamber, giving it a majority of 42.";
        assertThat(only(text, "42").subjectKey()).contains("/majority").isNotEqualTo(only(text, "96 seats").subjectKey());
    }

    @Test
    void aCountThatIsTheSubjectOfAPassiveForecastIsAForecast() {
        NumericClaim expected = only("A record 4.1 million people in Ostravia are expected to travel over the holiday.", "4.1 million");
        NumericClaim counted = only("A record 4.1 million people in Ostravia travelled over the holiday.", "4.1 million");
        assertThat(expected.subjectKey()).contains("-forecast").isNotEqualTo(counted.subjectKey());
    }

    @Test
    void theDepthAndTheDistanceOfAQuakeAreMeasuresApart() {
        String text = "The quake struck with its epicentre about 40 km north of the city, at a depth of 12 km.";
        assertThat(only(text, "about 40 km").subjectKey()).isNotEqualTo(only(text, "12 km").subjectKey());
    }

    @Test
    void aCentralBanksRateIsItsEconomys() {
        NumericClaim bank = only("FRANKFURT (Wire) — The European Central Bank cut its deposit rate to 1.75% on Thursday.", "1.75%");
        NumericClaim area = only("The euro area's deposit rate now stands at 1.75%, economists said.", "1.75%");
        assertThat(bank.subjectKey()).isEqualTo(area.subjectKey()).startsWith("euro-area/");
    }

    @Test
    void anEarlierReadingIsOfTheCountNotOfThePlacesItIsIn() {
        String text = "Officials confirmed 412 infected flocks in 9 provinces, up from 398 two days earlier.";
        assertThat(only(text, "398").subjectKey()).isEqualTo(only(text, "412").subjectKey());
    }

    @Test
    void aPlaceInAnotherClauseAfterTheFigureDoesNotScopeIt() {
        String text = "The virus has reached flocks in 9 provinces since it was first found in Kelmark in March.";
        assertThat(only(text, "9 provinces").subjectKey()).doesNotContain("kelmark");
    }

    @Test
    void aQuakesMagnitudeIsItsSizeWhateverItDid() {
        NumericClaim killed = only("A magnitude 6.8 earthquake killed at least 30 people on Sunday.", "magnitude 6.8");
        NumericClaim struck = only("A magnitude 6.8 earthquake struck the coast on Sunday.", "magnitude 6.8");
        assertThat(killed.subjectKey()).isEqualTo(struck.subjectKey());
    }
}
