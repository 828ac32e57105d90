package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private final AddressPolicy none = AddressPolicy.allowing(List.of());

    @Test
    void internalAddressesAreRefusedByKind() {
        assertRefused("http://127.0.0.1/", "a loopback address");
        assertRefused("http://127.9.9.9:8081/subjects", "a loopback address");
        assertRefused("http://[::1]/", "a loopback address");
        assertRefused("http://[::ffff:127.0.0.1]/", "a loopback address");
        assertRefused("http://10.1.2.3/", "a private address");
        assertRefused("http://172.16.0.1/", "a private address");
        assertRefused("http://192.168.1.1/", "a private address");
        assertRefused("http://[fd12:3456::1]/", "a private address");
        assertRefused("http://169.254.169.254/latest/meta-data/", "the cloud metadata address");
        assertRefused("http://[fd00:ec2::254]/", "the cloud metadata address");
        assertRefused("http://169.254.1.1/", "a link-local address");
        assertRefused("http://[fe80::1]/", "a link-local address");
        assertRefused("http://0.0.0.0/", "an unspecified address");
        assertRefused("http://100.64.0.1/", "a shared (carrier-grade NAT) address");
        assertRefused("http://224.0.0.1/", "a multicast or broadcast address");
    }

    @Test
    void publicAddressesAreFetched() throws Exception {
        none.check(URI.create("http://93.184.216.34/feed.xml"));
        none.check(URI.create("https://[2606:4700::1111]/feed.xml"));
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIsInternal() throws Exception {
        AddressPolicy policy = AddressPolicy.allowing(List.of(), host -> new InetAddress[] {
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")});

        assertThatThrownBy(() -> policy.check(URI.create("https://feeds.example.com/rss")))
            .hasMessage("refused to fetch https://feeds.example.com/rss: feeds.example.com resolves to 10.0.0.5, a private address; "
                + "feeds may not reach internal services (allow ranges with claimstream.ingest.fetch.allowed.ranges)");
    }

    @Test
    void allowedRangesLetTheirAddressesThroughAndNoOthers() throws Exception {
        AddressPolicy policy = AddressPolicy.allowing(List.of("127.0.0.0/8", "10.1.0.0/16", "::1"));

        policy.check(URI.create("http://127.0.0.1:8080/feed"));
        policy.check(URI.create("http://10.1.200.3/feed"));
        policy.check(URI.create("http://[::1]/feed"));
        assertThatThrownBy(() -> policy.check(URI.create("http://10.2.0.1/feed"))).hasMessageContaining("a private address");
        assertThatThrownBy(() -> policy.check(URI.create("http://169.254.169.254/"))).hasMessageContaining("metadata");
    }

    @Test
    void aRangeThatIsNotOneIsRefusedNamingIt() {
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("localhost")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("10.0.0.0/33")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix length out of 0-32");
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("10.0.0.0/x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'10.0.0.0/x'");
    }

    @Test
    void anUnresolvableHostIsAClearFailure() {
        AddressPolicy policy = AddressPolicy.allowing(List.of(), host -> {
            throw new java.net.UnknownHostException(host);
        });

        assertThatThrownBy(() -> policy.check(URI.create("https://nowhere.invalid/rss")))
            .hasMessage("cannot resolve the host nowhere.invalid of https://nowhere.invalid/rss");
    }

    private void assertRefused(String url, String kind) {
        assertThatThrownBy(() -> none.check(URI.create(url))).as(url)
            .isInstanceOf(AddressPolicy.RefusedException.class)
            .hasMessageContaining(", " + kind + ";");
    }
}
