package io.chainplay.api.health;

import io.chainplay.api.feed.FeedStatus;
import io.chainplay.api.feed.KafkaSettings;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The checks behind the health routes, each bounded by a short timeout and cached for {@value
 * #CACHE_MILLIS} ms, so that many dashboards polling {@code /health} cost the dependencies one
 * probe each per interval.
 *
 * <ul>
 *   <li>db: {@code SELECT 1} with a 2 s query timeout (its own {@link JdbcTemplate}; the pool's
 *       {@code connection-timeout} bounds getting a connection);
 *   <li>kafka: the cluster describes itself within 2 s, plus the feed relay's own state;
 *   <li>flink: {@code GET /jobs/overview} on the Flink REST API, then each job's {@code
 *       /jobs/:id/checkpoints} for its last completed checkpoint.
 * </ul>
 */
@Component
class HealthProbes implements DisposableBean {

    static final int TIMEOUT_SECONDS = 2;
    static final long CACHE_MILLIS = 1000;
    private static final Set<String> FAILING = Set.of("FAILED", "FAILING", "RESTARTING");
    private static final Logger LOG = LoggerFactory.getLogger(HealthProbes.class);

    private final JdbcTemplate jdbc;
    private final FeedStatus feed;
    private final KafkaSettings kafka;
    private final String flinkUrl;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
    private Admin admin; // created on first use

    private final Cached dbCache = new Cached();
    private final Cached kafkaCache = new Cached();
    private final Cached flinkCache = new Cached();

    HealthProbes(
            DataSource dataSource,
            FeedStatus feed,
            KafkaSettings kafka,
            @Value("${chainplay.flink.url:}") String flinkUrl,
            JsonMapper json) {
        // An own JdbcTemplate: the timeout must apply to this probe, not to the API's queries.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(TIMEOUT_SECONDS);
        this.feed = feed;
        this.kafka = kafka;
        this.flinkUrl =
                flinkUrl.endsWith("/") ? flinkUrl.substring(0, flinkUrl.length() - 1) : flinkUrl;
        this.json = json;
    }

    ComponentHealth db() {
        return dbCache.get(this::probeDb);
    }

    ComponentHealth kafka() {
        return kafkaCache.get(this::probeKafka);
    }

    ComponentHealth flink() {
        return flinkCache.get(this::probeFlink);
    }

    private ComponentHealth probeDb() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            return ComponentHealth.up(Map.of());
        } catch (DataAccessException e) {
            String reason = "SELECT 1 failed: " + e.getMostSpecificCause().getMessage();
            LOG.warn("Health check db DOWN: {}", reason);
            return ComponentHealth.down(reason, Map.of());
        }
    }

    private ComponentHealth probeKafka() {
        if (!feed.enabled()) {
            return ComponentHealth.disabled("the feed relay is off (chainplay.feed.enabled=false)");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bootstrapServers", kafka.bootstrapServers());
        details.put("relay", feed.consumer());
        try {
            DescribeClusterResult cluster =
                    admin().describeCluster(
                                    new DescribeClusterOptions()
                                            .timeoutMs(
                                                    (int)
                                                            TimeUnit.SECONDS.toMillis(
                                                                    TIMEOUT_SECONDS)));
            details.put("clusterId", cluster.clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            details.put("brokers", cluster.nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size());
            return ComponentHealth.up(details);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return ComponentHealth.down(
                    "Kafka at " + kafka.bootstrapServers() + " did not answer: " + cause, details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down("interrupted", details);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "chainplay-api-health");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
            config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
            admin = Admin.create(config);
        }
        return admin;
    }

    private ComponentHealth probeFlink() {
        if (flinkUrl.isBlank()) {
            return ComponentHealth.disabled("chainplay.flink.url (CHAINPLAY_FLINK_URL) is not set");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", flinkUrl);
        JsonNode overview;
        try {
            overview = getJson("/jobs/overview").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return ComponentHealth.down(
                    "Flink REST API at " + flinkUrl + " did not answer: " + cause, details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down("interrupted", details);
        }
        // The newest run of each job name: a cluster keeps finished and failed runs in its
        // history, and only the current one says how the pipeline is doing.
        Map<String, JsonNode> newest = new LinkedHashMap<>();
        List<JsonNode> jobs = new ArrayList<>();
        overview.path("jobs").forEach(jobs::add);
        jobs.sort(Comparator.comparingLong(j -> j.path("start-time").asLong()));
        for (JsonNode job : jobs) {
            newest.put(job.path("name").asString(""), job);
        }
        Map<String, CompletableFuture<JsonNode>> checkpoints = new LinkedHashMap<>();
        for (JsonNode job : newest.values()) {
            String id = job.path("jid").asString();
            checkpoints.put(id, getJson("/jobs/" + id + "/checkpoints"));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (JsonNode job : newest.values()) {
            String id = job.path("jid").asString();
            String state = job.path("state").asString();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", job.path("name").asString());
            entry.put("id", id);
            entry.put("state", state);
            entry.put(
                    "startTime", Instant.ofEpochMilli(job.path("start-time").asLong()).toString());
            entry.put("lastCheckpoint", lastCheckpoint(checkpoints.get(id)));
            out.add(entry);
            if (FAILING.contains(state)) {
                failing.add(entry.get("name") + " is " + state);
            }
        }
        details.put("jobs", out);
        return failing.isEmpty()
                ? ComponentHealth.up(details)
                : ComponentHealth.down(String.join("; ", failing), details);
    }

    private static Map<String, Object> lastCheckpoint(CompletableFuture<JsonNode> reply) {
        JsonNode completed;
        try {
            completed =
                    reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).path("latest").path("completed");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (!completed.isObject()) {
            return null; // none yet (or checkpointing off)
        }
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("id", completed.path("id").asLong());
        long ack = completed.path("latest_ack_timestamp").asLong();
        checkpoint.put("completedAt", Instant.ofEpochMilli(ack).toString());
        checkpoint.put("ageSeconds", Math.max(0, (System.currentTimeMillis() - ack) / 1000));
        checkpoint.put("durationMs", completed.path("end_to_end_duration").asLong());
        checkpoint.put("stateSizeBytes", completed.path("state_size").asLong());
        return checkpoint;
    }

    private CompletableFuture<JsonNode> getJson(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(flinkUrl + path))
                        .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                        .header("Accept", "application/json")
                        .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(
                        r -> {
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException(
                                        "HTTP " + r.statusCode() + " for " + path);
                            }
                            return json.readTree(r.body());
                        });
    }

    @Override
    public void destroy() {
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    /** The last result of one probe, reused for {@value #CACHE_MILLIS} ms. */
    private static final class Cached {
        private ComponentHealth value;
        private long at;

        synchronized ComponentHealth get(Supplier<ComponentHealth> probe) {
            long now = System.currentTimeMillis();
            if (value == null || now - at >= CACHE_MILLIS) {
                value = probe.get();
                at = System.currentTimeMillis();
            }
            return value;
        }
    }
}
