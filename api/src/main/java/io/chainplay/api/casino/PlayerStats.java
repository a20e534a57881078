package io.chainplay.api.casino;

import java.util.List;

/**
 * A player's casino stats: totals over all pools and the per-pool rows they were summed from.
 *
 * <p>The totals are computed here, from the same rows in the same read, so they always agree with
 * the list; the pipelines keep per-pool rows only.
 */
public record PlayerStats(String player, StatsTotals totals, List<PoolStats> pools) {

    static PlayerStats of(String player, List<PoolStats> pools) {
        StatsTotals totals = StatsTotals.ZERO;
        for (PoolStats pool : pools) {
            totals = totals.plus(pool.stats());
        }
        return new PlayerStats(player, totals, List.copyOf(pools));
    }
}
