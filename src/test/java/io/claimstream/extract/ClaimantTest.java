package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Figures belong to whoever the article attributes them to, under the full name it first uses. */
class ClaimantTest {

    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();

    private static List<String> claimants(String text) {
        return EXTRACTOR.extract(ArticleText.of("a", text)).stream().map(NumericClaim::claimant).toList();
    }

    @Test
    void theSourceOfDataIsNamedWithoutWhatDescribesTheData() {
        assertThat(claimants("There were 3,489 patients in hospital, according to NHS England data published on Thursday."))
            .containsExactly("NHS England");
        assertThat(claimants("A two-year fixed deal costs 5.8%, according to data provider Moneyfacts."))
            .containsExactly("Moneyfacts");
        assertThat(claimants("Inflation stood at 3.4% in February, according to the statistics office."))
            .containsExactly("statistics office");
    }

    @Test
    void aClosingSaidAttributesWhatComesBefore() {
        assertThat(claimants("Russia lost 1,150 troops over the past day, the General Staff of Ukraine's Armed Forces said."))
            .containsExactly("General Staff of Ukraine's Armed Forces");
    }

    @Test
    void titlesAndSurnamesResolveToTheFullName() {
        String text = "President Volodymyr Zelensky spoke in Munich. Zelensky said 46,000 soldiers had been killed. "
            + "The president said 380,000 had been wounded.";
        assertThat(claimants(text)).containsExactly("Volodymyr Zelensky", "Volodymyr Zelensky");
    }

    @Test
    void accordingToNamesTheSource() {
        assertThat(claimants("The fire has burned 14,117 acres, according to the California Department of Forestry "
            + "and Fire Protection.")).containsExactly("California Department of Forestry and Fire Protection");
    }

    @Test
    void acronymsAndGenericNounsReferBackToTheOrganisation() {
        String text = "The National Bank of Ukraine kept rates on hold. The NBU estimates the economy grew by 3.4% in 2024. "
            + "The regulator said inflation would ease to 9.7% by December.";
        assertThat(claimants(text)).containsExactly("National Bank of Ukraine", "National Bank of Ukraine");
    }

    @Test
    void pronounsReferToTheLatestSpeaker() {
        String text = "Governor Andy Beshear visited the area. At least nine people have died, he said.";
        assertThat(claimants(text)).containsExactly("Andy Beshear");
    }

    @Test
    void aNumberInAQuotationBelongsToTheSpeaker() {
        String text = "\"Almost 250,000 of their soldiers are dead,\" Zelensky said.";
        assertThat(claimants(text)).containsExactly("Zelensky");
    }

    @Test
    void aQuotationAfterAnAttributedSentenceKeepsTheVoice() {
        String text = "\"This is the largest package yet,\" Defence Minister Lars Kjeldgaard told reporters. "
            + "\"Roughly two-thirds of the money will buy weapons.\"";
        assertThat(claimants(text)).containsExactly("Lars Kjeldgaard");
    }

    @Test
    void theOutletsOwnVoiceHasNoClaimant() {
        assertThat(claimants("The resolution was adopted with 93 votes in favour and 18 against.")).containsExactly(null, null);
    }

    @Test
    void attributionDoesNotCarryIntoTheNextSentence() {
        String text = "Inflation reached 12% in December, the central bank said. The hryvnia trades at around 42 per dollar.";
        assertThat(claimants(text)).containsExactly("central bank", null);
    }

    @Test
    void aDocumentsSourceIsTheClaimant() {
        assertThat(claimants("Exports reached 27.6 million tonnes, agriculture ministry data showed."))
            .containsExactly("agriculture ministry");
    }

    @Test
    void anActionIsNotAnAttribution() {
        assertThat(claimants("Austria's government announced 300 million euros of emergency aid.")).containsExactly((String) null);
    }

    @org.junit.jupiter.api.Test
    void theBankIsTheBankNotTheRateNamedAfterIt() {
        List<NumericClaim> claims = new ClaimExtractor().extract(ArticleText.of("a",
            "The Bank of England cut Bank Rate to 5% on Thursday. The Bank expects inflation to rise to around 2.75% later this year."));
        assertThat(claims).filteredOn(c -> c.span().contains("2.75%")).singleElement()
            .extracting(NumericClaim::claimant).isEqualTo("Bank of England");
    }
}
