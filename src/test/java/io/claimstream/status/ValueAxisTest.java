package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ValueAxisTest {

    @Test
    void figuresOfPeopleGetRoundStepsFromZero() {
        ValueAxis axis = ValueAxis.covering(List.of(12.0, 19.0, 31.0), "person", 5);
        assertThat(labels(axis)).containsExactly("0", "10", "20", "30", "40");
        assertThat(axis.position(31.0)).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void oneFigureStillGetsAnAxisOfSeveralTicksWithItOnOrUnderTheTop() {
        assertThat(labels(ValueAxis.covering(List.of(250_000.0), "soldier", 5)))
            .containsExactly("0", "100k", "200k", "300k");
        assertThat(labels(ValueAxis.covering(List.of(2.4), "percent", 5)))
            .containsExactly("0%", "1%", "2%", "3%");
        assertThat(labels(ValueAxis.covering(List.of(0.0), "person", 5))).containsExactly("0", "0.25", "0.50", "0.75", "1.00");
    }

    @Test
    void largeSumsOfMoneyReadAsMillionsAndBillionsInTheirCurrency() {
        assertThat(labels(ValueAxis.covering(List.of(1.2e9, 3.4e9), "usd", 5))).containsExactly("$0", "$1bn", "$2bn", "$3bn", "$4bn");
        assertThat(labels(ValueAxis.covering(List.of(7.5e6), "eur", 5))).containsExactly("€0", "€2M", "€4M", "€6M", "€8M");
    }

    @Test
    void negativeFiguresPutZeroInsideTheAxis() {
        ValueAxis axis = ValueAxis.covering(List.of(-3.0, 4.5), "percent", 5);
        assertThat(labels(axis)).containsExactly("-4%", "-2%", "0%", "2%", "4%", "6%");
        assertThat(axis.position(0)).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(ValueAxis.nice(7)).isEqualTo(10);
        assertThat(ValueAxis.nice(62_500)).isEqualTo(100_000);
        assertThat(ValueAxis.nice(2.2)).isEqualTo(2.5);
        assertThat(ValueAxis.nice(0.03)).isEqualTo(0.05);
        assertThat(ValueAxis.nice(20)).isEqualTo(20);
    }

    private static List<String> labels(ValueAxis axis) {
        return axis.ticks().stream().map(ValueAxis.Tick::label).toList();
    }
}
