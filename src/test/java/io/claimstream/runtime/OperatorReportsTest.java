package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.claimstream.status.OperatorReport;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class OperatorReportsTest {

    @Test
    void lagIsTheMainConsumersPerPartitionOnceNotTheRestoreConsumersNorTheirMaxima() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "news.articles", "0", 12.0);
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "news.articles", "1", Double.NaN);
        // The same partitions again under the deprecated names; a topic really named with underscores stays.
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "news_articles", "0", 12.0);
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "news_articles", "1", Double.NaN);
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "raw_feed", "0", 2.0);
        put(metrics, "records-lag", "app-StreamThread-1-restore-consumer", "app-subject-heads-changelog", "0", 900.0);
        put(metrics, "records-lag-max", "app-StreamThread-1-consumer", "news.articles", "0", 40.0);

        assertThat(OperatorReports.lag(metrics)).containsExactly(
            new OperatorReport.Lag("news.articles", 0, 12.0),
            new OperatorReport.Lag("news.articles", 1, null),
            new OperatorReport.Lag("raw_feed", 0, 2.0));
    }

    private static void put(Map<MetricName, Metric> metrics, String name, String client, String topic, String partition, double value) {
        MetricName metricName = new MetricName(name, "consumer-fetch-manager-metrics", "",
            Map.of("client-id", client, "topic", topic, "partition", partition));
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
