package io.chainplay.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A real Kafka 3.9 broker in KRaft mode, running in this JVM as combined broker and controller.
 *
 * <p>The log directory is formatted with Kafka's own storage {@link Formatter} on first start and
 * reused afterwards, so a broker restarted on the same directory keeps its topics and offsets.
 * Without a directory it uses a temporary one and deletes it on {@link #close()}.
 */
public final class EmbeddedKafka implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean temporary;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, boolean temporary, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a broker on free ports in a temporary directory. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            try {
                Directories.deleteRecursively(dataDir);
            } catch (UncheckedIOException e) {
                // A leftover temporary directory is not worth failing a shutdown for.
                LOG.warn("Could not delete {}", dataDir, e);
            }
        }
    }

    /** Settings of an {@link EmbeddedKafka}; unset ports are picked free. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {}

        /** Where the logs live; reused when already formatted. Default: a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The PLAINTEXT listener port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The controller listener port; 0 picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Any broker setting, overriding the single-node defaults. */
        public Builder brokerConfig(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafka start() {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Directories.temporary("chainplay-kafka") : dataDir;
            int[] free = FreePorts.distinct(2);
            int brokerPort = port == 0 ? free[0] : port;
            int quorumPort =
                    controllerPort != 0
                            ? controllerPort
                            : free[1] != brokerPort ? free[1] : free[0];
            if (!FreePorts.isFree(brokerPort)) {
                throw new IllegalStateException(
                        "Kafka port " + brokerPort + " is taken; choose another or pass 0");
            }
            Properties props = properties(dir, brokerPort, quorumPort);
            KafkaConfig config = new KafkaConfig(props, false);
            format(dir, config);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            long started = System.nanoTime();
            server.startup();
            LOG.info(
                    "Kafka broker up at localhost:{} in {} ms (data in {})",
                    brokerPort,
                    (System.nanoTime() - started) / 1_000_000,
                    dir);
            return new EmbeddedKafka(server, dir, temporary, brokerPort);
        }

        private Properties properties(Path dir, int brokerPort, int quorumPort) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("process.roles", "broker,controller");
            settings.put("node.id", "1");
            settings.put("controller.quorum.voters", "1@localhost:" + quorumPort);
            settings.put(
                    "listeners",
                    "PLAINTEXT://localhost:"
                            + brokerPort
                            + ",CONTROLLER://localhost:"
                            + quorumPort);
            settings.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
            settings.put("controller.listener.names", "CONTROLLER");
            settings.put("inter.broker.listener.name", "PLAINTEXT");
            settings.put(
                    "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            settings.put("log.dirs", dir.toAbsolutePath().toString());
            // One node: every internal topic has one replica, and few partitions so that the
            // first consumer group and the first transaction don't wait for 50 of them.
            settings.put("offsets.topic.replication.factor", "1");
            settings.put("offsets.topic.num.partitions", "4");
            settings.put("transaction.state.log.replication.factor", "1");
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("transaction.state.log.num.partitions", "4");
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("num.partitions", "1");
            settings.put("auto.create.topics.enable", "true");
            // Flink's exactly-once Kafka sink opens transactions with a 1 h timeout by default.
            settings.put("transaction.max.timeout.ms", "3600000");
            settings.put("log.retention.hours", "-1");
            settings.putAll(overrides);
            Properties props = new Properties();
            props.putAll(settings);
            return props;
        }

        private static void format(Path dir, KafkaConfig config) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create Kafka data dir " + dir, e);
            }
            if (Files.exists(dir.resolve("meta.properties"))) {
                return; // formatted before: keep its cluster id, topics and offsets
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                new Formatter()
                        .setPrintStream(out)
                        .setNodeId(config.nodeId())
                        .setClusterId(Uuid.randomUuid().toString())
                        .setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(config.metadataLogDir())
                        .setDirectories(Set.of(dir.toAbsolutePath().toString()))
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "Cannot format Kafka data dir " + dir + ": " + output, e);
            }
        }
    }
}
