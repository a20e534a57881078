package io.chainplay.api.casino;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One row of {@code casino.player_stats}: a player's totals in one pool.
 *
 * <p>The totals are unwrapped so a pool entry reads {@code {"poolId": ..., "bets": ..., ...}}, the
 * same fields as the player's overall totals plus the pool.
 */
public record PoolStats(String poolId, @JsonUnwrapped StatsTotals stats) {}
