/**
 * The bottom layer of claimstream's Kafka use: creating topics and waiting until they answer,
 * for every part that needs a topic of its own (the registry's store, the feed topics, the
 * application's topics). Depends on nothing of the project; every other package may use it.
 */
package io.claimstream.kafka;
