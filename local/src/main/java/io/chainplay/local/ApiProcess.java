package io.chainplay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Spring Boot API in its own JVM: it runs under Spring's Kafka and Jackson versions, which must
 * not meet Flink's (ARCHITECTURE.md, Versions). Its output goes to a log file.
 */
final class ApiProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ApiProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the API and waits until {@code /health} answers.
     *
     * @param environment the API's configuration ({@code CHAINPLAY_*} variables)
     */
    static ApiProcess start(Path jar, int port, Map<String, String> environment, Path log)
            throws InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "API jar "
                            + jar
                            + " is missing: build it with ./mvnw -DskipTests package -pl api -am");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; the API is I/O bound
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("CHAINPLAY_API_PORT", Integer.toString(port));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the API", e);
        }
        ApiProcess api = new ApiProcess(process, port);
        api.awaitHealthy(Duration.ofSeconds(90), log);
        return api;
    }

    int port() {
        return port;
    }

    private void awaitHealthy(Duration timeout, Path log) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The API exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(
                "The API did not become healthy in " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Spring shuts down gracefully
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
