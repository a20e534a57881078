package io.chainplay.api.casino;

import io.chainplay.api.ApiException;
import io.chainplay.api.PublicKeys;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/players/{wallet}/stats}: a player's casino totals, overall and per pool. */
@RestController
class PlayerStatsController {

    private final CasinoRepository repository;

    PlayerStatsController(CasinoRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/api/players/{wallet}/stats")
    PlayerStats stats(@PathVariable String wallet) {
        if (!PublicKeys.isPublicKey(wallet)) {
            throw ApiException.badRequest(
                    "invalid_wallet", CasinoMessages.notAKey("Wallet", wallet));
        }
        List<PoolStats> pools = repository.findPlayerStats(wallet);
        if (pools.isEmpty()) {
            // A valid key with no rows: either no bet of theirs has settled yet, or the pipeline
            // has not caught up. Both look the same from here.
            throw ApiException.notFound(
                    "player_not_found",
                    "No casino stats for player " + wallet + " (no settled bets)");
        }
        return PlayerStats.of(wallet, pools);
    }
}
