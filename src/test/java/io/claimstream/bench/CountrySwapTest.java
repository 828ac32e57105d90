package io.claimstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;

import org.junit.jupiter.api.Test;

class CountrySwapTest {

    private final CountrySwap swap = new CountrySwap(3);

    @Test
    void everyFormOfACountryBecomesTheSameFormOfOneOtherCountry() {
        Map<String, String> mapping = swap.newMapping();
        String text = swap.swap("Russia said Russian forces lost 1,150 troops, Moscow said. Ukrainians in Kyiv agreed.",
            mapping, new Random(1));
        assertThat(mapping).containsOnlyKeys("russia", "ukraine");
        assertThat(mapping.get("russia")).isNotEqualTo(mapping.get("ukraine")).isNotEqualTo("russia");
        assertThat(text).doesNotContain("Russia", "Moscow", "Kyiv", "Ukrainians").contains("1,150 troops");
        assertThat(swap.swap("Moscow and Russia", mapping, new Random(2)))
            .as("the same article keeps its mapping").isEqualTo(swap.swap("Moscow and Russia", mapping, new Random(3)));
    }

    @Test
    void theExtractorKeysTheRetoldClaimByTheNewCountry() {
        Map<String, String> mapping = swap.newMapping();
        String text = swap.swap("Russia has lost 855,470 troops since the start of the invasion, the General Staff said.",
            mapping, new Random(4));
        assertThat(new ClaimExtractor().extract(ArticleText.of("a", text)))
            .anySatisfy(c -> assertThat(c.subjectKey()).startsWith(mapping.get("russia") + "/"));
    }

    @Test
    void wordsThatOnlyStartLikeACountryAreLeftAlone() {
        Map<String, String> mapping = swap.newMapping();
        assertThat(swap.swap("Chadwick, Perusal and Malice", mapping, new Random(5))).isEqualTo("Chadwick, Perusal and Malice");
        assertThat(mapping).isEmpty();
    }
}
