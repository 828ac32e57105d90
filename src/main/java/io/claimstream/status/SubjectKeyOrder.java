package io.claimstream.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of subject keys in the state store: by their UTF-8 bytes, unsigned. Pages merged
 * from several partitions and instances follow it, so that a page ends where the store's scans
 * would continue. (String.compareTo differs for characters beyond the Basic Multilingual Plane.)
 */
final class SubjectKeyOrder {

    static final Comparator<String> ORDER = SubjectKeyOrder::compare;

    private SubjectKeyOrder() {
    }

    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
