package io.chainplay.pipelines.ingest;

import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.connectors.solana.source.SolanaSourceOptions;
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
import java.util.List;
import java.util.Properties;

/**
 * The Solana ingest job: decoded program events from the Solana source into {@code
 * raw.solana.<program>}, undecodable data into {@code dlq.solana}, exactly once.
 *
 * <p>Downstream jobs (casino, earnings) read those topics with {@code read_committed}, so they see
 * each event once per kind even when this job restarts from a checkpoint.
 */
public final class SolanaIngestJob {

    /** The programs decoded when {@code chainplay.solana.idls} is not set. */
    public static final List<String> DEFAULT_IDLS =
            List.of("idl=classpath:idl/fare_vault.json", "idl=classpath:idl/solana_mafia.json");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("chainplay.solana.transactional-id-prefix")
                    .stringType()
                    .defaultValue("chainplay-solana-ingest")
                    .withDescription(
                            "Prefix of the Kafka transactional ids; unique per running ingest job.");

    private SolanaIngestJob() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfig.fromArgs(args);
        if (conf.getOptional(SolanaSourceOptions.IDLS).isEmpty()) {
            conf.set(SolanaSourceOptions.IDLS, DEFAULT_IDLS);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(
                env,
                SolanaSourceOptions.source(conf),
                kafkaSink(
                        conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS),
                        conf.get(TRANSACTIONAL_ID_PREFIX)));
        env.execute("chainplay-solana-ingest");
    }

    /** Adds source → Kafka to the environment. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<SolanaRecord, ?, ?> source,
            Sink<SolanaRecord> sink) {
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Solana program events")
                .uid("solana-source") // state: the split cursors and pending events
                .sinkTo(sink)
                .uid("solana-raw-sink")
                .name("raw.solana.* / dlq.solana");
    }

    /**
     * Exactly-once Kafka sink: a transaction per checkpoint, so records become visible to
     * read_committed consumers when the checkpoint completes.
     *
     * @param transactionalIdPrefix unique per job (two jobs must never share one)
     */
    public static KafkaSink<SolanaRecord> kafkaSink(
            String bootstrapServers, String transactionalIdPrefix) {
        Properties producer = new Properties();
        // Below the broker's default transaction.max.timeout.ms (15 min), which Flink's 1 h
        // default exceeds.
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(Duration.ofMinutes(10).toMillis()));
        return KafkaSink.<SolanaRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new RawTopicRouter())
                .build();
    }

    /** Routes events to {@code raw.solana.<program>} and dead letters to {@code dlq.solana}. */
    static final class RawTopicRouter implements KafkaRecordSerializationSchema<SolanaRecord> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                SolanaRecord record, KafkaSinkContext context, Long timestamp) {
            String topic =
                    record.type == SolanaRecord.Type.EVENT
                            ? Topics.rawSolanaName(record.programName)
                            : Topics.DLQ_SOLANA.name();
            return new ProducerRecord<>(
                    topic,
                    null,
                    record.timestamp > 0 ? record.timestamp : null,
                    record.key == null ? null : record.key.getBytes(StandardCharsets.UTF_8),
                    record.value);
        }
    }
}
