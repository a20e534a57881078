package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.EventMeta;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.earnings.BusinessCreated;
import io.chainplay.schemas.earnings.BusinessCreatedInSlot;
import io.chainplay.schemas.earnings.BusinessSold;
import io.chainplay.schemas.earnings.BusinessSoldFromSlot;
import io.chainplay.schemas.earnings.BusinessUpgraded;
import io.chainplay.schemas.earnings.BusinessUpgradedInSlot;
import io.chainplay.schemas.earnings.EarningsClaimed;
import io.chainplay.schemas.earnings.EarningsUpdated;
import io.chainplay.schemas.earnings.PlayerCreated;
import io.chainplay.schemas.earnings.SolanaMafiaEvents;
import io.chainplay.schemas.solana.Base58;

import org.apache.avro.specific.SpecificRecordBase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/** Players, events, envelopes and timestamps for the earnings job's tests. Times in seconds. */
final class EarningsFixtures {

    /** 2025-06-15T15:06:40Z: block times in tests count from here, in Unix seconds. */
    static final long T0 = 1_750_000_000L;

    static final long DAY = 86_400;
    static final long HOUR = 3_600;

    static final String ALICE = pubkey("alice");
    static final String BOB = pubkey("bob");
    static final String CAROL = pubkey("carol");

    static final long SOL = 1_000_000_000L;

    private EarningsFixtures() {}

    static Timeline timeline() {
        return new Timeline(SolanaMafiaEvents.PROGRAM_ID, GameRules.bundled(), DAY);
    }

    static EarningsJob.Config config() {
        return EarningsJob.Config.defaults();
    }

    static Duration retention() {
        return Duration.ofHours(1);
    }

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

    /** Solana makes a slot about every 400 ms. */
    static long slotAt(long seconds) {
        return 300_000_000L + (seconds - T0) * 5 / 2;
    }

    private static MafiaEvent event(MafiaEvent.Type type, String player, long seconds) {
        MafiaEvent e = new MafiaEvent();
        e.type = type;
        e.player = player;
        e.kind = EventKind.OBSERVED;
        e.eventTime = seconds * 1000;
        e.slot = slotAt(seconds);
        return inTx(
                e, type.name().toLowerCase() + "-" + player.substring(0, 8) + "-" + seconds, 1, 0);
    }

    /** Puts the event in a transaction (signature, instruction, ordinal). */
    static MafiaEvent inTx(MafiaEvent e, String signature, int instruction, int ordinal) {
        e.txSignature = signature;
        e.instructionIndex = instruction;
        e.eventIndex = ordinal;
        e.eventId = "solana:" + signature + ":" + instruction + ":" + ordinal;
        return e;
    }

    /** The events of one instruction of one transaction, in order. */
    static MafiaEvent[] tx(String signature, MafiaEvent... events) {
        for (int i = 0; i < events.length; i++) {
            inTx(events[i], signature, 1, i);
        }
        return events;
    }

    static MafiaEvent joined(String player, long seconds, long nextEarningsTime) {
        MafiaEvent e = event(MafiaEvent.Type.PLAYER_CREATED, player, seconds);
        e.entryFee = 12_345_679L;
        e.chainTime = seconds;
        e.nextEarningsTime = nextEarningsTime;
        return e;
    }

    /**
     * BusinessCreatedInSlot at level 0 in a free slot (no slot cost), rate BUSINESS_RATES[type].
     */
    static MafiaEvent created(String player, int slot, int type, long invested, long seconds) {
        return created(
                player,
                slot,
                type,
                invested,
                new int[] {200, 180, 160, 140, 120, 100}[type],
                seconds);
    }

    static MafiaEvent created(
            String player, int slot, int type, long invested, int rate, long seconds) {
        MafiaEvent e = event(MafiaEvent.Type.BUSINESS_CREATED_IN_SLOT, player, seconds);
        e.slotIndex = slot;
        e.businessType = type;
        e.invested = invested;
        e.totalPaid = invested;
        e.dailyRate = rate;
        e.chainTime = seconds;
        return e;
    }

    static MafiaEvent createdLegacy(
            String player, int type, long invested, int rate, long seconds) {
        MafiaEvent e = event(MafiaEvent.Type.BUSINESS_CREATED, player, seconds);
        e.businessType = type;
        e.invested = invested;
        e.dailyRate = rate;
        e.treasuryFee = invested / 5;
        e.chainTime = seconds;
        return e;
    }

    static MafiaEvent upgraded(
            String player,
            int slot,
            int oldLevel,
            int newLevel,
            long cost,
            int rate,
            long seconds) {
        MafiaEvent e = event(MafiaEvent.Type.BUSINESS_UPGRADED_IN_SLOT, player, seconds);
        e.slotIndex = slot;
        e.oldLevel = oldLevel;
        e.level = newLevel;
        e.upgradeCost = cost;
        e.dailyRate = rate;
        e.chainTime = seconds;
        return e;
    }

    static MafiaEvent sold(
            String player,
            int slot,
            int type,
            long invested,
            long daysHeld,
            int baseFee,
            int discount,
            int finalFee,
            long returned,
            long seconds) {
        MafiaEvent e = event(MafiaEvent.Type.BUSINESS_SOLD_FROM_SLOT, player, seconds);
        e.slotIndex = slot;
        e.businessType = type;
        e.totalInvested = invested;
        e.daysHeld = daysHeld;
        e.baseFeePercent = baseFee;
        e.slotDiscount = discount;
        e.feePercent = finalFee;
        e.returnAmount = returned;
        e.chainTime = seconds;
        return e;
    }

    static MafiaEvent claimed(String player, long amount, long seconds) {
        MafiaEvent e = event(MafiaEvent.Type.EARNINGS_CLAIMED, player, seconds);
        e.claimAmount = amount;
        e.chainTime = seconds;
        return e;
    }

    static MafiaEvent updated(
            String player, long added, long total, long next, int businesses, long seconds) {
        MafiaEvent e = event(MafiaEvent.Type.EARNINGS_UPDATED, player, seconds);
        e.earningsAdded = added;
        e.totalPending = total;
        e.nextEarningsTime = next;
        e.businessesCount = businesses;
        return e;
    }

    /** The solana_mafia envelope a Solana source would write for this event. */
    static ChainEvent envelope(MafiaEvent e) {
        EventMeta meta =
                EventMeta.newBuilder()
                        .setEventId(e.eventId)
                        .setTxSignature(e.txSignature)
                        .setSlot(e.slot)
                        .setInstructionIndex(e.instructionIndex)
                        .setEventIndex(e.eventIndex)
                        .setEventTime(Instant.ofEpochMilli(e.eventTime))
                        .setFinality(
                                e.kind == EventKind.FINALIZED
                                        ? Finality.FINALIZED
                                        : Finality.OBSERVED)
                        .setRetracted(e.kind == EventKind.RETRACTED)
                        .build();
        SpecificRecordBase typed =
                switch (e.type) {
                    case PLAYER_CREATED ->
                            new PlayerCreated(
                                    meta, e.player, e.entryFee, e.chainTime, e.nextEarningsTime);
                    case BUSINESS_CREATED ->
                            new BusinessCreated(
                                    meta,
                                    e.player,
                                    e.businessType,
                                    e.invested,
                                    e.dailyRate,
                                    e.treasuryFee,
                                    e.chainTime);
                    case BUSINESS_CREATED_IN_SLOT ->
                            new BusinessCreatedInSlot(
                                    meta,
                                    e.player,
                                    e.slotIndex,
                                    e.businessType,
                                    e.level,
                                    e.invested,
                                    e.slotCost,
                                    e.totalPaid,
                                    e.dailyRate,
                                    e.chainTime);
                    case BUSINESS_UPGRADED ->
                            new BusinessUpgraded(
                                    meta,
                                    e.player,
                                    e.slotIndex,
                                    e.level,
                                    e.upgradeCost,
                                    e.dailyRate);
                    case BUSINESS_UPGRADED_IN_SLOT ->
                            new BusinessUpgradedInSlot(
                                    meta,
                                    e.player,
                                    e.slotIndex,
                                    e.oldLevel,
                                    e.level,
                                    e.upgradeCost,
                                    e.dailyRate,
                                    e.chainTime);
                    case BUSINESS_SOLD ->
                            new BusinessSold(
                                    meta,
                                    e.player,
                                    e.slotIndex,
                                    e.daysHeld,
                                    e.feePercent,
                                    e.returnAmount);
                    case BUSINESS_SOLD_FROM_SLOT ->
                            new BusinessSoldFromSlot(
                                    meta,
                                    e.player,
                                    e.slotIndex,
                                    e.businessType,
                                    e.totalInvested,
                                    e.daysHeld,
                                    e.baseFeePercent,
                                    e.slotDiscount,
                                    e.feePercent,
                                    e.returnAmount,
                                    e.chainTime);
                    case EARNINGS_CLAIMED ->
                            new EarningsClaimed(meta, e.player, e.claimAmount, e.chainTime);
                    case EARNINGS_UPDATED ->
                            new EarningsUpdated(
                                    meta,
                                    e.player,
                                    e.earningsAdded,
                                    e.totalPending,
                                    e.nextEarningsTime,
                                    e.businessesCount);
                };
        return SolanaMafiaEvents.envelope(typed);
    }

    static RawRecord raw(MafiaEvent e, long offset) {
        return raw(Topics.RAW_SOLANA_SOLANA_MAFIA.serializeValue(envelope(e)), offset);
    }

    static RawRecord raw(byte[] value, long offset) {
        return new RawRecord(
                Topics.RAW_SOLANA_SOLANA_MAFIA.name(), 0, offset, T0, "key".getBytes(), value);
    }

    /** ⌊invested × rate × seconds / 864,000,000⌋, written out apart from the job's code. */
    static long earn(long invested, int rate, long seconds) {
        return java.math.BigInteger.valueOf(invested)
                .multiply(java.math.BigInteger.valueOf(rate))
                .multiply(java.math.BigInteger.valueOf(seconds))
                .divide(java.math.BigInteger.valueOf(864_000_000L))
                .longValueExact();
    }
}
