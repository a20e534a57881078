package io.chainplay.api.casino;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One row of {@code casino.player_stats}: a player's totals in one pool, and what is not a sum
 * (biggest win, streaks, first and last bet).
 *
 * <p>The totals are unwrapped so a pool entry reads {@code {"poolId": ..., "bets": ..., ...}}, the
 * same fields as the player's overall totals plus the pool's own.
 *
 * @param biggestWin the largest payout − wager of a won bet, as a decimal string; null before the
 *     first win
 * @param biggestWinTrial the trial of that win
 * @param currentStreak +n after n wins in a row, −n after n losses, 0 after a push
 * @param bestStreak the longest run of wins
 * @param firstSeen block time of the first settled bet
 * @param lastSeen block time of the latest settled bet
 */
public record PoolStats(
        String poolId,
        @JsonUnwrapped StatsTotals stats,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger biggestWin,
        String biggestWinTrial,
        int currentStreak,
        int bestStreak,
        Instant firstSeen,
        Instant lastSeen) {}
