package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.casino.FareVaultEvents;
import io.chainplay.schemas.casino.QkPair;
import io.chainplay.schemas.casino.TrialRegistered;
import io.chainplay.schemas.casino.TrialResolved;
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
        event.trialId = trialId;
        event.txSignature = "res-" + trialId.substring(0, 12);
        event.eventId = "solana:" + event.txSignature + ":1:0";
        event.kind = EventKind.OBSERVED;
        event.slot = slotAt(time);
        event.eventTime = time;
        event.resultIndex = resultIndex;
        event.randomness = 0.5;
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
                        .setInstructionIndex(0)
                        .setEventIndex(0)
                        .setEventTime(Instant.ofEpochMilli(event.eventTime))
                        .setFinality(
                                event.kind == EventKind.FINALIZED
                                        ? Finality.FINALIZED
                                        : Finality.OBSERVED)
                        .setRetracted(event.kind == EventKind.RETRACTED)
                        .build();
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
