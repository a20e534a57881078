package io.chainplay.pipelines.earnings;

import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.EventMeta;
import io.chainplay.schemas.earnings.BusinessCreated;
import io.chainplay.schemas.earnings.BusinessCreatedInSlot;
import io.chainplay.schemas.earnings.BusinessSold;
import io.chainplay.schemas.earnings.BusinessSoldFromSlot;
import io.chainplay.schemas.earnings.BusinessUpgraded;
import io.chainplay.schemas.earnings.BusinessUpgradedInSlot;
import io.chainplay.schemas.earnings.EarningsClaimed;
import io.chainplay.schemas.earnings.EarningsUpdated;
import io.chainplay.schemas.earnings.PlayerCreated;

import org.apache.avro.specific.SpecificRecordBase;

import java.util.Comparator;
import java.util.Objects;

/**
 * A solana_mafia event inside the earnings job: one of the nine IDL events, flattened, with the
 * identity, kind, position and block time of the chain event it came from.
 *
 * <p>A flat Flink POJO rather than the Avro records, so the network uses Flink's POJO serializer
 * (no Kryo) and the player state its compact {@link PlayerStateSerializer}. Fields an event does
 * not carry stay at their defaults; amounts are lamports in longs read as unsigned.
 */
public class MafiaEvent {

    /** Which of the nine events this is. */
    public enum Type {
        PLAYER_CREATED,
        BUSINESS_CREATED,
        BUSINESS_CREATED_IN_SLOT,
        BUSINESS_UPGRADED,
        BUSINESS_UPGRADED_IN_SLOT,
        BUSINESS_SOLD,
        BUSINESS_SOLD_FROM_SLOT,
        EARNINGS_CLAIMED,
        EARNINGS_UPDATED;

        boolean legacy() {
            return this == BUSINESS_CREATED || this == BUSINESS_UPGRADED || this == BUSINESS_SOLD;
        }
    }

    /**
     * Chain order: block time, slot, then transaction (the envelope does not carry a transaction's
     * position in its block, so the signature stands in; see {@link Timeline} for how a player's
     * transactions within one slot are ordered), instruction and event.
     */
    static final Comparator<MafiaEvent> CHAIN_ORDER =
            Comparator.<MafiaEvent>comparingLong(e -> e.eventTime)
                    .thenComparingLong(e -> e.slot)
                    .thenComparing(e -> e.txSignature)
                    .thenComparingInt(e -> e.instructionIndex)
                    .thenComparingInt(e -> e.eventIndex);

    public Type type;
    public String eventId;
    public EventKind kind;
    public String txSignature;
    public long slot;
    public int instructionIndex;
    public int eventIndex;

    /** Block time, epoch milliseconds. */
    public long eventTime;

    /** The player's wallet ({@code wallet} of PlayerCreated, {@code player} of the others). */
    public String player;

    /** The slot (business_index of the legacy events); -1 when the event names none. */
    public int slotIndex = -1;

    /** BusinessType index; -1 when the event does not carry it. */
    public int businessType = -1;

    /** BusinessCreatedInSlot.level, Upgraded*.new_level. */
    public int level;

    /** BusinessUpgradedInSlot.old_level; -1 when not carried. */
    public int oldLevel = -1;

    /** daily_rate or new_daily_rate, basis points per day. */
    public int dailyRate;

    /** PlayerCreated.entry_fee. */
    public long entryFee;

    /** BusinessCreated.invested_amount, BusinessCreatedInSlot.base_cost. */
    public long invested;

    /** BusinessCreated.treasury_fee. */
    public long treasuryFee;

    /** BusinessCreatedInSlot.slot_cost. */
    public long slotCost;

    /** BusinessCreatedInSlot.total_paid. */
    public long totalPaid;

    /** Upgraded*.upgrade_cost. */
    public long upgradeCost;

    /** Sold*.days_held. */
    public long daysHeld;

    /** BusinessSoldFromSlot.base_fee_percent; -1 when not carried. */
    public int baseFeePercent = -1;

    /** BusinessSoldFromSlot.slot_discount; -1 when not carried. */
    public int slotDiscount = -1;

    /** BusinessSoldFromSlot.final_fee_percent, BusinessSold.sell_fee_percent. */
    public int feePercent;

    /** Sold*.return_amount. */
    public long returnAmount;

    /** BusinessSoldFromSlot.total_invested; -1 when not carried. */
    public long totalInvested = -1;

    /** EarningsClaimed.amount. */
    public long claimAmount;

    /** EarningsUpdated.earnings_added. */
    public long earningsAdded;

    /** EarningsUpdated.total_pending. */
    public long totalPending;

    /** EarningsUpdated.businesses_count. */
    public int businessesCount;

    /** PlayerCreated / EarningsUpdated next_earnings_time, Unix seconds. */
    public long nextEarningsTime;

    /**
     * The program's own timestamp of the event (created_at, upgraded_at, sold_at, claimed_at), Unix
     * seconds; 0 when the event carries none.
     */
    public long chainTime;

    public MafiaEvent() {}

    /** Flattens a typed record of {@link io.chainplay.schemas.earnings.SolanaMafiaEvents}. */
    public static MafiaEvent of(SpecificRecordBase typed) {
        MafiaEvent e = new MafiaEvent();
        if (typed instanceof PlayerCreated r) {
            e.meta(Type.PLAYER_CREATED, r.getMeta(), r.getWallet());
            e.entryFee = r.getEntryFee();
            e.chainTime = r.getCreatedAt();
            e.nextEarningsTime = r.getNextEarningsTime();
        } else if (typed instanceof BusinessCreated r) {
            e.meta(Type.BUSINESS_CREATED, r.getMeta(), r.getPlayer());
            e.businessType = r.getBusinessType();
            e.invested = r.getInvestedAmount();
            e.dailyRate = r.getDailyRate();
            e.treasuryFee = r.getTreasuryFee();
            e.chainTime = r.getCreatedAt();
        } else if (typed instanceof BusinessCreatedInSlot r) {
            e.meta(Type.BUSINESS_CREATED_IN_SLOT, r.getMeta(), r.getPlayer());
            e.slotIndex = r.getSlotIndex();
            e.businessType = r.getBusinessType();
            e.level = r.getLevel();
            e.invested = r.getBaseCost();
            e.slotCost = r.getSlotCost();
            e.totalPaid = r.getTotalPaid();
            e.dailyRate = r.getDailyRate();
            e.chainTime = r.getCreatedAt();
        } else if (typed instanceof BusinessUpgraded r) {
            e.meta(Type.BUSINESS_UPGRADED, r.getMeta(), r.getPlayer());
            e.slotIndex = r.getBusinessIndex();
            e.level = r.getNewLevel();
            e.upgradeCost = r.getUpgradeCost();
            e.dailyRate = r.getNewDailyRate();
        } else if (typed instanceof BusinessUpgradedInSlot r) {
            e.meta(Type.BUSINESS_UPGRADED_IN_SLOT, r.getMeta(), r.getPlayer());
            e.slotIndex = r.getSlotIndex();
            e.oldLevel = r.getOldLevel();
            e.level = r.getNewLevel();
            e.upgradeCost = r.getUpgradeCost();
            e.dailyRate = r.getNewDailyRate();
            e.chainTime = r.getUpgradedAt();
        } else if (typed instanceof BusinessSold r) {
            e.meta(Type.BUSINESS_SOLD, r.getMeta(), r.getPlayer());
            e.slotIndex = r.getBusinessIndex();
            e.daysHeld = r.getDaysHeld();
            e.feePercent = r.getSellFeePercent();
            e.returnAmount = r.getReturnAmount();
        } else if (typed instanceof BusinessSoldFromSlot r) {
            e.meta(Type.BUSINESS_SOLD_FROM_SLOT, r.getMeta(), r.getPlayer());
            e.slotIndex = r.getSlotIndex();
            e.businessType = r.getBusinessType();
            e.totalInvested = r.getTotalInvested();
            e.daysHeld = r.getDaysHeld();
            e.baseFeePercent = r.getBaseFeePercent();
            e.slotDiscount = r.getSlotDiscount();
            e.feePercent = r.getFinalFeePercent();
            e.returnAmount = r.getReturnAmount();
            e.chainTime = r.getSoldAt();
        } else if (typed instanceof EarningsClaimed r) {
            e.meta(Type.EARNINGS_CLAIMED, r.getMeta(), r.getPlayer());
            e.claimAmount = r.getAmount();
            e.chainTime = r.getClaimedAt();
        } else if (typed instanceof EarningsUpdated r) {
            e.meta(Type.EARNINGS_UPDATED, r.getMeta(), r.getPlayer());
            e.earningsAdded = r.getEarningsAdded();
            e.totalPending = r.getTotalPending();
            e.nextEarningsTime = r.getNextEarningsTime();
            e.businessesCount = r.getBusinessesCount();
        } else {
            throw new IllegalArgumentException("Not a solana_mafia record: " + typed);
        }
        return e;
    }

    private void meta(Type type, EventMeta meta, String player) {
        this.type = type;
        this.player = player;
        this.eventId = meta.getEventId();
        this.kind = EventKind.of(meta);
        this.txSignature = meta.getTxSignature();
        this.slot = meta.getSlot();
        this.instructionIndex = meta.getInstructionIndex();
        this.eventIndex = meta.getEventIndex();
        this.eventTime = meta.getEventTime().toEpochMilli();
    }

    /** Block time in Unix seconds: the clock the program's rules run on. */
    long seconds() {
        return Math.floorDiv(eventTime, 1000L);
    }

    /**
     * This copy of the event: its id and slot. A transaction re-included on another fork keeps its
     * event ids in another slot; each copy is observed, finalized or retracted on its own.
     */
    String copyId() {
        return eventId + "@" + slot;
    }

    public MafiaEvent withKind(EventKind newKind) {
        MafiaEvent copy = copy();
        copy.kind = newKind;
        return copy;
    }

    public MafiaEvent copy() {
        MafiaEvent c = new MafiaEvent();
        c.type = type;
        c.eventId = eventId;
        c.kind = kind;
        c.txSignature = txSignature;
        c.slot = slot;
        c.instructionIndex = instructionIndex;
        c.eventIndex = eventIndex;
        c.eventTime = eventTime;
        c.player = player;
        c.slotIndex = slotIndex;
        c.businessType = businessType;
        c.level = level;
        c.oldLevel = oldLevel;
        c.dailyRate = dailyRate;
        c.entryFee = entryFee;
        c.invested = invested;
        c.treasuryFee = treasuryFee;
        c.slotCost = slotCost;
        c.totalPaid = totalPaid;
        c.upgradeCost = upgradeCost;
        c.daysHeld = daysHeld;
        c.baseFeePercent = baseFeePercent;
        c.slotDiscount = slotDiscount;
        c.feePercent = feePercent;
        c.returnAmount = returnAmount;
        c.totalInvested = totalInvested;
        c.claimAmount = claimAmount;
        c.earningsAdded = earningsAdded;
        c.totalPending = totalPending;
        c.businessesCount = businessesCount;
        c.nextEarningsTime = nextEarningsTime;
        c.chainTime = chainTime;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MafiaEvent)) {
            return false;
        }
        MafiaEvent t = (MafiaEvent) o;
        return type == t.type
                && Objects.equals(eventId, t.eventId)
                && kind == t.kind
                && Objects.equals(txSignature, t.txSignature)
                && slot == t.slot
                && instructionIndex == t.instructionIndex
                && eventIndex == t.eventIndex
                && eventTime == t.eventTime
                && Objects.equals(player, t.player)
                && slotIndex == t.slotIndex
                && businessType == t.businessType
                && level == t.level
                && oldLevel == t.oldLevel
                && dailyRate == t.dailyRate
                && entryFee == t.entryFee
                && invested == t.invested
                && treasuryFee == t.treasuryFee
                && slotCost == t.slotCost
                && totalPaid == t.totalPaid
                && upgradeCost == t.upgradeCost
                && daysHeld == t.daysHeld
                && baseFeePercent == t.baseFeePercent
                && slotDiscount == t.slotDiscount
                && feePercent == t.feePercent
                && returnAmount == t.returnAmount
                && totalInvested == t.totalInvested
                && claimAmount == t.claimAmount
                && earningsAdded == t.earningsAdded
                && totalPending == t.totalPending
                && businessesCount == t.businessesCount
                && nextEarningsTime == t.nextEarningsTime
                && chainTime == t.chainTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, kind, slot);
    }

    @Override
    public String toString() {
        return type + "{" + player + " " + kind + " " + eventId + " @" + slot + "/" + eventTime
                + "}";
    }
}
