package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One row of {@code casino.bets}, with absolute values, or its deletion when the bet's registration
 * left the chain.
 */
public class BetRow {
    public String trialId;

    /** True when the row must be removed: the tables then equal those of the canonical chain. */
    public boolean deleted;

    public String poolId;
    public String player;
    public BigInteger wager;

    /** The qk table as JSON, {@code [[q, k], ...]}. */
    public String qkJson;

    public String extraDataHash;

    /**
     * placed, settled, expired (no resolution within the bet expiry) or invalid (its resolution
     * does not fit the qk table).
     */
    public String status;

    public Long resultIndex;
    public Double randomness;
    public Double resultK;
    public BigInteger payout;
    public BigInteger deltaAmount;
    public Boolean won;

    public String registeredEventId;
    public String registeredSignature;
    public long registeredSlot;
    public long registeredAt;
    public String resolvedEventId;
    public String resolvedSignature;
    public Long resolvedSlot;
    public Long resolvedAt;

    /** Event time the bet was reported expired, while it stays unresolved. */
    public Long expiredAt;

    public BetRow() {}

    public static BetRow deletion(String trialId) {
        BetRow row = new BetRow();
        row.trialId = trialId;
        row.deleted = true;
        return row;
    }

    /** The row of a bet placed, settled when outcome and resolution are given. */
    public static BetRow of(CasinoEvent registration, CasinoEvent resolution, BetOutcome outcome) {
        BetRow row = new BetRow();
        row.trialId = registration.trialId;
        row.poolId = registration.poolId;
        row.player = registration.player;
        row.wager = Settlement.unsigned(registration.wager);
        row.qkJson = qkJson(registration);
        row.extraDataHash = registration.extraDataHash;
        row.registeredEventId = registration.eventId;
        row.registeredSignature = registration.txSignature;
        row.registeredSlot = registration.slot;
        row.registeredAt = registration.eventTime;
        if (outcome == null) {
            row.status = "placed";
            return row;
        }
        row.status = "settled";
        row.resultIndex = resolution.resultIndex;
        row.randomness = resolution.randomness;
        row.resultK = outcome.resultK;
        row.payout = outcome.payout;
        row.deltaAmount = outcome.deltaAmount();
        row.won = outcome.won();
        row.resolvedEventId = resolution.eventId;
        row.resolvedSignature = resolution.txSignature;
        row.resolvedSlot = resolution.slot;
        row.resolvedAt = resolution.eventTime;
        return row;
    }

    private static String qkJson(CasinoEvent registration) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < registration.outcomes(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('[')
                    .append(registration.q(i))
                    .append(',')
                    .append(registration.k(i))
                    .append(']');
        }
        return json.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BetRow)) {
            return false;
        }
        BetRow that = (BetRow) o;
        return deleted == that.deleted
                && registeredSlot == that.registeredSlot
                && registeredAt == that.registeredAt
                && Objects.equals(trialId, that.trialId)
                && Objects.equals(poolId, that.poolId)
                && Objects.equals(player, that.player)
                && Objects.equals(wager, that.wager)
                && Objects.equals(qkJson, that.qkJson)
                && Objects.equals(extraDataHash, that.extraDataHash)
                && Objects.equals(status, that.status)
                && Objects.equals(resultIndex, that.resultIndex)
                && Objects.equals(randomness, that.randomness)
                && Objects.equals(resultK, that.resultK)
                && Objects.equals(payout, that.payout)
                && Objects.equals(deltaAmount, that.deltaAmount)
                && Objects.equals(won, that.won)
                && Objects.equals(registeredEventId, that.registeredEventId)
                && Objects.equals(registeredSignature, that.registeredSignature)
                && Objects.equals(resolvedEventId, that.resolvedEventId)
                && Objects.equals(resolvedSignature, that.resolvedSignature)
                && Objects.equals(resolvedSlot, that.resolvedSlot)
                && Objects.equals(resolvedAt, that.resolvedAt)
                && Objects.equals(expiredAt, that.expiredAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trialId, status, deleted);
    }

    @Override
    public String toString() {
        return deleted
                ? "BetRow{" + trialId + " deleted}"
                : "BetRow{"
                        + trialId
                        + " "
                        + status
                        + " wager="
                        + wager
                        + " payout="
                        + payout
                        + "}";
    }
}
