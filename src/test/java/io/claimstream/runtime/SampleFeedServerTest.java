package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sample-feed server is for this process's own ingester: it binds loopback, always. */
class SampleFeedServerTest {

    @Test
    void bindsLoopbackOnly() {
        try (SampleFeedServer server = SampleFeedServer.start()) {
            assertThat(server.address().getAddress().isLoopbackAddress()).as("bound %s", server.address()).isTrue();
            assertThat(server.address().getAddress().isAnyLocalAddress()).isFalse();
            assertThat(server.urls().values()).hasSize(SampleFeedServer.FEEDS.size())
                .allSatisfy(url -> assertThat(url).startsWith("http://127.0.0.1:" + server.address().getPort() + "/"));
        }
    }
}
