package io.chainplay.pipelines.common;

import io.chainplay.schemas.Topic;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.dlq.DeadLetter;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** The Kafka sinks every job shares: feeds and dead letters, both at-least-once. */
public final class KafkaSinks {

    private KafkaSinks() {}

    /**
     * A feed topic: at-least-once, because feed consumers want low latency more than they mind a
     * repeat, and every message carries the id they dedup by (ARCHITECTURE.md, principle 4).
     */
    public static KafkaSink<FeedRecord> feed(String bootstrapServers, Topic<String, String> topic) {
        String name = topic.name();
        return KafkaSink.<FeedRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                // Every feed sink of every subtask is a producer of its own: waiting up to 20 ms
                // to fill a batch (Kafka's default is 5) sends the broker fewer, fuller requests
                // under load, for at most 20 ms more on the way to a client.
                .setProperty(ProducerConfig.LINGER_MS_CONFIG, "20")
                .setRecordSerializer(
                        (KafkaRecordSerializationSchema<FeedRecord>)
                                (record, context, timestamp) ->
                                        new ProducerRecord<>(
                                                name,
                                                record.key == null
                                                        ? null
                                                        : record.key.getBytes(
                                                                StandardCharsets.UTF_8),
                                                record.json.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    /** A dead-letter topic, keyed by the refused record's own key, valued as Avro DeadLetter. */
    public static KafkaSink<DeadLetterRecord> deadLetters(
            String bootstrapServers, Topic<byte[], DeadLetter> topic) {
        return KafkaSink.<DeadLetterRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new DeadLetterSerializer(topic))
                .build();
    }

    private static final class DeadLetterSerializer
            implements KafkaRecordSerializationSchema<DeadLetterRecord> {
        private final String topic;
        // Kafka serdes are not Serializable: made again on the task manager.
        private transient Topic<byte[], DeadLetter> serdes;

        DeadLetterSerializer(Topic<byte[], DeadLetter> topic) {
            this.topic = topic.name();
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                DeadLetterRecord letter, KafkaSinkContext context, Long timestamp) {
            if (serdes == null) {
                serdes = Topics.DLQ_CASINO.withName(topic);
            }
            return new ProducerRecord<>(topic, letter.key, serdes.serializeValue(letter.toAvro()));
        }
    }
}
