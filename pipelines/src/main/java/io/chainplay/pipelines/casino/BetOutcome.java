package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The settlement of one bet, counted (+1) or taken back (-1) in a player's and a pool's stats; or,
 * with {@link #placement}, a bet placed (+1) or its registration retracted (-1).
 *
 * <p>Sums are undone by adding the same outcome with sign -1 (ARCHITECTURE.md, principle 3). The
 * aggregates that are not sums (streaks, biggest win, first and last seen) are recomputed from the
 * outcomes they keep, ordered by the chain position carried here.
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

    /** A placement signal (the bet's registration) rather than a settlement. */
    public boolean placement;

    /**
     * Block time: of the resolution for a settlement (the time every aggregate files the bet
     * under), of the registration for a placement.
     */
    public long time;

    /** Chain position of that event. */
    public long slot;

    public int instructionIndex;
    public int eventIndex;

    /** The trial's qk table flattened (q0, k0, q1, k1, ...), for the outcome frequency test. */
    public double[] qk;

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

    /** The placement of a registered bet. */
    public static BetOutcome placed(CasinoEvent registration) {
        BetOutcome placed =
                new BetOutcome(
                        registration.trialId,
                        registration.player,
                        registration.poolId,
                        Settlement.unsigned(registration.wager),
                        BigInteger.ZERO,
                        0,
                        0);
        placed.placement = true;
        placed.at(registration);
        return placed;
    }

    /** Sets time and position from the event this outcome is filed under. */
    BetOutcome at(CasinoEvent event) {
        time = event.eventTime;
        slot = event.slot;
        instructionIndex = event.instructionIndex;
        eventIndex = event.eventIndex;
        return this;
    }

    /** Chain order of two outcomes' events, then trial id. */
    static int compareOrder(BetOutcome a, BetOutcome b) {
        int c =
                Positions.compare(
                        a.slot,
                        a.instructionIndex,
                        a.eventIndex,
                        b.slot,
                        b.instructionIndex,
                        b.eventIndex);
        return c != 0 ? c : a.trialId.compareTo(b.trialId);
    }

    /** The same outcome with sign -1. */
    public BetOutcome reversed() {
        BetOutcome reversed =
                new BetOutcome(trialId, player, poolId, wager, payout, resultIndex, resultK);
        reversed.sign = -sign;
        reversed.placement = placement;
        reversed.time = time;
        reversed.slot = slot;
        reversed.instructionIndex = instructionIndex;
        reversed.eventIndex = eventIndex;
        reversed.qk = qk;
        return reversed;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BetOutcome)) {
            return false;
        }
        BetOutcome that = (BetOutcome) o;
        return sign == that.sign
                && placement == that.placement
                && time == that.time
                && slot == that.slot
                && instructionIndex == that.instructionIndex
                && eventIndex == that.eventIndex
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
        return (placement ? "Placement{" : "BetOutcome{")
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
