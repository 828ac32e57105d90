/**
 * The bottom layer of claimstream's Kafka use: topic specs, and the one provisioning path that
 * creates, checks and waits for topics ({@link io.claimstream.kafka.TopicProvisioner}), for every
 * feature that declares topics of its own (the registry's store, the ingester's feed topics and
 * news.articles, processing's outputs, Kafka Streams' internal topics). Depends on nothing of the
 * project; every other package may use it.
 */
package io.claimstream.kafka;
