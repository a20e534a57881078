package io.chainplay.pipelines.casino;

import io.chainplay.schemas.casino.FeeCharged;
import io.chainplay.schemas.casino.PoolAccumulatedAmountReleased;
import io.chainplay.schemas.casino.PoolAccumulatedAmountUpdated;
import io.chainplay.schemas.casino.PoolRegistered;
import io.chainplay.schemas.casino.QkPair;
import io.chainplay.schemas.casino.TrialRegistered;
import io.chainplay.schemas.casino.TrialResolved;
import io.chainplay.schemas.casino.VaultConfigUpdated;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.EventMeta;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fare_vault event inside the casino job, any of the twelve of the IDL: a trial's registration (a
 * bet placed) or resolution (its outcome), a fee, a pool's registration, its jackpot growing or
 * released, or an admin change of the vault; with the identity, kind, position and time of the
 * chain event it came from.
 *
 * <p>A flat class rather than the Avro records themselves. Flink serializes it, in state and
 * between operators, with the compact {@link CasinoEventSerializer} (named by {@link
 * CasinoEventTypeInfoFactory}). With Flink's POJO serializer, heap-state checkpoint snapshots took
 * about 27% of the job's CPU, most of it reflective field access and the long ASCII ids written a
 * char at a time; the compact one writes only the fields that are set, each string's bytes at once.
 *
 * <p>The serializer's format is versioned in every value. Adding a field means a new format version
 * that writes it while still reading the older ones (where the field is absent); a test fails until
 * the serializer, {@link #copy()} and {@link #equals} all cover a new field. Enum constants are
 * written by ordinal: append, never reorder. State written by the POJO serializer restores by
 * migration.
 */
@TypeInfo(CasinoEventTypeInfoFactory.class)
public class CasinoEvent {

    /** Which fare_vault event this is. Serialized by ordinal: append new constants only. */
    public enum Type {
        TRIAL_REGISTERED,
        TRIAL_RESOLVED,
        FEE_CHARGED,
        POOL_REGISTERED,
        POOL_ACCUMULATED_AMOUNT_UPDATED,
        POOL_ACCUMULATED_AMOUNT_RELEASED,
        /** One of the six admin events; {@link #eventName} says which. */
        VAULT_CONFIG_UPDATED
    }

    public Type type;
    public String eventId;
    public EventKind kind;
    public String trialId;
    public String txSignature;
    public long slot;
    public int instructionIndex;

    /** Ordinal of the event within its instruction: with slot and instruction, its chain order. */
    public int eventIndex;

    /** Block time, epoch milliseconds. */
    public long eventTime;

    /** The IDL's name of the event. */
    public String eventName;

    // TrialRegistered
    public String player;
    public String poolId;

    /** u64 base units, read as unsigned. */
    public long wager;

    /** The QK table flattened: q0, k0, q1, k1, ... */
    public double[] qk;

    public String extraDataHash;

    // TrialResolved
    /** u64, read as unsigned. */
    public long resultIndex;

    public double randomness;

    // FeeCharged
    /** u8: FarePlay's FeeType, 0 FeePlay, 1 FeeLoss, 2 FeeMint. */
    public int feeType;

    /**
     * u64, read as unsigned: fee_amount (FeeCharged), new_accumulated_amount
     * (PoolAccumulatedAmountUpdated) or released_amount (PoolAccumulatedAmountReleased).
     */
    public long amount;

    // PoolAccumulatedAmountReleased
    public String receiver;

    // PoolRegistered, f64 as the chain gives them
    public String manager;
    public double feePlayMultiplier;
    public double feeLossMultiplier;
    public double feeMintMultiplier;
    public double feeHostPercent;
    public double feePoolPercent;
    public double minLimitForTicket;
    public double probability;

    // The admin events
    /** The VaultState field set: admin, resolver, net_fee_recipient, ev_threshold, ... */
    public String vaultField;

    public String vaultAddress;
    public Double vaultValue;

    public CasinoEvent() {}

    public static CasinoEvent of(TrialRegistered trial) {
        CasinoEvent event = withMeta(Type.TRIAL_REGISTERED, trial.getTrialId(), trial.getMeta());
        event.player = trial.getWho();
        event.poolId = trial.getPoolId();
        event.wager = trial.getMultiplier();
        event.qk = new double[trial.getQk().size() * 2];
        for (int i = 0; i < trial.getQk().size(); i++) {
            QkPair pair = trial.getQk().get(i);
            event.qk[2 * i] = pair.getQ();
            event.qk[2 * i + 1] = pair.getK();
        }
        event.extraDataHash = trial.getExtraDataHash();
        return event;
    }

    public static CasinoEvent of(TrialResolved resolution) {
        CasinoEvent event =
                withMeta(Type.TRIAL_RESOLVED, resolution.getTrialId(), resolution.getMeta());
        event.resultIndex = resolution.getResultIndex();
        event.randomness = resolution.getRandomness();
        return event;
    }

    public static CasinoEvent of(FeeCharged fee) {
        CasinoEvent event = withMeta(Type.FEE_CHARGED, fee.getTrialId(), fee.getMeta());
        event.poolId = fee.getPoolId();
        event.feeType = fee.getFeeType();
        event.amount = fee.getFeeAmount();
        return event;
    }

    public static CasinoEvent of(PoolRegistered pool) {
        CasinoEvent event = withMeta(Type.POOL_REGISTERED, null, pool.getMeta());
        event.poolId = pool.getPoolId();
        event.manager = pool.getManagerAddress();
        event.feePlayMultiplier = pool.getFeePlayMultiplier();
        event.feeLossMultiplier = pool.getFeeLossMultiplier();
        event.feeMintMultiplier = pool.getFeeMintMultiplier();
        event.feeHostPercent = pool.getFeeHostPercent();
        event.feePoolPercent = pool.getFeePoolPercent();
        event.minLimitForTicket = pool.getMinLimitForTicket();
        event.probability = pool.getProbability();
        return event;
    }

    public static CasinoEvent of(PoolAccumulatedAmountUpdated update) {
        CasinoEvent event =
                withMeta(
                        Type.POOL_ACCUMULATED_AMOUNT_UPDATED,
                        update.getTrialId(),
                        update.getMeta());
        event.poolId = update.getPoolId();
        event.amount = update.getNewAccumulatedAmount();
        return event;
    }

    public static CasinoEvent of(PoolAccumulatedAmountReleased release) {
        CasinoEvent event =
                withMeta(
                        Type.POOL_ACCUMULATED_AMOUNT_RELEASED,
                        release.getTrialId(),
                        release.getMeta());
        event.poolId = release.getPoolId();
        event.receiver = release.getReceiver();
        event.amount = release.getReleasedAmount();
        return event;
    }

    public static CasinoEvent of(VaultConfigUpdated update) {
        CasinoEvent event = withMeta(Type.VAULT_CONFIG_UPDATED, null, update.getMeta());
        event.eventName = update.getEventName();
        event.vaultField = update.getField();
        event.vaultAddress = update.getAddress();
        event.vaultValue = update.getValue();
        return event;
    }

    private static CasinoEvent withMeta(Type type, String trialId, EventMeta meta) {
        CasinoEvent event = new CasinoEvent();
        event.type = type;
        event.eventName = NAMES[type.ordinal()];
        event.trialId = trialId;
        event.eventId = meta.getEventId();
        event.kind = EventKind.of(meta);
        event.txSignature = meta.getTxSignature();
        event.slot = meta.getSlot();
        event.instructionIndex = meta.getInstructionIndex();
        event.eventIndex = meta.getEventIndex();
        event.eventTime = meta.getEventTime().toEpochMilli();
        return event;
    }

    private static final String[] NAMES = {
        "TrialRegistered",
        "TrialResolved",
        "FeeCharged",
        "PoolRegistered",
        "PoolAccumulatedAmountUpdated",
        "PoolAccumulatedAmountReleased",
        null
    };

    /** FarePlay's order index of this event: slot * 1e12 + instruction * 1e6 + event index. */
    public String orderIndex() {
        return Positions.orderIndex(slot, instructionIndex, eventIndex);
    }

    /** Chain order of two events: slot, then instruction, then ordinal within it. */
    public static int compareOrder(CasinoEvent a, CasinoEvent b) {
        return Positions.compare(
                a.slot, a.instructionIndex, a.eventIndex, b.slot, b.instructionIndex, b.eventIndex);
    }

    /** Number of outcomes in the QK table. */
    public int outcomes() {
        return qk == null ? 0 : qk.length / 2;
    }

    public double q(int outcome) {
        return qk[2 * outcome];
    }

    public double k(int outcome) {
        return qk[2 * outcome + 1];
    }

    /** A copy of this event with another kind, for tests and the generator. */
    public CasinoEvent withKind(EventKind newKind) {
        CasinoEvent copy = copy();
        copy.kind = newKind;
        return copy;
    }

    public CasinoEvent copy() {
        CasinoEvent copy = new CasinoEvent();
        copy.type = type;
        copy.eventId = eventId;
        copy.kind = kind;
        copy.trialId = trialId;
        copy.txSignature = txSignature;
        copy.slot = slot;
        copy.instructionIndex = instructionIndex;
        copy.eventIndex = eventIndex;
        copy.eventTime = eventTime;
        copy.eventName = eventName;
        copy.player = player;
        copy.poolId = poolId;
        copy.wager = wager;
        copy.qk = qk == null ? null : qk.clone();
        copy.extraDataHash = extraDataHash;
        copy.resultIndex = resultIndex;
        copy.randomness = randomness;
        copy.feeType = feeType;
        copy.amount = amount;
        copy.receiver = receiver;
        copy.manager = manager;
        copy.feePlayMultiplier = feePlayMultiplier;
        copy.feeLossMultiplier = feeLossMultiplier;
        copy.feeMintMultiplier = feeMintMultiplier;
        copy.feeHostPercent = feeHostPercent;
        copy.feePoolPercent = feePoolPercent;
        copy.minLimitForTicket = minLimitForTicket;
        copy.probability = probability;
        copy.vaultField = vaultField;
        copy.vaultAddress = vaultAddress;
        copy.vaultValue = vaultValue;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CasinoEvent)) {
            return false;
        }
        CasinoEvent that = (CasinoEvent) o;
        return slot == that.slot
                && instructionIndex == that.instructionIndex
                && eventIndex == that.eventIndex
                && eventTime == that.eventTime
                && feeType == that.feeType
                && amount == that.amount
                && Double.compare(feePlayMultiplier, that.feePlayMultiplier) == 0
                && Double.compare(feeLossMultiplier, that.feeLossMultiplier) == 0
                && Double.compare(feeMintMultiplier, that.feeMintMultiplier) == 0
                && Double.compare(feeHostPercent, that.feeHostPercent) == 0
                && Double.compare(feePoolPercent, that.feePoolPercent) == 0
                && Double.compare(minLimitForTicket, that.minLimitForTicket) == 0
                && Double.compare(probability, that.probability) == 0
                && Objects.equals(eventName, that.eventName)
                && Objects.equals(receiver, that.receiver)
                && Objects.equals(manager, that.manager)
                && Objects.equals(vaultField, that.vaultField)
                && Objects.equals(vaultAddress, that.vaultAddress)
                && Objects.equals(vaultValue, that.vaultValue)
                && wager == that.wager
                && resultIndex == that.resultIndex
                && Double.compare(randomness, that.randomness) == 0
                && type == that.type
                && kind == that.kind
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(trialId, that.trialId)
                && Objects.equals(txSignature, that.txSignature)
                && Objects.equals(player, that.player)
                && Objects.equals(poolId, that.poolId)
                && Arrays.equals(qk, that.qk)
                && Objects.equals(extraDataHash, that.extraDataHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, kind);
    }

    @Override
    public String toString() {
        return (eventName == null ? type : eventName)
                + "{"
                + (trialId != null ? trialId : poolId)
                + " "
                + kind
                + " "
                + eventId
                + " @"
                + eventTime
                + "}";
    }
}
