package io.chainplay.statefun.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the StateFun runtime (statefun/runtime) as a child JVM and looks after it.
 *
 * <p>The child runs on the Flink 1.16 classpath the runtime module wrote into its jar at build time
 * ({@code statefun-runtime.classpath}), so the caller's classpath never holds Flink 1.16: this
 * module depends on the runtime jar alone, with every dependency excluded. On {@link #start()} it
 * restores from the newest complete retained checkpoint or savepoint under the data directory
 * (Flink never looks for one itself), then waits until the job and all its tasks are RUNNING
 * according to the job's REST API. {@link #savepointAndCancel(Duration)} is the way to stop with
 * state for an upgrade; stop-with-savepoint does not work with StateFun's legacy Kafka consumer.
 *
 * <pre>{@code
 * StatefunSupervisor statefun = StatefunSupervisor.builder()
 *         .dataDir(Path.of("data/statefun"))
 *         .kafkaBootstrap("localhost:9092")
 *         .functionUrl("http://localhost:8000/statefun")
 *         .build();
 * statefun.start();          // restores from the newest chk-N or savepoint, if any
 * ...
 * Path savepoint = statefun.savepointAndCancel(Duration.ofMinutes(2));
 * }</pre>
 */
public final class StatefunSupervisor implements AutoCloseable {

    static final String CLASSPATH_RESOURCE =
            "io/chainplay/statefun/runtime/statefun-runtime.classpath";
    static final String MAIN_CLASS = "io.chainplay.statefun.runtime.StatefunRuntime";

    /** Flink 1.16's Kryo and closures reflect into these on Java 17. */
    static final List<String> ADD_OPENS =
            List.of(
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED");

    private static final Logger LOG = LoggerFactory.getLogger(StatefunSupervisor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder settings;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private String jobId;

    private StatefunSupervisor(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path dataDir() {
        return settings.dataDir;
    }

    public Path checkpointsDir() {
        return settings.dataDir.resolve("checkpoints");
    }

    public Path savepointsDir() {
        return settings.dataDir.resolve("savepoints");
    }

    /** The job's REST API and dashboard. */
    public String restUrl() {
        return "http://localhost:" + settings.restPort;
    }

    /** The id of the running job; null before {@link #start()}. */
    public String jobId() {
        return jobId;
    }

    /** The child's exit code once it has exited; -1 while it runs or before it started. */
    public int exitValue() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** What {@link #start()} would restore from: the newest complete checkpoint or savepoint. */
    public Optional<Path> latestRestorePoint() {
        return RestorePoints.latest(checkpointsDir(), savepointsDir());
    }

    /**
     * Starts the runtime from the newest complete retained checkpoint or savepoint, if any, and
     * waits until the job runs.
     *
     * @return the restore point used, empty for a start without state
     */
    public Optional<Path> start() {
        Optional<Path> restore = latestRestorePoint();
        start(restore.orElse(null));
        return restore;
    }

    /** Starts the runtime from the given checkpoint or savepoint (null: none). */
    public void start(Path restore) {
        if (isAlive()) {
            throw new IllegalStateException("The StateFun runtime is already running");
        }
        List<String> command = command(restore);
        long started = System.nanoTime();
        try {
            Files.createDirectories(settings.dataDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the StateFun runtime JVM", e);
        }
        LOG.info(
                "StateFun runtime JVM {} started{}; log in {}",
                process.pid(),
                restore == null ? " without state" : " from " + restore,
                logFile());
        jobId = awaitRunning(settings.startTimeout);
        LOG.info(
                "StateFun job {} running after {} ms, dashboard {}",
                jobId,
                (System.nanoTime() - started) / 1_000_000,
                restUrl());
    }

    /** The child's stdout and stderr, appended across restarts. */
    public Path logFile() {
        return settings.dataDir.resolve("runtime.log");
    }

    /** The number of checkpoints the running job has completed (restored ones not counted). */
    public long completedCheckpoints() {
        JsonNode counts = get("/jobs/" + requireJob() + "/checkpoints").path("counts");
        return counts.path("completed").asLong();
    }

    /**
     * Takes a savepoint into {@code <data-dir>/savepoints}, cancels the job with it, and waits for
     * the child JVM to exit.
     *
     * @return the savepoint directory, for {@link #start(Path)}
     */
    public Path savepointAndCancel(Duration timeout) {
        String job = requireJob();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cancel-job", true);
        body.put("target-directory", savepointsDir().toAbsolutePath().toUri().toString());
        String trigger = post("/jobs/" + job + "/savepoints", body).path("request-id").asText();
        if (trigger.isEmpty()) {
            throw new IllegalStateException("Savepoint was not triggered for job " + job);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + job + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException(
                            "Savepoint of job "
                                    + job
                                    + " failed: "
                                    + operation.path("failure-cause").path("stack-trace").asText());
                }
                Path location = toPath(operation.path("location").asText());
                LOG.info("Savepoint of job {} at {}; job cancelled", job, location);
                awaitExit(Duration.ofSeconds(60));
                if (process.exitValue() != 0) {
                    LOG.warn(
                            "StateFun runtime JVM exited with {} after the savepoint; see {}",
                            process.exitValue(),
                            logFile());
                }
                return location;
            }
            sleep(200);
        }
        throw new IllegalStateException("Savepoint of job " + job + " not done within " + timeout);
    }

    /** Kills the child JVM at once (SIGKILL), as a crash would: for tests of recovery. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
            jobId = null;
        }
    }

    /**
     * Stops the child JVM (SIGTERM, then SIGKILL after 30 s). The job's checkpoints stay (retained
     * on cancellation), so the next {@link #start()} continues from the newest.
     */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
            }
        }
        jobId = null;
    }

    List<String> command(Path restore) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions);
        command.addAll(ADD_OPENS);
        command.add("-cp");
        command.add(runtimeClasspath());
        command.add(MAIN_CLASS);
        add(command, "--data-dir", settings.dataDir.toAbsolutePath().toString());
        add(command, "--kafka", settings.kafkaBootstrap);
        add(command, "--function-url", settings.functionUrl);
        add(command, "--consumer-group", settings.consumerGroup);
        add(command, "--rest-port", Integer.toString(settings.restPort));
        add(command, "--parallelism", Integer.toString(settings.parallelism));
        add(
                command,
                "--checkpoint-interval-ms",
                Long.toString(settings.checkpointInterval.toMillis()));
        if (settings.moduleYaml != null) {
            add(command, "--module-yaml", settings.moduleYaml.toAbsolutePath().toString());
        }
        if (restore != null) {
            add(command, "--restore", restore.toAbsolutePath().toUri().toString());
        }
        settings.config.forEach((k, v) -> add(command, "--config", k + "=" + v));
        return command;
    }

    private static void add(List<String> command, String flag, String value) {
        command.add(flag);
        command.add(value);
    }

    /** Polls {@code GET /jobs/overview} until a job and all its tasks run. */
    private String awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The StateFun runtime JVM exited with "
                                + process.exitValue()
                                + " before its job ran; see "
                                + logFile());
            }
            try {
                for (JsonNode job : get("/jobs/overview").path("jobs")) {
                    JsonNode tasks = job.path("tasks");
                    if ("RUNNING".equals(job.path("state").asText())
                            && tasks.path("running").asInt() == tasks.path("total").asInt()) {
                        return job.path("jid").asText();
                    }
                }
            } catch (RestUnavailable e) {
                // Not listening yet.
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "The StateFun job did not run within " + timeout + "; see " + logFile());
    }

    private void awaitExit(Duration timeout) {
        if (!waitFor(process, timeout)) {
            LOG.warn("StateFun runtime JVM still up {} after its job ended; killing it", timeout);
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
        }
        jobId = null;
    }

    private String requireJob() {
        if (jobId == null || !isAlive()) {
            throw new IllegalStateException("The StateFun runtime is not running");
        }
        return jobId;
    }

    /**
     * A GET on the job's REST API, e.g. {@code /jobs/overview} or {@code /jobs/<id>/checkpoints}.
     */
    public JsonNode restGet(String path) {
        return get(path);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(restUrl() + path)).GET());
    }

    private JsonNode post(String path, Object body) {
        try {
            return send(
                    HttpRequest.newBuilder(URI.create(restUrl() + path))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            JSON.writeValueAsBytes(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response =
                    http.send(
                            request.timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 503) {
                // Up but not serving yet: the local cluster's leader election is still running.
                throw new RestUnavailable(
                        new IOException(new String(response.body(), StandardCharsets.UTF_8)));
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "StateFun REST "
                                + response.request().uri()
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + new String(response.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(response.body());
        } catch (ConnectException e) {
            throw new RestUnavailable(e);
        } catch (IOException e) {
            throw new RestUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The REST endpoint does not answer (not up yet, or gone). */
    static final class RestUnavailable extends RuntimeException {
        RestUnavailable(Exception cause) {
            super(cause);
        }
    }

    private static Path toPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    /** The runtime jar (or classes directory) followed by its dependencies, as built. */
    static String runtimeClasspath() {
        ClassLoader loader = StatefunSupervisor.class.getClassLoader();
        URL resource = loader.getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(
                    CLASSPATH_RESOURCE
                            + " is missing: add chainplay-statefun-runtime (with its dependencies"
                            + " excluded) and build it with Maven");
        }
        String self;
        String dependencies;
        try (InputStream in = resource.openStream()) {
            dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                self = Path.of(new URI(url.substring(4, url.indexOf("!/")))).toString();
            } else {
                Path file = Path.of(resource.toURI());
                Path root = file;
                for (int i = 0; i < CLASSPATH_RESOURCE.split("/").length; i++) {
                    root = root.getParent();
                }
                self = root.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (String entry : dependencies.split(File.pathSeparator)) {
            if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                throw new IllegalStateException(
                        "StateFun runtime classpath entry "
                                + entry
                                + " is missing: rebuild statefun/runtime");
            }
        }
        return self + File.pathSeparator + dependencies;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Settings of the runtime; every port and path has a default fit for one machine. */
    public static final class Builder {
        private Path dataDir = Path.of("data", "statefun");
        private String kafkaBootstrap = "localhost:9092";
        private String functionUrl = "http://localhost:8000/statefun";
        private String consumerGroup = "chainplay-statefun";
        private int restPort = 8082;
        private int parallelism = 1;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private Duration startTimeout = Duration.ofSeconds(120);
        private Path moduleYaml;
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {}

        /** Checkpoints, savepoints, the rendered module.yaml and the log. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder kafkaBootstrap(String kafkaBootstrap) {
            this.kafkaBootstrap = kafkaBootstrap;
            return this;
        }

        /** Where the function server listens, e.g. http://localhost:8000/statefun. */
        public Builder functionUrl(String functionUrl) {
            this.functionUrl = functionUrl;
            return this;
        }

        public Builder consumerGroup(String consumerGroup) {
            this.consumerGroup = consumerGroup;
            return this;
        }

        /** The job's REST API and dashboard port (8082). */
        public Builder restPort(int restPort) {
            this.restPort = restPort;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Also the latency of the exactly-once egress: results commit with checkpoints. */
        public Builder checkpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** A module.yaml template of one's own instead of the bundled one. */
        public Builder moduleYaml(Path moduleYaml) {
            this.moduleYaml = moduleYaml;
            return this;
        }

        /** Replaces the child's JVM options (default -Xmx1g); --add-opens are always added. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        /** Any Flink or StateFun setting for the job. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public StatefunSupervisor build() {
            if (checkpointInterval.isZero() || checkpointInterval.isNegative()) {
                throw new IllegalArgumentException(
                        "checkpointInterval must be positive: the Kafka egress commits on checkpoints");
            }
            return new StatefunSupervisor(this);
        }
    }
}
