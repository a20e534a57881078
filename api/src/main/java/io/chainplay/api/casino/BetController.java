package io.chainplay.api.casino;

import io.chainplay.api.ApiException;
import io.chainplay.api.Pages;
import io.chainplay.api.Pages.TimeCursor;
import io.chainplay.api.PublicKeys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/bets?player=&pool=&status=&cursor=&limit=}: bets newest first, filtered, paged by
 * cursor.
 */
@RestController
@Tag(name = "casino")
class BetController {

    static final int DEFAULT_LIMIT = Pages.DEFAULT_LIMIT;
    // Bounds what one request can cost the database and the client.
    static final int MAX_LIMIT = Pages.MAX_LIMIT;
    static final Set<String> STATUSES =
            Set.of("placed", "settled", "expired", "invalid", "retracted");

    private final CasinoRepository repository;

    BetController(CasinoRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/api/bets")
    @Operation(
            summary = "Bets newest first (registered_at, trial_id), filtered, paged by cursor",
            description =
                    "Pass nextCursor back as cursor for the next page; it is null on the last."
                            + " Amounts are decimal strings.")
    BetPage recent(
            @Parameter(description = "a player's wallet") @RequestParam(required = false)
                    String player,
            @Parameter(description = "a pool id") @RequestParam(required = false) String pool,
            @Parameter(description = "placed, settled, expired, invalid or retracted")
                    @RequestParam(required = false)
                    String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (player != null && !PublicKeys.isPublicKey(player)) {
            throw ApiException.badRequest(
                    "invalid_player", CasinoMessages.notAKey("Parameter 'player'", player));
        }
        if (pool != null && !PublicKeys.isPublicKey(pool)) {
            throw ApiException.badRequest(
                    "invalid_pool", CasinoMessages.notAKey("Parameter 'pool'", pool));
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest(
                    "invalid_status",
                    "Parameter 'status' must be one of placed, settled, expired, invalid,"
                            + " retracted; got "
                            + ApiException.quote(status));
        }
        Pages.limit(limit);
        List<Bet> bets =
                repository.findBets(
                        new BetQuery(player, pool, status, TimeCursor.decode(cursor), limit));
        return new BetPage(
                bets, Pages.next(bets, limit, b -> new TimeCursor(b.registeredAt(), b.trialId())));
    }
}
