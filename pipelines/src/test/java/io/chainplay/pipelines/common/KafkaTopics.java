package io.chainplay.pipelines.common;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Writing a job's input and reading its output topics in integration tests. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /** String keys, byte values, a short linger. */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.LINGER_MS_CONFIG,
                        "5"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Everything committed on a topic now (read_committed, up to the end offsets). */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "read-" + UUID.randomUUID(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Waits until no partition of the topics holds a transaction that is still being closed: the
     * last stable offset equals the high watermark everywhere. A finished job has committed its
     * transactions, but the broker writes the commit markers to the partitions afterwards (KIP-98:
     * EndTxn is answered once PREPARE_COMMIT is logged), so a read_committed read straight after
     * the job can stop short of its last transaction. Call it after a bounded job, not while one is
     * running: a live job always has a transaction open.
     */
    public static void awaitSettled(
            String bootstrapServers, Collection<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                for (var partition : topic.partitions()) {
                    latest.put(
                            new TopicPartition(topic.name(), partition.partition()),
                            OffsetSpec.latest());
                }
            }
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    offsets(
                                                            admin,
                                                            latest,
                                                            IsolationLevel.READ_COMMITTED))
                                            .as("last stable offsets = high watermarks")
                                            .isEqualTo(
                                                    offsets(
                                                            admin,
                                                            latest,
                                                            IsolationLevel.READ_UNCOMMITTED)));
        }
    }

    private static Map<TopicPartition, Long> offsets(
            Admin admin, Map<TopicPartition, OffsetSpec> latest, IsolationLevel isolation)
            throws InterruptedException, ExecutionException {
        return admin
                .listOffsets(latest, new ListOffsetsOptions(isolation))
                .all()
                .get()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
