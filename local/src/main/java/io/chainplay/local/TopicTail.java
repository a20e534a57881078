package io.chainplay.local;

import io.chainplay.schemas.Topics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code ./chainplay tail <topic>}: prints a topic's records as they arrive, Avro values as JSON
 * (through the {@link Topics} registry) and feed messages as they are. A console consumer for
 * people who have no Kafka tools installed.
 */
final class TopicTail {

    private TopicTail() {}

    static void run(String bootstrapServers, String topic, boolean fromBeginning, long max) {
        Function<byte[], String> format = formatter(topic);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "chainplay-tail-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                fromBeginning ? "earliest" : "latest",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                "false"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long printed = 0;
            while (printed < max) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(format.apply(record.value()));
                    if (++printed >= max) {
                        break;
                    }
                }
            }
        }
    }

    static Function<byte[], String> formatter(String topic) {
        if (topic.startsWith(Topics.rawSolanaName(""))) {
            // Every raw.solana.<program> topic holds ChainEvent envelopes.
            return bytes ->
                    safely(
                            () -> Topics.RAW_SOLANA_FARE_VAULT.deserializeValue(bytes).toString(),
                            bytes);
        }
        if (topic.equals(Topics.EARNINGS_DUE.name())) {
            return bytes ->
                    safely(() -> Topics.EARNINGS_DUE.deserializeValue(bytes).toString(), bytes);
        }
        if (topic.equals(Topics.RAW_EXCHANGE_FILLS.name())) {
            return bytes ->
                    safely(
                            () -> Topics.RAW_EXCHANGE_FILLS.deserializeValue(bytes).toString(),
                            bytes);
        }
        if (topic.startsWith("dlq.")) {
            return bytes ->
                    safely(() -> Topics.DLQ_CASINO.deserializeValue(bytes).toString(), bytes);
        }
        return bytes -> bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String safely(java.util.function.Supplier<String> decode, byte[] bytes) {
        try {
            return decode.get();
        } catch (RuntimeException e) {
            return "(" + bytes.length + " bytes, not decodable: " + e.getMessage() + ")";
        }
    }
}
