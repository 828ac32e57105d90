package io.claimstream.topology;

import java.nio.charset.StandardCharsets;

import io.claimstream.extract.SubjectKeyScheme;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The subject-key scheme the topology keys subjects under ({@link SubjectKeyScheme#VERSION}
 * unless a test says otherwise), and the record header that carries it: on the claim-mentions
 * repartition topic, so that mentions keyed by an earlier version of the application are told
 * apart, and on claims.by-subject, so that consumers see which scheme a key belongs to. The
 * header value is the version in decimal ASCII ({@code "2"}).
 *
 * @param version the scheme subjects are written under
 * @param upgradeBatch how many stored subjects one punctuation looks at while removing those of
 *                     other schemes, so that a large store does not hold up processing
 */
record KeyScheme(int version, int upgradeBatch) {

    /** The scheme of records and state written before schemes had versions: they carry none. */
    static final int UNVERSIONED = 1;
    static final int DEFAULT_UPGRADE_BATCH = 500;

    KeyScheme {
        if (version < UNVERSIONED || upgradeBatch < 1) {
            throw new IllegalArgumentException("key scheme " + version + ", upgrade batch " + upgradeBatch);
        }
    }

    static KeyScheme current() {
        return new KeyScheme(SubjectKeyScheme.VERSION, DEFAULT_UPGRADE_BATCH);
    }

    /** The scheme a record's headers name; {@link #UNVERSIONED} when they name none (or nothing readable). */
    static int of(Headers headers) {
        Header header = headers.lastHeader(ClaimsTopology.KEY_SCHEME_HEADER);
        if (header == null || header.value() == null) {
            return UNVERSIONED;
        }
        try {
            return Integer.parseInt(new String(header.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return UNVERSIONED;
        }
    }

    /**
     * Makes the key-scheme header of {@code headers} name {@code version}, in place: pass a
     * record's own headers (every {@code Record} holds a copy of its own).
     */
    static void stamp(Headers headers, int version) {
        headers.remove(ClaimsTopology.KEY_SCHEME_HEADER);
        headers.add(ClaimsTopology.KEY_SCHEME_HEADER, encode(version));
    }

    private static byte[] encode(int version) {
        return Integer.toString(version).getBytes(StandardCharsets.US_ASCII);
    }
}
