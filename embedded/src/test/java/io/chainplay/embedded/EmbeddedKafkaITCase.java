package io.chainplay.embedded;

import io.chainplay.embedded.junit.KafkaExtension;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaITCase {

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void producesAndConsumesOnAFreshTopic() throws Exception {
        String topic = KAFKA.createTopic(3);

        KafkaRoundTrip.produce(KAFKA.bootstrapServers(), topic, List.of("a", "b", "c"));

        assertThat(KafkaRoundTrip.consume(KAFKA.bootstrapServers(), topic, 3))
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void createsTopicsWithTheAskedPartitions() throws Exception {
        String topic = KAFKA.createTopic(4);

        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            var description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(4);
        }
    }

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dir).start()) {
            first.createTopic("kept", 1);
            KafkaRoundTrip.produce(first.bootstrapServers(), "kept", List.of("before-restart"));
        }

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(dir).start()) {
            assertThat(KafkaRoundTrip.consume(second.bootstrapServers(), "kept", 1))
                    .containsExactly("before-restart");
        }
    }

    @Test
    void refusesATakenPort() {
        int taken = Integer.parseInt(KAFKA.bootstrapServers().split(":")[1]);

        assertThatThrownBy(() -> EmbeddedKafka.builder().port(taken).start())
                .hasMessageContaining("Kafka port " + taken + " is taken");
    }
}
