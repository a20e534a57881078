package io.chainplay.api.health;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One checked dependency: {@code UP}, {@code DOWN} (with a {@code reason}) or {@code DISABLED} (not
 * configured), and details that depend on the dependency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentHealth(
        String status, String reason, @JsonAnyGetter Map<String, Object> details) {

    static ComponentHealth up(Map<String, Object> details) {
        return new ComponentHealth("UP", null, details);
    }

    static ComponentHealth down(String reason, Map<String, Object> details) {
        return new ComponentHealth("DOWN", reason, details);
    }

    static ComponentHealth disabled(String reason) {
        return new ComponentHealth("DISABLED", reason, Map.of());
    }

    boolean isUp() {
        return status.equals("UP");
    }

    boolean isDown() {
        return status.equals("DOWN");
    }

    /** Without the details, for the overall {@code /health}. */
    ComponentHealth summary() {
        return new ComponentHealth(status, reason, Map.of());
    }
}
