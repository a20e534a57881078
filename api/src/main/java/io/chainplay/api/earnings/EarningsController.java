package io.chainplay.api.earnings;

import io.chainplay.api.ApiException;
import io.chainplay.api.Pages;
import io.chainplay.api.Pages.TimeCursor;
import io.chainplay.api.Rows;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The earnings domain (Solana Mafia): a player's economy, businesses and earnings history, global
 * stats, and (admins) the reconciliation against the program's own figures.
 */
@RestController
@Tag(name = "earnings", description = "Idle-game economy computed by the earnings job")
class EarningsController {

    private static final Set<String> BUSINESS_STATUSES = Set.of("active", "sold");
    private static final Set<String> HISTORY_TYPES = Set.of("update", "claim");

    private final EarningsRepository repository;

    EarningsController(EarningsRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/api/earnings/players/{wallet}")
    @Operation(summary = "A player's economy: invested, claimed, pending, next earnings time")
    Map<String, Object> player(@PathVariable String wallet) {
        Rows.requireKey(wallet, "invalid_wallet", "Wallet");
        return repository
                .player(wallet)
                .orElseThrow(
                        () ->
                                ApiException.notFound(
                                        "player_not_found",
                                        "No earnings for player " + wallet + " (not in the game)"));
    }

    @GetMapping("/api/earnings/players/{wallet}/businesses")
    @Operation(summary = "A player's businesses in the order opened")
    Map<String, Object> businesses(
            @PathVariable String wallet,
            @Parameter(description = "active or sold") @RequestParam(required = false)
                    String status) {
        Rows.requireKey(wallet, "invalid_wallet", "Wallet");
        if (status != null && !BUSINESS_STATUSES.contains(status)) {
            throw ApiException.badRequest(
                    "invalid_status",
                    "Parameter 'status' must be active or sold, got " + ApiException.quote(status));
        }
        return Map.of("player", wallet, "businesses", repository.businesses(wallet, status));
    }

    @GetMapping("/api/earnings/players/{wallet}/history")
    @Operation(summary = "A player's earnings updates and claims, newest first, paged by cursor")
    Map<String, Object> playerHistory(
            @PathVariable String wallet,
            @Parameter(description = "update or claim") @RequestParam(required = false) String type,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        Rows.requireKey(wallet, "invalid_wallet", "Wallet");
        return history(wallet, type, cursor, limit);
    }

    @GetMapping("/api/earnings/history")
    @Operation(summary = "Everyone's earnings updates and claims, newest first, paged by cursor")
    Map<String, Object> allHistory(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        return history(null, type, cursor, limit);
    }

    @GetMapping("/api/earnings/stats")
    @Operation(summary = "Global stats per game, and the players with the most pending earnings")
    Map<String, Object> stats(@RequestParam(defaultValue = "10") int top) {
        if (top < 0 || top > Pages.MAX_LIMIT) {
            throw ApiException.badRequest(
                    "invalid_top", "Parameter 'top' must be between 0 and " + Pages.MAX_LIMIT);
        }
        return Map.of(
                "games",
                repository.globalStats(),
                "topPending",
                top == 0 ? List.of() : repository.topPending(top));
    }

    @GetMapping("/api/admin/reconciliation")
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Reconciliation of the job's accrual against the program's events (admins)")
    Map<String, Object> reconciliation(
            @RequestParam(required = false) String player,
            @Parameter(description = "only checks whose figures differ")
                    @RequestParam(defaultValue = "false")
                    boolean mismatches,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        Rows.requireKey(player, "invalid_player", "Parameter 'player'");
        Pages.limit(limit);
        List<Map<String, Object>> rows =
                repository.reconciliation(player, mismatches, TimeCursor.decode(cursor), limit);
        return Pages.page(
                "checks",
                rows,
                Pages.next(
                        rows,
                        limit,
                        r ->
                                new TimeCursor(
                                        Instant.parse((String) r.get("at")),
                                        r.get("eventId") + "/" + r.get("checkName"))));
    }

    private Map<String, Object> history(String player, String type, String cursor, int limit) {
        if (type != null && !HISTORY_TYPES.contains(type)) {
            throw ApiException.badRequest(
                    "invalid_type",
                    "Parameter 'type' must be update or claim, got " + ApiException.quote(type));
        }
        Pages.limit(limit);
        List<Map<String, Object>> rows =
                repository.history(player, type, TimeCursor.decode(cursor), limit);
        return Pages.page(
                "history",
                rows,
                Pages.next(
                        rows,
                        limit,
                        r ->
                                new TimeCursor(
                                        Instant.parse((String) r.get("at")),
                                        r.get("player") + "/" + r.get("entryId"))));
    }
}
