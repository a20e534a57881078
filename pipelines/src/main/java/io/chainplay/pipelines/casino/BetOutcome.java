package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The settlement of one bet, counted (+1) or taken back (-1) in a player's stats.
 *
 * <p>Stats are sums, so undoing a settlement whose events left the chain is adding it with sign -1:
 * every aggregate over outcomes is invertible (ARCHITECTURE.md, principle 3).
 */
public class BetOutcome {
    public String trialId;
    public String player;
    public String poolId;

    /** +1 to count the bet, -1 to take it back. */
    public int sign;

    public BigInteger wager;
    public BigInteger payout;
    public long resultIndex;
    public double resultK;

    public BetOutcome() {}

    public BetOutcome(
            String trialId,
            String player,
            String poolId,
            BigInteger wager,
            BigInteger payout,
            long resultIndex,
            double resultK) {
        this.trialId = trialId;
        this.player = player;
        this.poolId = poolId;
        this.sign = 1;
        this.wager = wager;
        this.payout = payout;
        this.resultIndex = resultIndex;
        this.resultK = resultK;
    }

    /** payout - wager: what the player gained. */
    public BigInteger deltaAmount() {
        return payout.subtract(wager);
    }

    /** A win is a payout above the wager. */
    public boolean won() {
        return payout.compareTo(wager) > 0;
    }

    public boolean lost() {
        return payout.compareTo(wager) < 0;
    }

    /** The key of the player's stats in a pool. */
    public String statsKey() {
        return player + "/" + poolId;
    }

    /** The same outcome with sign -1. */
    public BetOutcome reversed() {
        BetOutcome reversed =
                new BetOutcome(trialId, player, poolId, wager, payout, resultIndex, resultK);
        reversed.sign = -sign;
        return reversed;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BetOutcome)) {
            return false;
        }
        BetOutcome that = (BetOutcome) o;
        return sign == that.sign
                && resultIndex == that.resultIndex
                && Double.compare(resultK, that.resultK) == 0
                && Objects.equals(trialId, that.trialId)
                && Objects.equals(player, that.player)
                && Objects.equals(poolId, that.poolId)
                && Objects.equals(wager, that.wager)
                && Objects.equals(payout, that.payout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trialId, sign);
    }

    @Override
    public String toString() {
        return "BetOutcome{"
                + trialId
                + " "
                + (sign > 0 ? "+" : "-")
                + " wager="
                + wager
                + " payout="
                + payout
                + "}";
    }
}
