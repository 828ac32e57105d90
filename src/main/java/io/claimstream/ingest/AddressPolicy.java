package io.claimstream.ingest;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses a feed fetch may connect to. A feed URL is chosen by whoever adds the feed, and
 * a redirect by whoever runs the feed's server: without this, either could make the ingester
 * fetch the services around it (a database's HTTP port, the status server, a cloud metadata
 * endpoint) and publish their answers as articles.
 *
 * <p>The host is resolved and every address it resolves to is checked: loopback, private
 * (RFC 1918, unique-local IPv6, carrier-grade NAT), link-local (which holds the cloud metadata
 * address 169.254.169.254), unspecified, multicast and broadcast addresses are refused unless an
 * allowed range contains them. Embedded mode and tests allow loopback explicitly; nothing is
 * allowed by default.
 */
public final class AddressPolicy {

    /** The ranges of loopback, which embedded mode allows for its own sample feeds. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    private static final Range CARRIER_GRADE_NAT = Range.parse("100.64.0.0/10");
    private static final Range THIS_NETWORK = Range.parse("0.0.0.0/8");
    private static final Range UNIQUE_LOCAL_V6 = Range.parse("fc00::/7");
    private static final Range BROADCAST = Range.parse("255.255.255.255/32");
    private static final Range METADATA = Range.parse("169.254.169.254/32");
    private static final Range METADATA_V6 = Range.parse("fd00:ec2::254/128");

    /** Resolves host names; replaceable in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host that may not be fetched; the message says why, for people. */
    static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Range> allowed;
    private final Resolver resolver;

    private AddressPolicy(List<Range> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /**
     * @param allowedRanges CIDR ranges ({@code 127.0.0.0/8}, {@code ::1/128}) or single addresses allowed even
     *     though they are internal
     * @throws IllegalArgumentException naming the range that is not one
     */
    public static AddressPolicy allowing(List<String> allowedRanges) {
        return allowing(allowedRanges, InetAddress::getAllByName);
    }

    static AddressPolicy allowing(List<String> allowedRanges, Resolver resolver) {
        List<Range> ranges = new ArrayList<>();
        for (String range : allowedRanges) {
            if (!range.isBlank()) {
                ranges.add(Range.parse(range.trim()));
            }
        }
        return new AddressPolicy(ranges, resolver);
    }

    /**
     * Resolves {@code url}'s host and refuses it when any of its addresses is internal and not allowed.
     *
     * @throws RefusedException saying which address the host resolved to and what kind it is
     */
    void check(URI url) throws RefusedException {
        String host = url.getHost();
        if (host == null) {
            throw new RefusedException("no host in " + url);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new RefusedException("cannot resolve the host " + bare + " of " + url);
        } catch (SecurityException e) {
            throw new RefusedException("not allowed to resolve the host " + bare + " of " + url);
        }
        for (InetAddress address : addresses) {
            String kind = internalKind(address);
            if (kind != null && !isAllowed(address)) {
                String shown = address.getHostAddress();
                throw new RefusedException("refused to fetch " + url + ": " + (shown.equals(bare) ? shown : bare + " resolves to " + shown)
                    + ", " + kind + "; feeds may not reach internal services (allow ranges with "
                    + "claimstream.ingest.fetch.allowed.ranges)");
            }
        }
    }

    boolean isAllowed(InetAddress address) {
        for (Range range : allowed) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** What kind of internal address this is, or null for a public one. */
    static String internalKind(InetAddress address) {
        InetAddress a = unmapped(address);
        if (METADATA.contains(a) || METADATA_V6.contains(a)) {
            return "the cloud metadata address";
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress() || THIS_NETWORK.contains(a)) {
            return "an unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress() || UNIQUE_LOCAL_V6.contains(a)) {
            return "a private address";
        }
        if (CARRIER_GRADE_NAT.contains(a)) {
            return "a shared (carrier-grade NAT) address";
        }
        if (a.isMulticastAddress() || BROADCAST.contains(a)) {
            return "a multicast or broadcast address";
        }
        return null;
    }

    /** An IPv4 address written as IPv6 (::ffff:a.b.c.d, or the deprecated ::a.b.c.d) is that IPv4 address. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean compatible = true;
            for (int i = 0; i < 10; i++) {
                compatible &= b[i] == 0;
            }
            boolean mapped = compatible && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            boolean legacy = compatible && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
            if (mapped || legacy) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    /** A CIDR range of IPv4 or IPv6 addresses. */
    record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            String addressText = slash < 0 ? text : text.substring(0, slash);
            if (!addressText.matches("[0-9A-Fa-f:.]+")) {
                // Never resolve a name here: a range is an address.
                throw new IllegalArgumentException("not an address range: '" + text + "' (expected e.g. 127.0.0.0/8 or ::1/128)");
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(addressText);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address range: '" + text + "' (expected e.g. 127.0.0.0/8 or ::1/128)");
            }
            byte[] bytes = address.getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: '" + text + "' (the prefix length is not a number)");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("not an address range: '" + text + "' (prefix length out of 0-"
                    + bytes.length * 8 + ")");
            }
            return new Range(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
                .shiftRight(prefix).not();
            BigInteger a = new BigInteger(1, candidate).and(mask);
            BigInteger n = new BigInteger(1, network).and(mask);
            return a.equals(n);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress().toLowerCase(Locale.ROOT) + "/" + prefix;
            } catch (UnknownHostException e) {
                return "?/" + prefix;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Range r && r.prefix == prefix && java.util.Arrays.equals(r.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(network) + prefix;
        }
    }
}
