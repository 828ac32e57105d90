package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Whose seats, points or medals a figure counts, when several contenders share the measure. */
class HoldersTest {

    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();
    private static final Instant DAY = Instant.parse("2026-05-08T06:00:00Z");

    private static List<NumericClaim> extract(String text) {
        return EXTRACTOR.extract(new ArticleText("a", "Results", text, DAY, null, null));
    }

    private static String keyOf(List<NumericClaim> claims, String span) {
        return claims.stream().filter(c -> c.span().equals(span)).findFirst().orElseThrow().subjectKey();
    }

    @Test
    void eachPartyHoldsItsOwnSeats() {
        List<NumericClaim> claims = extract("LONDON (Metro Ledger) — The Velmar Party won 41 seats, the Northmoor Greens 17 and "
            + "Civic Union 12, the commission said.");
        assertThat(keyOf(claims, "41 seats")).startsWith("velmar/seat");
        assertThat(keyOf(claims, "17")).startsWith("northmoor-greens/seat");
        assertThat(keyOf(claims, "12")).startsWith("civic-union/seat");
    }

    @Test
    void aPartyNamedAfterItsRegionIsNotTheRegionsAssembly() {
        List<NumericClaim> claims = extract("Voters in the Dunmere Regional Assembly election gave Civic Union 24 seats, "
            + "Dunmere First four and New Centre three, the commission said.");
        assertThat(keyOf(claims, "four")).startsWith("dunmere-first/seat");
    }

    @Test
    void outletsThatNameAContenderDifferentlyMeet() {
        String one = keyOf(extract("The Velmar Party won 41 seats in the assembly."), "41 seats");
        String other = keyOf(extract("Velmar won 41 seats, officials said."), "41 seats");
        String third = keyOf(extract("Brackwater Rovers, who have 64 points, lead the league."), "64 points");
        assertThat(one).startsWith("velmar/").isEqualTo(other);
        assertThat(third).startsWith("brackwater-rovers/");
    }

    @Test
    void aTotalIsNotAContendersFigure() {
        List<NumericClaim> claims = extract("Labour won 411 seats in the 650-seat parliament.");
        assertThat(keyOf(claims, "411 seats")).startsWith("labour/");
        assertThat(keyOf(claims, "650-seat")).doesNotStartWith("labour/");
    }

    @Test
    void aCountryStatedWithItsFigureHoldsIt() {
        List<NumericClaim> claims = extract("Japan was third with 20 golds, ahead of Australia on 18.");
        assertThat(keyOf(claims, "18")).startsWith("australia/");
    }

    @Test
    void thePersonWhoseNameOwnsAPartyDoesNotHoldItsSeats() {
        List<NumericClaim> claims = extract("Nigel Farage's Reform UK won five seats.");
        assertThat(keyOf(claims, "five seats")).startsWith("reform-uk/");
    }

    @Test
    void otherMeasuresKeepTheCountryRules() {
        List<NumericClaim> claims = extract("Velmar Holdings said Russia lost 1,150 troops over the past day.");
        assertThat(claims).singleElement().extracting(NumericClaim::subjectKey).asString().startsWith("russia/");
    }

    @Test
    void aShortFormAndAnAppositionLeadToTheContender() {
        List<NumericClaim> claims = extract("Japan was third with 20 golds, ahead of Australia on 18 and France, the host nation, on 16.");
        assertThat(keyOf(claims, "16")).startsWith("france/");
        List<NumericClaim> party = extract("The Velmar Party held its ground in the north. The party took 33.7% of the vote.");
        assertThat(keyOf(party, "33.7%")).startsWith("velmar/");
    }

    @Test
    void aCompanyHoldsTheMeasuresItReportsNotItsCountry() {
        List<NumericClaim> claims = extract("OSLO (Fjord Wire) — Brennvik Shipping reported annual revenue of $3.1 billion. "
            + "Its net income rose to $240 million, and the margin widened to 9.2%, the Norwegian company said. "
            + "Brennvik has 40 ships.");
        assertThat(keyOf(claims, "$3.1 billion")).startsWith("brennvik/revenue");
        assertThat(keyOf(claims, "$240 million")).startsWith("brennvik/profit");
        assertThat(keyOf(claims, "9.2%")).startsWith("brennvik/margin");
    }

    @Test
    void whatASumBuysHoldsItWhoeverPaysOrReceivesIt() {
        List<NumericClaim> buyer = extract("LONDON (Wire) — Rovers have agreed to sign midfielder Tomas Vell for a club "
            + "record fee of up to £64m, the club said.");
        List<NumericClaim> seller = extract("BERLIN (Wire) — Eastholm stand to receive as much as €75m for Tomas Vell, "
            + "a newspaper reported. The club sold Anton Rask to Rovers for €20m in the summer.");
        assertThat(keyOf(buyer, "up to £64m")).isEqualTo("vell/value-total"); // "up to": the whole, add-ons and all
        assertThat(keyOf(seller, "as much as €75m")).isEqualTo("vell/value-total");
        assertThat(keyOf(seller, "€20m")).as("the player sold, not the club he went to").isEqualTo("rask/value");
    }

    @Test
    void aFigureInBracketsAfterAnotherIsTheSameFigureInAnotherUnit() {
        List<NumericClaim> claims = extract("Rovers will sign Tomas Vell for £64m (€75m), the club said. "
            + "The fire has burned 22,660 acres (9,170 hectares).");
        assertThat(keyOf(claims, "€75m")).isEqualTo(keyOf(claims, "£64m"));
        assertThat(keyOf(claims, "9,170 hectares")).isEqualTo(keyOf(claims, "22,660 acres"));
    }

    @Test
    void aCompanyMeasureWithNoNameInItsClauseIsTheStorysCompany() {
        List<NumericClaim> claims = extract("Tolvane Mills beat forecasts on Monday. Tolvane Mills shares rose. "
            + "Turnover climbed 4% to $880 million. Contract revenue slipped to $95 million, according to Norrfield Research.");
        assertThat(keyOf(claims, "$880 million")).startsWith("tolvane-mills/");
        assertThat(keyOf(claims, "$95 million")).as("a source cited for a figure is not its holder").startsWith("tolvane-mills/");
    }

    @Test
    void twoCompaniesInOneStoryEachHoldTheirOwnRevenue() {
        List<NumericClaim> claims = extract("Harlow Pumps and Dessin Valves both reported on Thursday. "
            + "Harlow Pumps reported revenue of $610 million. Dessin Valves reported revenue of $455 million. "
            + "Dessin Valves also raised its dividend.");
        assertThat(keyOf(claims, "$610 million")).startsWith("harlow-pumps/revenue");
        assertThat(keyOf(claims, "$455 million")).startsWith("dessin-valves/revenue");
    }

    @Test
    void aMedalsColourIsItsMeasureAndAListKeepsItsHolder() {
        List<NumericClaim> claims = extract("Norland topped the table with 31 gold medals, 25 silver and 19 bronze.");
        assertThat(keyOf(claims, "31 gold medals")).isEqualTo("norland/gold");
        assertThat(keyOf(claims, "25")).isEqualTo("norland/silver");
        assertThat(keyOf(claims, "19")).isEqualTo("norland/bronze");
    }

    @Test
    void aBareFigureForANameIsThatNamesAndAPossessiveCountryHoldsItsFigure() {
        List<NumericClaim> claims = extract("Estavia won 28 golds to 27 for Norland on Friday.");
        assertThat(keyOf(claims, "28 golds")).isEqualTo("estavia/gold");
        assertThat(keyOf(claims, "27")).isEqualTo("norland/gold");
        assertThat(keyOf(extract("The table put Estavia ahead of Japan's 18 golds."), "18 golds")).isEqualTo("japan/gold");
    }

    @Test
    void winningIsHowAContenderHoldsSoWonAndHeldMeet() {
        String won = keyOf(extract("The Unity Party won 44 seats on Sunday."), "44 seats");
        String held = keyOf(extract("The Unity Party's 44 seats give it a majority."), "44 seats");
        String took = keyOf(extract("The Unity Party took 44 seats."), "44 seats");
        assertThat(won).isEqualTo("unity/seat").isEqualTo(held).isEqualTo(took);
    }

    @Test
    void aShareOfTheVoteAndAPartysShareAreOneVoteShare() {
        String ofTheVote = keyOf(extract("The Unity Party took 38.2% of the vote."), "38.2%");
        String itsShare = keyOf(extract("The Unity Party's share rose to 38.2%."), "38.2%");
        assertThat(ofTheVote).isEqualTo("unity/share").isEqualTo(itsShare);
    }

    @Test
    void aPossessiveInsideAPartysNameIsPartOfTheName() {
        List<NumericClaim> claims = extract("The Rural People's Party took 25 seats, down from 31.");
        assertThat(keyOf(claims, "25 seats")).isEqualTo("rural-people/seat");
    }

    @Test
    void aBranchOfAnOrganisationIsTheOrganisation() {
        String branch = keyOf(extract("The Harlow Workers Union Local took 44 seats on the council."), "44 seats");
        String union = keyOf(extract("The Harlow Workers Union took 44 seats on the council."), "44 seats");
        assertThat(branch).startsWith("harlow-workers-union/").isEqualTo(union);
    }

    @Test
    void aPlayerNamedOnceAfterForHoldsTheSumEvenWhereTheClubsNameRunsIntoHis() {
        List<NumericClaim> claims = extract("It beats the €48m Westfold paid Eastholm for Marco Bellin in 2021.");
        assertThat(keyOf(claims, "€48m")).isEqualTo("marco-bellin/value");
        List<NumericClaim> described = extract("Rovers agreed a fee of €30m with Eastholm for the Danish winger Anton Rask.");
        assertThat(keyOf(described, "€30m")).isEqualTo("rask/value");
    }

    @Test
    void theSumsOfADealToldAfterItAreItsPartsAndItsWhole() {
        List<NumericClaim> claims = extract("Rovers have signed Tomas Vell for up to £64m. The fee is made up of an initial "
            + "£55m, with a further £9m in potential add-ons. Another report put it at £58m, rising to £64m with add-ons.");
        assertThat(keyOf(claims, "up to £64m")).isEqualTo("vell/value-total");
        assertThat(keyOf(claims, "£55m")).isEqualTo("vell/value-initial");
        assertThat(keyOf(claims, "£9m")).isEqualTo("vell/value-add-ons");
        assertThat(keyOf(claims, "£64m")).isEqualTo("vell/value-total");
    }

    @Test
    void aPluralsPossessiveIsPartOfAPartysName() {
        List<NumericClaim> claims = extract("The Velmar Party won 41 seats, the Free Citizens' Party 17 and Civic Union 12.");
        assertThat(keyOf(claims, "17")).startsWith("free-citizens/seat");
    }

    @Test
    void aPluralInAPartysNameCountsNothing() {
        List<NumericClaim> claims = extract("The Velmar Party won 41 seats, the Free People's Party 17 and Civic Union 12, "
            + "the commission said.");
        assertThat(keyOf(claims, "17")).startsWith("free-people/seat");
        assertThat(keyOf(claims, "12")).startsWith("civic-union/seat");
    }

    @Test
    void whatAPurchaseVerbNamesHoldsTheDealsSum() {
        List<NumericClaim> signing = extract("Rovers completed the signing of Danish winger Anton Rask from Eastholm on Friday "
            + "in a deal worth up to £40m.");
        List<NumericClaim> acquisition = extract("Velmora announced its acquisition of Brightline Software in a deal worth $2.3bn.");
        assertThat(keyOf(signing, "up to £40m")).isEqualTo("rask/value-total");
        assertThat(keyOf(acquisition, "$2.3bn")).startsWith("brightline").endsWith("/value");
    }

    @Test
    void winningIsHowACountryHoldsItsMedalsToo() {
        List<NumericClaim> won = extract("France won 16 golds at the Games.");
        List<NumericClaim> had = extract("France finished with 16 golds at the Games.");
        List<NumericClaim> home = extract("Team GB brought home 65 medals from the Games.");
        List<NumericClaim> britain = extract("Britain finished with 65 medals at the Games.");
        assertThat(keyOf(won, "16 golds")).isEqualTo(keyOf(had, "16 golds"));
        assertThat(keyOf(home, "65 medals")).isEqualTo(keyOf(britain, "65 medals"));
    }
}
