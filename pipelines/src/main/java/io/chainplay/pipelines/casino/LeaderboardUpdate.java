package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A player's standing in one leaderboard bucket (pool, period, period start): the three figures the
 * boards rank by, or its removal when a reorg took all the player's bets of the period back.
 */
public class LeaderboardUpdate {
    public String poolId;

    /** day, week or all. */
    public String period;

    /** First day of the period (epoch day): the UTC day, the ISO week's Monday, 0 for all. */
    public long periodStart;

    public String player;
    public BigInteger net = BigInteger.ZERO;
    public BigInteger volume = BigInteger.ZERO;
    public long wins;
    public boolean deleted;

    public LeaderboardUpdate() {}

    /** The leaderboard bucket it belongs to: the key of the leaderboard operator. */
    public String boardKey() {
        return poolId + "/" + period + "/" + periodStart;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeaderboardUpdate that
                && periodStart == that.periodStart
                && wins == that.wins
                && deleted == that.deleted
                && Objects.equals(poolId, that.poolId)
                && Objects.equals(period, that.period)
                && Objects.equals(player, that.player)
                && Objects.equals(net, that.net)
                && Objects.equals(volume, that.volume);
    }

    @Override
    public int hashCode() {
        return Objects.hash(poolId, period, periodStart, player);
    }

    @Override
    public String toString() {
        return "Standing{"
                + boardKey()
                + " "
                + player
                + (deleted ? " deleted" : "")
                + " net="
                + net
                + " volume="
                + volume
                + " wins="
                + wins
                + "}";
    }
}
