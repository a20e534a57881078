package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.pipelines.common.JdbcSinks;
import io.chainplay.pipelines.common.KafkaSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topic;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.earnings.EarningsDue;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * Where the earnings job writes: five tables, the feed, the dues and the dead letters. Tests pass
 * their own sinks; {@link #production} builds the real ones.
 */
public record EarningsSinks(
        Sink<HistoryRow> history,
        Sink<PlayerRow> players,
        Sink<BusinessRows> businesses,
        Sink<ReconciliationRow> reconciliation,
        Sink<GlobalStatsRow> globalStats,
        Sink<FeedRecord> feed,
        Sink<DueRecord> dues,
        Sink<DeadLetterRecord> deadLetters) {

    /**
     * Postgres upserts (at-least-once, idempotent), the feed and dead letters at-least-once, and
     * {@code earnings.due} exactly-once (a keeper acts on each record).
     */
    public static EarningsSinks production(Configuration conf) {
        String kafka = conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS);
        return new EarningsSinks(
                JdbcSinks.upsert(EarningsTables.UPSERT_HISTORY, EarningsTables::bindHistory, conf),
                JdbcSinks.upsert(EarningsTables.UPSERT_PLAYER, EarningsTables::bindPlayer, conf),
                JdbcSinks.upsert(
                        EarningsTables.UPSERT_BUSINESSES, EarningsTables::bindBusinesses, conf),
                JdbcSinks.upsert(
                        EarningsTables.UPSERT_RECONCILIATION,
                        EarningsTables::bindReconciliation,
                        conf),
                JdbcSinks.upsert(
                        EarningsTables.UPSERT_GLOBAL_STATS, EarningsTables::bindGlobalStats, conf),
                KafkaSinks.feed(
                        kafka, Topics.FEED_EARNINGS.withName(conf.get(EarningsOptions.FEED_TOPIC))),
                dues(
                        kafka,
                        Topics.EARNINGS_DUE.withName(conf.get(EarningsOptions.DUE_TOPIC)),
                        conf.get(EarningsOptions.TRANSACTIONAL_ID_PREFIX)),
                KafkaSinks.deadLetters(
                        kafka,
                        Topics.DLQ_EARNINGS.withName(conf.get(EarningsOptions.DEAD_LETTER_TOPIC))));
    }

    /** {@code earnings.due}: Avro EarningsDue keyed by player, in Kafka transactions. */
    public static KafkaSink<DueRecord> dues(
            String bootstrapServers,
            Topic<String, EarningsDue> topic,
            String transactionalIdPrefix) {
        Properties producer = new Properties();
        // Below the broker's default transaction.max.timeout.ms (15 min).
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(Duration.ofMinutes(10).toMillis()));
        return KafkaSink.<DueRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new DueSerializer(topic.name()))
                .build();
    }

    private static final class DueSerializer implements KafkaRecordSerializationSchema<DueRecord> {
        private final String topic;
        // Kafka serdes are not Serializable: made again on the task manager.
        private transient Topic<String, EarningsDue> serdes;

        DueSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                DueRecord due, KafkaSinkContext context, Long timestamp) {
            if (serdes == null) {
                serdes = Topics.EARNINGS_DUE.withName(topic);
            }
            return new ProducerRecord<>(
                    topic,
                    null,
                    due.dueAt,
                    due.player.getBytes(StandardCharsets.UTF_8),
                    serdes.serializeValue(due.toAvro()));
        }
    }
}
