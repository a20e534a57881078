package io.chainplay.embedded.junit;

import io.chainplay.embedded.EmbeddedKafka;
import io.chainplay.embedded.KafkaBroker;
import io.chainplay.embedded.KafkaProcess;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.UUID;

/**
 * Starts one real Kafka broker per test class; each test takes fresh topics from it.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
 *
 * @Test void test() { String topic = KAFKA.createTopic(2); ... }
 * }</pre>
 *
 * <p>{@link #forked()} runs the broker in a child JVM, for modules whose classpath holds another
 * kafka-clients version than the broker's (the Spring Boot API).
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private final boolean forked;
    private KafkaBroker broker;

    /** A broker in this JVM. */
    public KafkaExtension() {
        this(false);
    }

    private KafkaExtension(boolean forked) {
        this.forked = forked;
    }

    /** A broker in a child JVM on the embedded module's own classpath. */
    public static KafkaExtension forked() {
        return new KafkaExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = forked ? KafkaProcess.start() : EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    public KafkaBroker broker() {
        return running();
    }

    /** Creates a topic with a unique name and returns the name. */
    public String createTopic(int partitions) {
        String name = "test-" + UUID.randomUUID();
        createTopic(name, partitions);
        return name;
    }

    /** Creates a topic by name; nothing happens if it exists. */
    public void createTopic(String name, int partitions) {
        running().createTopic(name, partitions, Map.of());
    }

    private KafkaBroker running() {
        if (broker == null) {
            throw new IllegalStateException(
                    "Kafka is not running: register the extension on a static field with"
                            + " @RegisterExtension");
        }
        return broker;
    }
}
