package io.chainplay.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A running Kafka broker, in this JVM ({@link EmbeddedKafka}) or a child ({@link KafkaProcess}).
 */
public interface KafkaBroker extends AutoCloseable {

    /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Stops the broker and waits until it has shut down. */
    @Override
    void close();

    /**
     * Creates a topic with replication factor 1, or does nothing if it exists.
     *
     * @param configs topic configs such as {@code cleanup.policy}
     */
    default void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
    }

    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }
}
