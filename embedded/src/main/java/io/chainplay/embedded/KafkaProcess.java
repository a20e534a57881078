package io.chainplay.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka 3.9 broker in a child JVM, on the classpath this module was built with.
 *
 * <p>For modules whose own classpath carries another Kafka version (Spring Boot manages
 * kafka-clients 4.x), where the broker cannot run in-process. The child's classpath is the one
 * Maven resolved for this module, written into the jar at build time.
 */
public final class KafkaProcess implements KafkaBroker {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final long START_TIMEOUT_SECONDS = 90;

    private final Process process;
    private final String bootstrapServers;

    private KafkaProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on a free port in a temporary directory. */
    public static KafkaProcess start() {
        return start(null, 0, Map.of());
    }

    /**
     * Starts a broker in a child JVM and waits until it accepts connections.
     *
     * @param dataDir where the logs live; null for a temporary directory
     * @param port the listener port; 0 for a free one
     * @param brokerConfig broker settings overriding the single-node defaults
     */
    public static KafkaProcess start(Path dataDir, int port, Map<String, String> brokerConfig) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-Dlog4j2.level=WARN");
        command.add("-cp");
        command.add(classpath());
        command.add(KafkaBrokerMain.class.getName());
        command.add("--port");
        command.add(Integer.toString(port));
        if (dataDir != null) {
            command.add("--data-dir");
            command.add(dataDir.toAbsolutePath().toString());
        }
        brokerConfig.forEach(
                (k, v) -> {
                    command.add("--config");
                    command.add(k + "=" + v);
                });
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Kafka broker JVM", e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump =
                new Thread(() -> pumpOutput(process.getInputStream(), ready), "kafka-process-out");
        pump.setDaemon(true);
        pump.start();
        try {
            String bootstrap = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new KafkaProcess(process, bootstrap);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "Kafka broker JVM did not start within "
                            + START_TIMEOUT_SECONDS
                            + " s: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // EOF on the child's stdin: it shuts down
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Echoes the child's output to our stderr, watching for the ready line. */
    private static void pumpOutput(InputStream in, CompletableFuture<String> ready) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(KafkaBrokerMain.READY)) {
                    ready.complete(line.substring(KafkaBrokerMain.READY.length()).trim());
                } else {
                    System.err.println("[kafka] " + line);
                }
            }
        } catch (IOException e) {
            // The child has gone.
        }
        ready.completeExceptionally(new IllegalStateException("Kafka broker JVM exited"));
    }

    private static String classpath() {
        try (InputStream in = KafkaProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        CLASSPATH_RESOURCE + " is missing: build the embedded module with Maven");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path self =
                    Path.of(
                            KafkaProcess.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            for (String entry : dependencies.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                    throw new IllegalStateException(
                            "Kafka broker classpath entry "
                                    + entry
                                    + " is missing: rebuild the embedded module");
                }
            }
            return self + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
