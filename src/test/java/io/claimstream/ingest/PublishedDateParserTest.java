package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublishedDateParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2025-03-10 18:00:00|2025-03-10T18:00:00Z",
        "2025-03-10T18:00:00+0100|2025-03-10T17:00:00Z",
        "2025-03-10 18:00:00 +01:00|2025-03-10T17:00:00Z",
        "2025-03-10T18:00:00.123Z|2025-03-10T18:00:00.123Z",
        "Mon, 10 March 2025 18:00:00 GMT|2025-03-10T18:00:00Z",
        "Fri, 10 Mar 2025 18:00 +0000|2025-03-10T18:00:00Z",
        "10 Mar 2025 18:00:00 EST|2025-03-10T23:00:00Z",
        "March 10, 2025|2025-03-10T00:00:00Z",
        "March 10, 2025 6:00 PM|2025-03-10T18:00:00Z",
        "10 March 2025|2025-03-10T00:00:00Z",
        "2025/03/10 18:00|2025-03-10T18:00:00Z",
        "2025-03-10|2025-03-10T00:00:00Z"})
    void readsCommonNonRfc822Dates(String text, String expected) {
        assertThat(PublishedDateParser.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "10/03/2025", "2025-13-45"})
    void returnsNullForWhatItCannotRead(String text) {
        assertThat(PublishedDateParser.parse(text)).isNull();
    }
}
