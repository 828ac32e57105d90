package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Liveness of processing: a restart helps only once Kafka Streams has failed for good. */
class LivenessTest {

    @ParameterizedTest
    @EnumSource(State.class)
    void processingIsLiveUnlessKafkaStreamsFailedForGood(State state) {
        boolean failed = state == State.ERROR || state == State.PENDING_ERROR;
        assertThat(Readiness.liveness(() -> state, null).ready()).as(state.name()).isEqualTo(!failed);
        assertThat(Readiness.liveness(() -> state, null).checks()).containsEntry("streams", state.name());
    }
}
