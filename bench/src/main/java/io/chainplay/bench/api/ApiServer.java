package io.chainplay.bench.api;

import io.chainplay.embedded.FreePorts;

import java.io.IOException;
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
 * The API jar ({@code api/target/chainplay-api.jar}) in its own JVM, as {@code ./chainplay up} runs
 * it, so the load comes from another process than the one serving it.
 */
final class ApiServer implements AutoCloseable {

    static final Path JAR = Path.of("api/target/chainplay-api.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private ApiServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the API with these {@code CHAINPLAY_*} variables and waits for {@code /health}.
     *
     * @param heap the child's -Xmx
     */
    static ApiServer start(Map<String, String> environment, String heap) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR.toAbsolutePath()
                            + " is missing: build it with ./mvnw -q -pl api -am package -DskipTests");
        }
        int port = FreePorts.any();
        Path log = Files.createTempFile("chainplay-bench-api-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xms" + heap);
        // e.g. -Dchainplay.bench.api-jvm-args=-XX:StartFlightRecording=filename=/tmp/api.jfr
        String extra = System.getProperty("chainplay.bench.api-jvm-args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("CHAINPLAY_API_PORT", Integer.toString(port));
        builder.environment().put("CHAINPLAY_RATE_LIMITS", "false"); // the load is one client
        builder.environment().putIfAbsent("CHAINPLAY_FLINK_URL", "");
        Process process = builder.start();
        ApiServer server = new ApiServer(process, port, log);
        server.awaitHealthy(Duration.ofSeconds(120));
        System.out.println(
                "  API up on port " + port + " (pid " + process.pid() + ", log " + log + ")");
        return server;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url("/health")))
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
        throw new IllegalStateException("The API did not become healthy; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** CPU seconds the API process has used so far (from /proc), for the report. */
    double cpuSeconds() {
        return cpuSeconds(process.pid());
    }

    /** CPU seconds a process has used so far (from /proc); NaN where there is no /proc. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
            return ticks / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
