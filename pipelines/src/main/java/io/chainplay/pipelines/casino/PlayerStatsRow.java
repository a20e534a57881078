package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A player's stats in one pool: one row of {@code casino.player_stats}, with absolute values, or
 * its deletion when no settled bet is left (all were taken back by a reorg).
 */
public class PlayerStatsRow {
    public String player;
    public String poolId;
    public boolean deleted;
    public long bets;
    public long wins;
    public long losses;
    public long pushes;
    public BigInteger wagered = BigInteger.ZERO;
    public BigInteger paidOut = BigInteger.ZERO;

    public PlayerStatsRow() {}

    public PlayerStatsRow(String player, String poolId) {
        this.player = player;
        this.poolId = poolId;
    }

    /** Adds (sign +1) or takes back (sign -1) one settled bet. */
    public void apply(BetOutcome outcome) {
        int sign = outcome.sign;
        bets += sign;
        if (outcome.won()) {
            wins += sign;
        } else if (outcome.lost()) {
            losses += sign;
        } else {
            pushes += sign;
        }
        BigInteger s = BigInteger.valueOf(sign);
        wagered = wagered.add(outcome.wager.multiply(s));
        paidOut = paidOut.add(outcome.payout.multiply(s));
    }

    /** paid out - wagered: the player's profit, the house's loss. */
    public BigInteger net() {
        return paidOut.subtract(wagered);
    }

    public PlayerStatsRow copy() {
        PlayerStatsRow copy = new PlayerStatsRow(player, poolId);
        copy.deleted = deleted;
        copy.bets = bets;
        copy.wins = wins;
        copy.losses = losses;
        copy.pushes = pushes;
        copy.wagered = wagered;
        copy.paidOut = paidOut;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PlayerStatsRow)) {
            return false;
        }
        PlayerStatsRow that = (PlayerStatsRow) o;
        return deleted == that.deleted
                && bets == that.bets
                && wins == that.wins
                && losses == that.losses
                && pushes == that.pushes
                && Objects.equals(player, that.player)
                && Objects.equals(poolId, that.poolId)
                && Objects.equals(wagered, that.wagered)
                && Objects.equals(paidOut, that.paidOut);
    }

    @Override
    public int hashCode() {
        return Objects.hash(player, poolId);
    }

    @Override
    public String toString() {
        return "PlayerStats{"
                + player
                + "/"
                + poolId
                + (deleted ? " deleted" : "")
                + " bets="
                + bets
                + " wins="
                + wins
                + " losses="
                + losses
                + " pushes="
                + pushes
                + " wagered="
                + wagered
                + " paidOut="
                + paidOut
                + "}";
    }
}
