package io.claimstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberVariationTest {

    @Test
    void figuresScaleAndKeepHowTheyAreWritten() {
        assertThat(NumberVariation.scale("Russia lost 1,150 troops and $4.2 billion, or $1.5bn a month.", 2))
            .isEqualTo("Russia lost 2,300 troops and $8.4 billion, or $3.0bn a month.");
        assertThat(NumberVariation.scale("Between 10-15 drones, at least 12 people", 1.5))
            .as("round figures stay round").isEqualTo("Between 20-23 drones, at least 18 people");
        assertThat(NumberVariation.scale("450,000 people", 1.1)).isEqualTo("500,000 people");
    }

    @Test
    void datesYearsTimesOrdinalsAndIdentifiersStayAsTheyAre() {
        String text = "On June 9 and 30 June 2024, at 9:30, the 2nd T-72 of COVID-19 fame, a 41-year-old said.";
        assertThat(NumberVariation.scale(text, 2)).isEqualTo(text);
    }

    @Test
    void aShareNeverPassesAHundredPercent() {
        assertThat(NumberVariation.scale("turnout was 85% and costs rose 32 per cent", 1.5))
            .isEqualTo("turnout was 85% and costs rose 48 per cent");
    }
}
