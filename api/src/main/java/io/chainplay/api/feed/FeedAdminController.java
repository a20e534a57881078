package io.chainplay.api.feed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** {@code GET /api/admin/feed}: the relay's counters (admin wallets only). */
@RestController
@Tag(name = "admin")
class FeedAdminController {

    private final FeedStatus status;

    FeedAdminController(FeedStatus status) {
        this.status = status;
    }

    @GetMapping("/api/admin/feed")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "WebSocket relay: Kafka positions, clients, deliveries, drops")
    Map<String, Object> feed() {
        return status.all();
    }
}
