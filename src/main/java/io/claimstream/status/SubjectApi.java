package io.claimstream.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The subjects API over the whole application: a subject is read from the instance whose
 * active task holds its partition (forwarded there when that is another instance), and a list
 * page is merged from every instance's own page.
 *
 * <p>Without an {@code application.server} ({@code self} null) the instance cannot locate the
 * others, and answers from its own partitions only: all of them when it runs alone.
 */
final class SubjectApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, JSON body, and the instance whose store gave it (null when unnamed). */
    record Reply(int status, byte[] body, String servedBy) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalSubjects local;
    private final PeerClient peers;

    /** @param peerAuthorization the Authorization header the other instances ask for, or null */
    SubjectApi(KafkaStreams streams, HostInfo self, String peerAuthorization) {
        this.streams = streams;
        this.self = self;
        this.local = new LocalSubjects(streams);
        this.peers = new PeerClient(peerAuthorization);
    }

    /**
     * One subject. A request another instance forwarded is answered from this instance's store
     * only: if the subject's partition moved meanwhile, the caller retries rather than the
     * request travelling on.
     */
    Reply get(String key, boolean forwarded) {
        if (self == null) {
            return found(key, local.get(key, null));
        }
        local.requireQueryable();
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(ClaimsTopology.SUBJECT_STORE, key, new StringSerializer());
        } catch (InvalidStateStoreException e) { // stopped since the check
            throw LocalSubjects.unavailable(e);
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().equals(HostInfo.unavailable())) {
            throw ApiException.unavailable("no instance holds the partition of " + key + " now (rebalancing)", null);
        }
        if (owner.activeHost().equals(self)) {
            return found(key, local.get(key, owner.partition()));
        }
        if (forwarded) {
            throw ApiException.unavailable("the partition of " + key + " has moved to " + PeerClient.name(owner.activeHost()), null);
        }
        PeerClient.Answer answer = peers.get(owner.activeHost(), key);
        return new Reply(answer.status(), answer.body(), PeerClient.name(owner.activeHost()));
    }

    /**
     * A page of subjects: this instance's own, merged with every other instance's unless
     * {@code localOnly}. An instance that does not answer is named under {@code unreachable},
     * and the page holds what the others gave.
     */
    JsonNode list(SubjectQuery query, boolean localOnly) {
        Map<String, CompletableFuture<SubjectPage>> asked = new LinkedHashMap<>();
        if (!localOnly) {
            for (HostInfo peer : otherInstances()) {
                asked.put(PeerClient.name(peer), peers.list(peer, query));
            }
        }
        List<SubjectPage> pages = new ArrayList<>();
        pages.add(local.list(query));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode unreachable = JSON.createArrayNode();
        asked.forEach((instance, page) -> {
            try {
                pages.add(page.join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                unreachable.add(JSON.createObjectNode().put("instance", instance).put("message", String.valueOf(cause.getMessage())));
            }
        });
        SubjectPage merged = SubjectPage.merge(pages, query.order(), query.limit());
        body.set("subjects", JSON.valueToTree(merged.subjects()));
        body.put("order", query.order().parameter());
        body.put("next", merged.next(query.order()));
        body.set("cursors", JSON.valueToTree(merged.cursors(query.order())));
        body.set("unreachable", unreachable);
        return body;
    }

    /** The instances other than this one that hold active partitions of the subject store. */
    private List<HostInfo> otherInstances() {
        if (self == null) {
            return List.of();
        }
        local.requireQueryable();
        Collection<StreamsMetadata> holders;
        try {
            holders = streams.streamsMetadataForStore(ClaimsTopology.SUBJECT_STORE);
        } catch (InvalidStateStoreException e) {
            throw LocalSubjects.unavailable(e);
        }
        if (holders.isEmpty()) {
            throw ApiException.unavailable("the instances of the application are not known yet (rebalancing)", null);
        }
        return holders.stream()
            .filter(m -> m.stateStoreNames().contains(ClaimsTopology.SUBJECT_STORE))
            .map(StreamsMetadata::hostInfo)
            .filter(host -> !host.equals(self))
            .distinct()
            .toList();
    }

    private Reply found(String key, Optional<JsonNode> subject) {
        if (subject.isEmpty()) {
            throw ApiException.notFound("no subject " + key);
        }
        try {
            return new Reply(200, JSON.writeValueAsBytes(subject.get()), self == null ? null : PeerClient.name(self));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
