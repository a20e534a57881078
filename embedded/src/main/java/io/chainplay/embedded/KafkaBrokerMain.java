package io.chainplay.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafka} as its own process, for {@link KafkaProcess}.
 *
 * <p>Prints {@value #READY} and the bootstrap servers on stdout once the broker is up, and stops
 * the broker when its stdin closes, so the broker never outlives the JVM that started it, even if
 * that JVM is killed.
 */
public final class KafkaBrokerMain {

    static final String READY = "CHAINPLAY_KAFKA_READY ";

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> builder.port(Integer.parseInt(args[i + 1]));
                case "--controller-port" -> builder.controllerPort(Integer.parseInt(args[i + 1]));
                case "--data-dir" -> builder.dataDir(Path.of(args[i + 1]));
                case "--config" -> {
                    String[] kv = args[i + 1].split("=", 2);
                    builder.brokerConfig(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        EmbeddedKafka kafka = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    kafka.close();
                                    stopped.countDown();
                                },
                                "kafka-shutdown"));
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // The parent never writes; EOF means it has gone.
            }
        } catch (IOException e) {
            // Same: the pipe to the parent is broken.
        }
        System.exit(0); // runs the shutdown hook
        stopped.await();
    }
}
