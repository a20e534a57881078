package io.chainplay.api.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;

import java.util.Map;

/**
 * {@code GET /health}: UP (200) when the database answers {@code SELECT 1}, DOWN (503) with the
 * reason when it does not.
 *
 * <p>Hand-written instead of Boot Actuator: the launcher and load balancers need one bit and a
 * reason, and the actuator would bring its own endpoints, security defaults and JSON shape. The
 * query has a short timeout so a hung database fails the check instead of hanging it; how long a
 * connection may take is Hikari's {@code connection-timeout} in {@code application.yml}.
 */
@RestController
class HealthController {

    static final int QUERY_TIMEOUT_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

    private final JdbcTemplate jdbc;

    HealthController(DataSource dataSource) {
        // An own JdbcTemplate: the timeout must apply to this probe, not to the API's queries.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
    }

    @GetMapping("/health")
    ResponseEntity<Health> health() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            return ResponseEntity.ok(new Health("UP", Map.of("db", new Component("UP", null))));
        } catch (DataAccessException e) {
            String reason = "SELECT 1 failed: " + e.getMostSpecificCause().getMessage();
            LOG.warn("Health check DOWN: {}", reason);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Health("DOWN", Map.of("db", new Component("DOWN", reason))));
        }
    }

    /** The whole reply: DOWN when any component is down. */
    record Health(String status, Map<String, Component> components) {}

    /** One checked dependency; {@code reason} only when it is down. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Component(String status, String reason) {}
}
