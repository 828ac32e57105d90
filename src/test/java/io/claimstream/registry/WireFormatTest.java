package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void headerIsMagicByteZeroThenTheIdBigEndian() {
        assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
        assertThat(WireFormat.header(1)).containsExactly(0, 0, 0, 0, 1);
    }

    @Test
    void readsTheIdBackFromAHeaderFollowedByABody() {
        byte[] record = {0, 0, 0, 1, 44, 6, 'a', 'b', 'c'};
        assertThat(WireFormat.schemaId(record, "topic 't' (value)")).isEqualTo(300);
    }

    @Test
    void anUnknownMagicByteNamesTheTopicAndTheByte() {
        byte[] json = "{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WireFormat.schemaId(json, "topic 'news.claims' (value)"))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("unknown magic byte 0x7b");
    }

    @Test
    void fewerBytesThanTheHeaderAreRefused() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}, "topic 'news.claims' (key)"))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (key)")
            .hasMessageContaining("3 bytes is too short");
    }
}
