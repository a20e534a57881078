package io.chainplay.api.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} and one route per dependency: {@code /health/db}, {@code /health/kafka},
 * {@code /health/flink}.
 *
 * <p>{@code /health} is what the launcher and load balancers poll: 200 while the API can serve (the
 * database answers), {@code "status":"UP"} when every dependency is up and {@code "DEGRADED"} when
 * Kafka or Flink is not (REST still works; feeds or fresh data may not), 503 {@code DOWN} without
 * the database. Each {@code /health/<name>} is 200 when that one is up, else 503, with the details.
 * Hand-written instead of Boot Actuator: a few bits and reasons, in this API's JSON shape.
 */
@RestController
@Tag(name = "health")
class HealthController {

    private final HealthProbes probes;

    HealthController(HealthProbes probes) {
        this.probes = probes;
    }

    @GetMapping("/health")
    @Operation(summary = "UP, DEGRADED (Kafka or Flink down; 200) or DOWN (database down; 503)")
    ResponseEntity<Health> health() {
        ComponentHealth db = probes.db();
        ComponentHealth kafka = probes.kafka();
        ComponentHealth flink = probes.flink();
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        components.put("db", db.summary());
        components.put("kafka", kafka.summary());
        components.put("flink", flink.summary());
        String status;
        if (!db.isUp()) {
            status = "DOWN";
        } else if (kafka.isDown() || flink.isDown()) {
            status = "DEGRADED";
        } else {
            status = "UP";
        }
        return ResponseEntity.status(
                        status.equals("DOWN") ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(new Health(status, components));
    }

    @GetMapping("/health/db")
    @Operation(summary = "Postgres: SELECT 1 within 2 s")
    ResponseEntity<ComponentHealth> db() {
        return reply(probes.db());
    }

    @GetMapping("/health/kafka")
    @Operation(summary = "Kafka: the cluster answers; the feed relay's partitions and lag")
    ResponseEntity<ComponentHealth> kafka() {
        return reply(probes.kafka());
    }

    @GetMapping("/health/flink")
    @Operation(summary = "Flink REST API: each job's state and last completed checkpoint")
    ResponseEntity<ComponentHealth> flink() {
        return reply(probes.flink());
    }

    private static ResponseEntity<ComponentHealth> reply(ComponentHealth health) {
        return ResponseEntity.status(
                        health.isDown() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(health);
    }

    /** The whole reply: DOWN when the database is down, DEGRADED when another one is. */
    record Health(String status, Map<String, ComponentHealth> components) {}
}
