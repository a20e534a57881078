package io.chainplay.pipelines.casino;

import io.chainplay.schemas.casino.QkPair;
import io.chainplay.schemas.casino.TrialRegistered;
import io.chainplay.schemas.casino.TrialResolved;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.EventMeta;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fare_vault trial event inside the casino job: a registration (a bet placed) or a resolution
 * (its outcome), with the identity, kind, position and time of the chain event it came from.
 *
 * <p>A flat Flink POJO rather than the Avro records themselves, so that state and network use
 * Flink's POJO serializer (no Kryo, schema evolution by field name).
 */
public class CasinoEvent {

    /** Which fare_vault event this is. */
    public enum Type {
        TRIAL_REGISTERED,
        TRIAL_RESOLVED
    }

    public Type type;
    public String eventId;
    public EventKind kind;
    public String trialId;
    public String txSignature;
    public long slot;

    /** Block time, epoch milliseconds. */
    public long eventTime;

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

    private static CasinoEvent withMeta(Type type, String trialId, EventMeta meta) {
        CasinoEvent event = new CasinoEvent();
        event.type = type;
        event.trialId = trialId;
        event.eventId = meta.getEventId();
        event.kind = EventKind.of(meta);
        event.txSignature = meta.getTxSignature();
        event.slot = meta.getSlot();
        event.eventTime = meta.getEventTime().toEpochMilli();
        return event;
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
        copy.eventTime = eventTime;
        copy.player = player;
        copy.poolId = poolId;
        copy.wager = wager;
        copy.qk = qk == null ? null : qk.clone();
        copy.extraDataHash = extraDataHash;
        copy.resultIndex = resultIndex;
        copy.randomness = randomness;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CasinoEvent)) {
            return false;
        }
        CasinoEvent that = (CasinoEvent) o;
        return slot == that.slot
                && eventTime == that.eventTime
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
        return type + "{" + trialId + " " + kind + " " + eventId + " @" + eventTime + "}";
    }
}
