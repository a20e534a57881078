package io.chainplay.api.casino;

import io.chainplay.api.ApiException;
import io.chainplay.api.PublicKeys;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/bets?player=&limit=}: the newest bets, of everyone or of one player. */
@RestController
class BetController {

    static final int DEFAULT_LIMIT = 20;
    // Bounds what one request can cost the database and the client.
    static final int MAX_LIMIT = 100;

    private final CasinoRepository repository;

    BetController(CasinoRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/api/bets")
    BetPage recent(
            @RequestParam(required = false) String player,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (player != null && !PublicKeys.isPublicKey(player)) {
            throw ApiException.badRequest(
                    "invalid_player", CasinoMessages.notAKey("Parameter 'player'", player));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest(
                    "invalid_limit",
                    "Parameter 'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return new BetPage(repository.findRecentBets(player, limit));
    }
}
