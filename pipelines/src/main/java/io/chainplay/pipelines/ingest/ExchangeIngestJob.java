package io.chainplay.pipelines.ingest;

import io.chainplay.connectors.exchange.source.ExchangeRecord;
import io.chainplay.connectors.exchange.source.ExtendedFillsSourceOptions;
import io.chainplay.pipelines.common.JobConfig;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * The exchange ingest job: Extended fills of the configured accounts into {@code
 * raw.exchange.fills} keyed by player wallet, unusable trades and stream messages into {@code
 * dlq.exchange}, exactly once.
 *
 * <p>The trading job and the StateFun daily-trade workflow read {@code raw.exchange.fills} with
 * {@code read_committed}, so they see each fill once even when this job restarts from a checkpoint.
 * Accounts come from {@code chainplay.exchange.accounts} ({@code
 * accountId:playerWallet:env:VARIABLE} or {@code ...:file:/path} entries): the API keys are read on
 * the task managers from the environment or files, never from the command line.
 */
public final class ExchangeIngestJob {

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("chainplay.exchange.transactional-id-prefix")
                    .stringType()
                    .defaultValue("chainplay-exchange-ingest")
                    .withDescription(
                            "Prefix of the Kafka transactional ids; unique per running ingest job.");

    public static final ConfigOption<String> FILLS_TOPIC =
            ConfigOptions.key("chainplay.exchange.fills-topic")
                    .stringType()
                    .defaultValue(Topics.RAW_EXCHANGE_FILLS.name())
                    .withDescription("Topic the fills are written to (keyed by player wallet).");

    public static final ConfigOption<String> DLQ_TOPIC =
            ConfigOptions.key("chainplay.exchange.dlq-topic")
                    .stringType()
                    .defaultValue(Topics.DLQ_EXCHANGE.name())
                    .withDescription("Topic the dead letters are written to.");

    private ExchangeIngestJob() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env, ExtendedFillsSourceOptions.source(conf), kafkaSink(conf));
        env.execute("chainplay-exchange-ingest");
    }

    /** Adds source → Kafka to the environment. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<ExchangeRecord, ?, ?> source,
            Sink<ExchangeRecord> sink) {
        // No watermarks here: the records keep the fills' createdTime as Kafka timestamps, and
        // the jobs reading raw.exchange.fills assign their own.
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Extended fills")
                .uid("exchange-fills-source") // state: one cursor (highest fill id) per account
                .sinkTo(sink)
                .uid("exchange-fills-sink") // state: the Kafka transactions in flight
                .name("raw.exchange.fills / dlq.exchange");
    }

    /** The sink {@link #main} uses, from configuration. */
    public static KafkaSink<ExchangeRecord> kafkaSink(Configuration conf) {
        return kafkaSink(
                conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS),
                conf.get(TRANSACTIONAL_ID_PREFIX),
                conf.get(FILLS_TOPIC),
                conf.get(DLQ_TOPIC));
    }

    /**
     * Exactly-once Kafka sink: a transaction per checkpoint, so records become visible to
     * read_committed consumers when the checkpoint completes.
     *
     * @param transactionalIdPrefix unique per job (two jobs must never share one)
     */
    public static KafkaSink<ExchangeRecord> kafkaSink(
            String bootstrapServers,
            String transactionalIdPrefix,
            String fillsTopic,
            String dlqTopic) {
        Properties producer = new Properties();
        // Below the broker's default transaction.max.timeout.ms (15 min), which Flink's 1 h
        // default exceeds.
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(Duration.ofMinutes(10).toMillis()));
        return KafkaSink.<ExchangeRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new FillsRouter(fillsTopic, dlqTopic))
                .build();
    }

    /**
     * Fills to the fills topic and dead letters to the dead-letter topic, both keyed by the player
     * wallet (UTF-8), so one player's fills stay in one partition, in order.
     */
    static final class FillsRouter implements KafkaRecordSerializationSchema<ExchangeRecord> {
        private final String fillsTopic;
        private final String dlqTopic;

        FillsRouter(String fillsTopic, String dlqTopic) {
            this.fillsTopic = fillsTopic;
            this.dlqTopic = dlqTopic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                ExchangeRecord record, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    record.type == ExchangeRecord.Type.FILL ? fillsTopic : dlqTopic,
                    null,
                    record.timestamp > 0 ? record.timestamp : null,
                    record.player == null ? null : record.player.getBytes(StandardCharsets.UTF_8),
                    record.value);
        }
    }
}
