package io.claimstream.registry;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format for a record value or key: magic byte {@code 0}, the writer's schema
 * id as a 4-byte big-endian integer, then the Avro binary encoding of the datum. Every
 * Confluent-compatible client, in any language, writes and reads exactly these bytes.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 1 + Integer.BYTES;

    private WireFormat() {
    }

    /** The 5-byte header that precedes the Avro body. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /**
     * The writer's schema id from the header of {@code data}.
     *
     * @param where names the topic and side for the error message, e.g. {@code topic 'a' (value)}
     * @throws SerializationException when the bytes are too short or do not start with the magic byte
     */
    public static int schemaId(byte[] data, String where) {
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("Cannot deserialize a record of " + where + ": " + data.length
                + " bytes is too short for the Confluent wire format header (magic byte and 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                "Cannot deserialize a record of %s: unknown magic byte 0x%02x (expected 0x00, Confluent wire format);"
                    + " the record was not written by a Schema Registry Avro serializer", where, data[0] & 0xff));
        }
        return ByteBuffer.wrap(data, 1, Integer.BYTES).getInt();
    }
}
