package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.Test;

/**
 * The shipped logging configuration ({@code logback.xml}, not the tests') with Kafka's producer
 * warnings as its Sender writes them: the two retried transaction errors give way to one INFO
 * line; every other warning, and a sequence gap that lasts, still shows.
 */
class TransactionRetryWarningsTest {

    private static final String PREFIX = "[Producer clientId=claimstream-processor-1-StreamThread-1-producer, "
        + "transactionalId=claimstream-processor-1-1] ";
    private static final String RETRYING = PREFIX
        + "Got error produce response with correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}";

    @Test
    void theShippedConfigurationShowsOneExplainingLineInsteadOfTheRetryWarnings() throws Exception {
        LoggerContext context = shipped(null);
        ListAppender<ILoggingEvent> seen = listen(context);
        Logger sender = context.getLogger(TransactionRetryWarnings.SENDER);

        for (int partition = 0; partition < 6; partition++) {
            sender.warn(RETRYING, 105, "claims.by-subject-" + partition, 2147483646, "CONCURRENT_TRANSACTIONS");
            sender.warn(RETRYING, 105, "news.claims-" + partition, 2147483646, "CONCURRENT_TRANSACTIONS");
        }
        sender.warn(RETRYING, 106, "news.claims-4", 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        sender.warn(RETRYING, 153, "claims.by-subject-1", 2147483646, "CONCURRENT_TRANSACTIONS");
        // Other warnings of the same logger pass as they are.
        sender.warn(RETRYING, 160, "news.claims-2", 2147483646, "NOT_ENOUGH_REPLICAS");
        sender.warn(PREFIX + "Received invalid metadata error in produce request on partition {} due to {}. Going to request "
            + "metadata update now", "news.claims-2", "NOT_LEADER_OR_FOLLOWER");

        assertThat(seen.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getLoggerName).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Level.INFO, TransactionRetryWarnings.class.getName()),
            org.assertj.core.groups.Tuple.tuple(Level.WARN, TransactionRetryWarnings.SENDER),
            org.assertj.core.groups.Tuple.tuple(Level.WARN, TransactionRetryWarnings.SENDER));
        assertThat(seen.list.get(0).getFormattedMessage()).isEqualTo(TransactionRetryWarnings.EXPLANATION);
        assertThat(seen.list.get(1).getFormattedMessage()).endsWith("Error: NOT_ENOUGH_REPLICAS");
        assertThat(seen.list.get(2).getFormattedMessage()).contains("NOT_LEADER_OR_FOLLOWER");
        context.stop();
    }

    @Test
    void aSequenceGapThatLastsIsShownAgain() {
        AtomicLong now = new AtomicLong(1_000_000);
        LoggerContext context = new LoggerContext();
        context.addTurboFilter(new TransactionRetryWarnings(now::get));
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        context.getLogger(TransactionRetryWarnings.class).setLevel(Level.INFO);
        ListAppender<ILoggingEvent> seen = listen(context);
        Logger sender = context.getLogger(TransactionRetryWarnings.SENDER);

        sender.warn(RETRYING, 1, "news.claims-0", 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        now.addAndGet(TransactionRetryWarnings.LASTING_GAP_MS - 1);
        sender.warn(RETRYING, 2, "news.claims-0", 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        sender.warn(RETRYING, 2, "news.claims-1", 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        assertThat(seen.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);

        now.addAndGet(1);
        sender.warn(RETRYING, 3, "news.claims-0", 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        assertThat(seen.list).hasSize(2);
        assertThat(seen.list.get(1).getLevel()).isEqualTo(Level.WARN);
        assertThat(seen.list.get(1).getFormattedMessage()).contains("news.claims-0").endsWith("OUT_OF_ORDER_SEQUENCE_NUMBER");

        // Long after, a new gap on the same partition starts afresh: held back again.
        now.addAndGet(60_000);
        sender.warn(RETRYING, 4, "news.claims-0", 2147483646, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        assertThat(seen.list).hasSize(2);
    }

    @Test
    void withKafkaLoggingAtInfoNothingIsHeldBack() throws Exception {
        LoggerContext context = shipped("INFO");
        ListAppender<ILoggingEvent> seen = listen(context);
        Logger sender = context.getLogger(TransactionRetryWarnings.SENDER);
        sender.warn(RETRYING, 105, "news.claims-0", 2147483646, "CONCURRENT_TRANSACTIONS");
        assertThat(seen.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);
        context.stop();
    }

    /** A logging context configured by the shipped logback.xml; {@code kafkaLevel} as CLAIMSTREAM_KAFKA_LOG_LEVEL would set it. */
    private static LoggerContext shipped(String kafkaLevel) throws Exception {
        LoggerContext context = new LoggerContext();
        if (kafkaLevel != null) {
            context.putProperty("CLAIMSTREAM_KAFKA_LOG_LEVEL", kafkaLevel);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(TransactionRetryWarnings.class.getResource("/logback.xml"));
        assertThat(context.getTurboFilterList()).as("installed by logback.xml")
            .anyMatch(f -> f instanceof TransactionRetryWarnings);
        return context;
    }

    private static ListAppender<ILoggingEvent> listen(LoggerContext context) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        return appender;
    }
}
