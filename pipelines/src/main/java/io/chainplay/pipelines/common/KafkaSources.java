package io.chainplay.pipelines.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka source a job reads its input topic with. */
public final class KafkaSources {

    private KafkaSources() {}

    /**
     * Raw records of every partition of a topic, from the group's committed offsets or from the
     * beginning for a new group, read_committed (inputs are written in transactions). Call {@code
     * setBounded(...)} on it for a backfill.
     */
    public static KafkaSourceBuilder<RawRecord> raw(
            Configuration conf, String topic, String groupId) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new RawRecordDeserializer());
    }
}
