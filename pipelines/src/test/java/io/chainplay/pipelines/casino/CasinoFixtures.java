package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.casino.FareVaultEvents;
import io.chainplay.schemas.casino.FareVaultRecords;
import io.chainplay.schemas.casino.FeeCharged;
import io.chainplay.schemas.casino.PoolAccumulatedAmountReleased;
import io.chainplay.schemas.casino.PoolAccumulatedAmountUpdated;
import io.chainplay.schemas.casino.PoolRegistered;
import io.chainplay.schemas.casino.QkPair;
import io.chainplay.schemas.casino.TrialRegistered;
import io.chainplay.schemas.casino.TrialResolved;
import io.chainplay.schemas.casino.VaultConfigUpdated;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.EventMeta;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.solana.Base58;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events, envelopes and timestamps for the casino job's tests. */
final class CasinoFixtures {

    /** 2025-06-15T15:06:40Z: block times in tests count from here. */
    static final long T0 = 1_750_000_000_000L;

    /** A coin flip that pays 1.98x: [[0.5, 0], [0.5, 1.98]]. */
    static final double[] COIN_FLIP = {0.5, 0.0, 0.5, 1.98};

    /** A die with a push: lose, push, 2x, 3x. */
    static final double[] DIE = {0.5, 0.0, 0.25, 1.0, 0.125, 2.0, 0.125, 3.0};

    static final String ALICE = pubkey("alice");
    static final String BOB = pubkey("bob");
    static final String POOL_A = pubkey("pool-a");
    static final String POOL_B = pubkey("pool-b");

    private CasinoFixtures() {}

    /** A deterministic base58 public key for a name. */
    static String pubkey(String name) {
        try {
            return Base58.encode(
                    MessageDigest.getInstance("SHA-256")
                            .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String trial(int n) {
        return pubkey("trial-" + n);
    }

    static CasinoEvent registered(
            String trialId, String player, String pool, long wager, double[] qk, long time) {
        CasinoEvent event = new CasinoEvent();
        event.type = CasinoEvent.Type.TRIAL_REGISTERED;
        event.eventName = "TrialRegistered";
        event.trialId = trialId;
        event.txSignature = "reg-" + trialId.substring(0, 12);
        event.eventId = "solana:" + event.txSignature + ":0:0";
        event.kind = EventKind.OBSERVED;
        event.slot = slotAt(time);
        event.eventTime = time;
        event.player = player;
        event.poolId = pool;
        event.wager = wager;
        event.qk = qk.clone();
        event.extraDataHash = "0xabc123";
        return event;
    }

    static CasinoEvent resolved(String trialId, long resultIndex, long time) {
        CasinoEvent event = new CasinoEvent();
        event.type = CasinoEvent.Type.TRIAL_RESOLVED;
        event.eventName = "TrialResolved";
        event.trialId = trialId;
        event.txSignature = "res-" + trialId.substring(0, 12);
        event.instructionIndex = 1;
        event.eventId = "solana:" + event.txSignature + ":1:0";
        event.kind = EventKind.OBSERVED;
        event.slot = slotAt(time);
        event.eventTime = time;
        event.resultIndex = resultIndex;
        event.randomness = 0.5;
        return event;
    }

    /** A FeeCharged of a trial, in the trial's registration transaction (event ordinal n). */
    static CasinoEvent fee(
            String trialId, String pool, int feeType, long amount, long time, int n) {
        CasinoEvent event =
                base(
                        CasinoEvent.Type.FEE_CHARGED,
                        "FeeCharged",
                        "reg-" + trialId.substring(0, 12),
                        0,
                        n,
                        time);
        event.trialId = trialId;
        event.poolId = pool;
        event.feeType = feeType;
        event.amount = amount;
        return event;
    }

    static CasinoEvent poolRegistered(
            String pool, double hostPercent, double poolPercent, long time) {
        CasinoEvent event =
                base(
                        CasinoEvent.Type.POOL_REGISTERED,
                        "PoolRegistered",
                        "pool-" + pool.substring(0, 12),
                        1,
                        0,
                        time);
        event.poolId = pool;
        event.manager = pubkey("manager-" + pool);
        event.feePlayMultiplier = 0.01;
        event.feeLossMultiplier = 0.02;
        event.feeMintMultiplier = 0.5;
        event.feeHostPercent = hostPercent;
        event.feePoolPercent = poolPercent;
        event.minLimitForTicket = 100;
        event.probability = 0.01;
        return event;
    }

    /** An admin event setting one f64 field of the vault (FeeNetworkPercentUpdated, ...). */
    static CasinoEvent vaultValue(String eventName, double value, long time, String tx) {
        CasinoEvent event = base(CasinoEvent.Type.VAULT_CONFIG_UPDATED, eventName, tx, 0, 0, time);
        event.vaultField = FareVaultRecords.VAULT_EVENTS.get(eventName).get(0);
        event.vaultValue = value;
        return event;
    }

    static CasinoEvent vaultAddress(String eventName, String address, long time, String tx) {
        CasinoEvent event = base(CasinoEvent.Type.VAULT_CONFIG_UPDATED, eventName, tx, 0, 0, time);
        event.vaultField = FareVaultRecords.VAULT_EVENTS.get(eventName).get(0);
        event.vaultAddress = address;
        return event;
    }

    static CasinoEvent accumulated(String trialId, String pool, long amount, long time) {
        CasinoEvent event =
                base(
                        CasinoEvent.Type.POOL_ACCUMULATED_AMOUNT_UPDATED,
                        "PoolAccumulatedAmountUpdated",
                        "reg-" + trialId.substring(0, 12),
                        0,
                        9,
                        time);
        event.trialId = trialId;
        event.poolId = pool;
        event.amount = amount;
        return event;
    }

    static CasinoEvent released(
            String trialId, String pool, String receiver, long amount, long time) {
        CasinoEvent event =
                base(
                        CasinoEvent.Type.POOL_ACCUMULATED_AMOUNT_RELEASED,
                        "PoolAccumulatedAmountReleased",
                        "res-" + trialId.substring(0, 12),
                        1,
                        1,
                        time);
        event.trialId = trialId;
        event.poolId = pool;
        event.receiver = receiver;
        event.amount = amount;
        return event;
    }

    private static CasinoEvent base(
            CasinoEvent.Type type, String name, String tx, int ix, int ev, long time) {
        CasinoEvent event = new CasinoEvent();
        event.type = type;
        event.eventName = name;
        event.txSignature = tx;
        event.instructionIndex = ix;
        event.eventIndex = ev;
        event.eventId = "solana:" + tx + ":" + ix + ":" + ev;
        event.kind = EventKind.OBSERVED;
        event.slot = slotAt(time);
        event.eventTime = time;
        return event;
    }

    /** Solana makes a slot about every 400 ms. */
    static long slotAt(long time) {
        return 300_000_000L + (time - T0) / 400;
    }

    /** The fare_vault envelope a Solana source would write for this event. */
    static ChainEvent envelope(CasinoEvent event) {
        EventMeta meta =
                EventMeta.newBuilder()
                        .setEventId(event.eventId)
                        .setTxSignature(event.txSignature)
                        .setSlot(event.slot)
                        .setInstructionIndex(event.instructionIndex)
                        .setEventIndex(event.eventIndex)
                        .setEventTime(Instant.ofEpochMilli(event.eventTime))
                        .setFinality(
                                event.kind == EventKind.FINALIZED
                                        ? Finality.FINALIZED
                                        : Finality.OBSERVED)
                        .setRetracted(event.kind == EventKind.RETRACTED)
                        .build();
        switch (event.type) {
            case FEE_CHARGED:
                return FareVaultRecords.envelope(
                        new FeeCharged(
                                meta, event.feeType, event.poolId, event.trialId, event.amount));
            case POOL_REGISTERED:
                return FareVaultRecords.envelope(
                        new PoolRegistered(
                                meta,
                                event.poolId,
                                event.manager,
                                event.feePlayMultiplier,
                                event.feeLossMultiplier,
                                event.feeMintMultiplier,
                                event.feeHostPercent,
                                event.feePoolPercent,
                                event.minLimitForTicket,
                                event.probability));
            case POOL_ACCUMULATED_AMOUNT_UPDATED:
                return FareVaultRecords.envelope(
                        new PoolAccumulatedAmountUpdated(
                                meta, event.poolId, event.trialId, event.amount));
            case POOL_ACCUMULATED_AMOUNT_RELEASED:
                return FareVaultRecords.envelope(
                        new PoolAccumulatedAmountReleased(
                                meta, event.poolId, event.trialId, event.receiver, event.amount));
            case VAULT_CONFIG_UPDATED:
                return FareVaultRecords.envelope(
                        new VaultConfigUpdated(
                                meta,
                                event.eventName,
                                event.vaultField,
                                event.vaultAddress,
                                event.vaultValue));
            default:
                break;
        }
        if (event.type == CasinoEvent.Type.TRIAL_RESOLVED) {
            return FareVaultEvents.envelope(
                    new TrialResolved(meta, event.trialId, event.resultIndex, event.randomness));
        }
        List<QkPair> qk = new ArrayList<>();
        for (int i = 0; i < event.outcomes(); i++) {
            qk.add(new QkPair(event.q(i), event.k(i)));
        }
        return FareVaultEvents.envelope(
                new TrialRegistered(
                        meta,
                        event.trialId,
                        event.player,
                        event.poolId,
                        event.wager,
                        qk,
                        event.extraDataHash));
    }

    static RawRecord raw(CasinoEvent event, long offset) {
        return raw(Topics.RAW_SOLANA_FARE_VAULT.serializeValue(envelope(event)), offset);
    }

    static RawRecord raw(byte[] value, long offset) {
        return new RawRecord(
                Topics.RAW_SOLANA_FARE_VAULT.name(), 0, offset, T0, "key".getBytes(), value);
    }
}
