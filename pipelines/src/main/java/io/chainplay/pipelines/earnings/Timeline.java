package io.chainplay.pipelines.earnings;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one player's timeline: applies the player's events in chain order and fires its dues
 * between them, on a {@link Ledger}, reporting to {@link Effects}. Pure and deterministic: the
 * operator runs it forward as event time passes, and again over the reorg window when a retraction
 * or a late event changes the past, so both give the same rows.
 *
 * <p><b>Accrual</b> (the program's, as the job reads it): each business earns ⌊invested ×
 * daily_rate × seconds / (10000 × 86400)⌋ since the later of its creation and the program's last
 * credit of the player, at the daily_rate its own events carry. The program credits (settles) on
 * every EarningsUpdated, and first thing in an upgrade, a sale or a claim; so rates are constant
 * between credits, a sold business stops at its sale, and a claim resets pending to zero.
 *
 * <p><b>Dues</b>: a player is due at its {@code next_earnings_time} (PlayerCreated, moved by
 * EarningsUpdated when it leaves the grid) and then every {@code interval}; a player whose
 * PlayerCreated the job never saw, or whose next_earnings_time is 0, gets an offset in the interval
 * derived from its wallet. A due sees every event up to and including its time, and computes the
 * pending amount the program would report if updated then, without crediting: the job's figures
 * stay exactly comparable with the program's own updates, whenever those land. A player without a
 * business is not due (like the program's crank) and costs no work.
 *
 * <p><b>Order within a slot.</b> The envelope does not say where a transaction sits in its block,
 * so when one slot holds several transactions of one player (up to five), the order that the
 * program's own figures explain best (fewest reconciliation findings, then signature order) is the
 * one applied; its events share one block time, so accrual does not depend on it.
 */
final class Timeline implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Transactions of one player in one slot up to which every order is tried. */
    static final int MAX_PERMUTED_TRANSACTIONS = 5;

    final String program;
    final GameRules rules;

    /** Seconds between dues. */
    final long interval;

    Timeline(String program, GameRules rules, long interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("The earnings interval must be at least 1 s");
        }
        this.program = program;
        this.rules = rules;
        this.interval = interval;
    }

    /**
     * Applies the events (live, in {@link MafiaEvent#CHAIN_ORDER}) and fires every due up to {@code
     * horizonMs} and at most {@code endMs}: a due at T goes after the events at or before T.
     */
    void advance(Ledger l, List<MafiaEvent> ready, long horizonMs, long endMs, Effects fx) {
        int i = 0;
        while (i < ready.size()) {
            MafiaEvent first = ready.get(i);
            int j = i + 1;
            while (j < ready.size()
                    && ready.get(j).slot == first.slot
                    && ready.get(j).eventTime == first.eventTime) {
                j++;
            }
            runDues(l, first.eventTime - 1, endMs, fx);
            applySlot(l, ready.subList(i, j), fx);
            i = j;
        }
        runDues(l, horizonMs, endMs, fx);
    }

    /**
     * Fires the dues at or before {@code limitMs} (and {@code endMs}) of a player with businesses.
     */
    void runDues(Ledger l, long limitMs, long endMs, Effects fx) {
        long limit = Math.min(limitMs, endMs);
        while (l.nextDue > 0 && l.nextDue * 1000 <= limit && l.active() > 0) {
            due(l, l.nextDue, fx);
            l.nextDue += interval;
        }
    }

    /** One due: the pending amount at T by the job's accrual, recorded without crediting. */
    void due(Ledger l, long t, Effects fx) {
        long balance = l.pending + l.accrued(t);
        HistoryRow row = new HistoryRow();
        row.player = l.player;
        row.entryId = HistoryRow.dueEntry(t);
        row.eventType = HistoryRow.UPDATE;
        row.at = t * 1000;
        row.amount = balance - l.rowBalance;
        row.previousBalance = l.rowBalance;
        row.newBalance = balance;
        row.businessCount = l.active();
        row.dailyEarnings = l.dailyEarnings();
        fx.history(row);

        DueRecord due = new DueRecord();
        due.program = program;
        due.player = l.player;
        due.dueAt = t * 1000;
        due.earningsAdded = row.amount;
        due.totalPending = balance;
        due.businessCount = row.businessCount;
        due.dailyEarnings = row.dailyEarnings;
        due.lastProgramUpdate = l.lastUpdate * 1000;
        due.nextDueAt = (t + interval) * 1000;
        fx.due(due);

        l.addDueUndo(t);
        l.rowBalance = balance;
        l.balance = balance;
        l.balanceAt = t;
        l.lastDue = t;
        l.rowsAt = t;
    }

    /** The events of one slot: one transaction in order, or the best order of several. */
    void applySlot(Ledger l, List<MafiaEvent> events, Effects fx) {
        List<List<MafiaEvent>> txs = new ArrayList<>();
        for (MafiaEvent e : events) {
            if (txs.isEmpty()
                    || !txs.get(txs.size() - 1).get(0).txSignature.equals(e.txSignature)) {
                txs.add(new ArrayList<>());
            }
            txs.get(txs.size() - 1).add(e);
        }
        if (txs.size() > 1) {
            // Joining comes first whatever the signatures say.
            List<List<MafiaEvent>> joining = new ArrayList<>();
            List<List<MafiaEvent>> rest = new ArrayList<>();
            for (List<MafiaEvent> tx : txs) {
                (tx.stream().anyMatch(e -> e.type == MafiaEvent.Type.PLAYER_CREATED)
                                ? joining
                                : rest)
                        .add(tx);
            }
            if (rest.size() > 1 && rest.size() <= MAX_PERMUTED_TRANSACTIONS) {
                rest = bestOrder(l, joining, rest);
            }
            txs = new ArrayList<>(joining);
            txs.addAll(rest);
        }
        for (List<MafiaEvent> tx : txs) {
            for (MafiaEvent e : tx) {
                apply(l, e, fx);
            }
        }
    }

    /**
     * The order of {@code rest} (after {@code first}) with the fewest findings; ties: signature
     * order.
     */
    private List<List<MafiaEvent>> bestOrder(
            Ledger l, List<List<MafiaEvent>> first, List<List<MafiaEvent>> rest) {
        int n = rest.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] best = order.clone();
        int bestScore = Integer.MAX_VALUE;
        do {
            Ledger trial = l.copy();
            Effects.Score score = new Effects.Score();
            for (List<MafiaEvent> tx : first) {
                tx.forEach(e -> apply(trial, e, score));
            }
            for (int index : order) {
                for (MafiaEvent e : rest.get(index)) {
                    apply(trial, e, score);
                }
            }
            if (score.findings < bestScore) {
                bestScore = score.findings;
                best = order.clone();
            }
        } while (bestScore > 0 && nextPermutation(order));
        List<List<MafiaEvent>> result = new ArrayList<>(n);
        for (int index : best) {
            result.add(rest.get(index));
        }
        return result;
    }

    /** Lexicographic next permutation; false after the last. */
    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int x = i + 1, y = a.length - 1; x < y; x++, y--) {
            t = a[x];
            a[x] = a[y];
            a[y] = t;
        }
        return true;
    }

    /** Applies one event; false when it was refused (and left the ledger as it was). */
    boolean apply(Ledger l, MafiaEvent e, Effects fx) {
        boolean applied =
                switch (e.type) {
                    case PLAYER_CREATED -> playerCreated(l, e, fx);
                    case BUSINESS_CREATED, BUSINESS_CREATED_IN_SLOT -> businessCreated(l, e, fx);
                    case BUSINESS_UPGRADED, BUSINESS_UPGRADED_IN_SLOT -> businessUpgraded(l, e, fx);
                    case BUSINESS_SOLD, BUSINESS_SOLD_FROM_SLOT -> businessSold(l, e, fx);
                    case EARNINGS_CLAIMED -> earningsClaimed(l, e, fx);
                    case EARNINGS_UPDATED -> earningsUpdated(l, e, fx);
                };
        if (applied) {
            l.rowsAt = Math.max(l.rowsAt, e.seconds());
            l.lastEventAt = Math.max(l.lastEventAt, e.eventTime);
        }
        return applied;
    }

    private boolean playerCreated(Ledger l, MafiaEvent e, Effects fx) {
        if (l.joined) {
            fx.refused(e, "second PlayerCreated: the player joined at " + l.joinedAt);
            return false;
        }
        long t = e.seconds();
        if (!l.known) {
            l.known = true;
            l.lastUpdate = t; // joining starts the program's accrual clock
            l.balanceAt = t;
        }
        l.joined = true;
        l.joinedAt = e.chainTime > 0 ? e.chainTime : t;
        l.entryFee = e.entryFee;
        l.nextDue = e.nextEarningsTime > 0 ? onGrid(e.nextEarningsTime, t) : offsetDue(l.player, t);
        return true;
    }

    /** A player first seen by another event joined before the input: tracked from here on. */
    private void ensureKnown(Ledger l, long t) {
        if (!l.known) {
            l.known = true;
            l.lastUpdate = t;
            l.balanceAt = t;
            l.nextDue = offsetDue(l.player, t);
        }
    }

    private boolean businessCreated(Ledger l, MafiaEvent e, Effects fx) {
        long t = e.seconds();
        int slot = e.slotIndex;
        if (e.type == MafiaEvent.Type.BUSINESS_CREATED) {
            // Older clients open their business in the first free slot; the event does not say.
            slot = -1;
            for (int i = 0; i < Ledger.MAX_SLOTS && slot < 0; i++) {
                if (l.slots[i] == null) {
                    slot = i;
                }
            }
            if (slot < 0) {
                fx.refused(e, "BusinessCreated but all " + Ledger.MAX_SLOTS + " slots are taken");
                return false;
            }
        } else if (slot < 0 || slot >= Ledger.MAX_SLOTS) {
            fx.refused(e, "slot_index " + slot + " outside the " + Ledger.MAX_SLOTS + " slots");
            return false;
        } else if (l.slots[slot] != null) {
            fx.refused(e, "slot " + slot + " already holds business #" + l.slots[slot].no);
            return false;
        }
        if (e.businessType < 0 || e.businessType >= rules.businessTypes()) {
            fx.refused(e, "unknown business_type " + e.businessType);
            return false;
        }
        ensureKnown(l, t);
        boolean firstActive = l.active() == 0;
        Business b = new Business();
        b.no = ++l.businessSeq;
        b.slot = slot;
        b.type = e.businessType;
        b.level = e.level;
        b.baseCost = e.invested;
        b.slotCost = e.slotCost;
        b.invested = e.invested;
        b.rate = e.dailyRate;
        b.createdAt = e.chainTime > 0 ? e.chainTime : t;
        b.legacy = e.type == MafiaEvent.Type.BUSINESS_CREATED;
        l.slots[slot] = b;
        l.totalInvested += e.invested;
        l.totalSlotSpent += e.slotCost;
        if (firstActive) {
            // The schedule waits while a player owns nothing; it resumes on its grid.
            l.nextDue = onGrid(l.nextDue > 0 ? l.nextDue : offsetDue(l.player, t), t);
        }

        int expectedRate = rules.expectedRate(b.type, b.level, b.rate);
        if (expectedRate != b.rate) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.DAILY_RATE,
                            expectedRate,
                            b.rate,
                            GameRules.typeName(b.type)
                                    + " level "
                                    + b.level
                                    + ": BUSINESS_RATES + UPGRADE_YIELD_BONUSES + a slot bonus"
                                    + " give "
                                    + expectedRate));
        }
        if (Long.compareUnsigned(e.invested, rules.minDeposit(b.type)) < 0) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.MIN_DEPOSIT,
                            rules.minDeposit(b.type),
                            e.invested,
                            "deposit below MIN_DEPOSITS of " + GameRules.typeName(b.type)));
        }
        if (e.type == MafiaEvent.Type.BUSINESS_CREATED_IN_SLOT
                && e.totalPaid != e.invested + e.slotCost) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.TOTAL_PAID,
                            e.invested + e.slotCost,
                            e.totalPaid,
                            "total_paid is not base_cost + slot_cost"));
        }
        return true;
    }

    private boolean businessUpgraded(Ledger l, MafiaEvent e, Effects fx) {
        Business b = business(l, e, "upgrade", fx);
        if (b == null) {
            return false;
        }
        long t = e.seconds();
        l.settle(t); // the program credits before the rate changes
        boolean oldLevelWrong = e.oldLevel >= 0 && e.oldLevel != b.level;
        if (oldLevelWrong || e.level != b.level + 1 || e.level > rules.maxUpgradeLevel) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.UPGRADE_LEVEL,
                            b.level + 1,
                            e.level,
                            "business #"
                                    + b.no
                                    + " is at level "
                                    + b.level
                                    + (e.oldLevel >= 0 ? ", the event says " + e.oldLevel : "")
                                    + " (MAX_UPGRADE_LEVEL "
                                    + rules.maxUpgradeLevel
                                    + ")"));
        }
        int expectedRate = b.rate - rules.upgradeBonus(b.level) + rules.upgradeBonus(e.level);
        if (expectedRate != e.dailyRate) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.DAILY_RATE,
                            expectedRate,
                            e.dailyRate,
                            "level "
                                    + b.level
                                    + " -> "
                                    + e.level
                                    + " changes the rate by the UPGRADE_YIELD_BONUSES only"));
        }
        b.level = e.level;
        b.invested += e.upgradeCost;
        b.upgradeSpent += e.upgradeCost;
        b.rate = e.dailyRate;
        l.totalInvested += e.upgradeCost;
        l.totalUpgradeSpent += e.upgradeCost;
        return true;
    }

    private boolean businessSold(Ledger l, MafiaEvent e, Effects fx) {
        Business b = business(l, e, "sell", fx);
        if (b == null) {
            return false;
        }
        long t = e.seconds();
        l.settle(t); // a sold business earns up to its sale
        long days = Math.max(0, t - b.createdAt) / GameRules.SECONDS_PER_DAY;
        if (e.businessType >= 0 && e.businessType != b.type
                || e.totalInvested >= 0 && e.totalInvested != b.invested) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.SALE_BUSINESS,
                            b.invested,
                            e.totalInvested >= 0 ? e.totalInvested : b.invested,
                            "business #"
                                    + b.no
                                    + " is a "
                                    + GameRules.typeName(b.type)
                                    + " with "
                                    + b.invested
                                    + " invested; the sale says "
                                    + GameRules.typeName(e.businessType)));
        }
        if (e.daysHeld != days) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.DAYS_HELD,
                            days,
                            e.daysHeld,
                            "whole days since creation at " + b.createdAt));
        }
        int baseFee = rules.baseSellFee(days);
        String feeProblem = null;
        long expectedFee = e.feePercent;
        if (e.baseFeePercent >= 0) {
            if (e.baseFeePercent != baseFee) {
                feeProblem = "base fee for " + days + " days held is " + baseFee;
                expectedFee = GameRules.finalSellFee(baseFee, Math.max(0, e.slotDiscount));
            } else if (!rules.sellDiscountAllowed(e.slotDiscount)) {
                feeProblem = "slot_discount " + e.slotDiscount + " is not a premium slot's";
                expectedFee = baseFee;
            } else if (GameRules.finalSellFee(baseFee, e.slotDiscount) != e.feePercent) {
                expectedFee = GameRules.finalSellFee(baseFee, e.slotDiscount);
                feeProblem = "base " + baseFee + "% less " + e.slotDiscount + "% is " + expectedFee;
            }
        } else if (!legacyFeeAllowed(baseFee, e.feePercent)) {
            feeProblem = "no slot discount turns the base fee " + baseFee + "% into it";
            expectedFee = baseFee;
        }
        if (feeProblem != null) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e, ReconciliationRow.SELL_FEE, expectedFee, e.feePercent, feeProblem));
        }
        long expectedReturn = GameRules.sellReturn(b.invested, e.feePercent);
        if (expectedReturn != e.returnAmount) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.RETURN_AMOUNT,
                            expectedReturn,
                            e.returnAmount,
                            b.invested + " invested less " + e.feePercent + "%"));
        }
        l.slots[b.slot] = null;
        l.totalReturned += e.returnAmount;
        l.totalSellFees += b.invested - e.returnAmount;
        BusinessRow row = row(l, b, t);
        row.status = BusinessRow.SOLD;
        row.soldAt = e.chainTime > 0 ? e.chainTime : t;
        row.daysHeld = e.daysHeld;
        row.baseFeePercent = e.baseFeePercent;
        row.slotDiscount = e.slotDiscount;
        row.finalFeePercent = e.feePercent;
        row.returnAmount = e.returnAmount;
        fx.sold(row);
        return true;
    }

    private boolean legacyFeeAllowed(int baseFee, int fee) {
        if (GameRules.finalSellFee(baseFee, 0) == fee) {
            return true;
        }
        for (int discount : rules.premiumSlotSellFeeDiscounts) {
            if (GameRules.finalSellFee(baseFee, discount) == fee) {
                return true;
            }
        }
        return false;
    }

    private Business business(Ledger l, MafiaEvent e, String action, Effects fx) {
        if (e.slotIndex < 0 || e.slotIndex >= Ledger.MAX_SLOTS) {
            fx.refused(e, "slot " + e.slotIndex + " outside the " + Ledger.MAX_SLOTS + " slots");
            return null;
        }
        Business b = l.slots[e.slotIndex];
        if (b == null) {
            fx.refused(
                    e,
                    "no business in slot "
                            + e.slotIndex
                            + " to "
                            + action
                            + (l.joined ? "" : " (the player joined before the input began)"));
        }
        return b;
    }

    private boolean earningsClaimed(Ledger l, MafiaEvent e, Effects fx) {
        long t = e.seconds();
        ensureKnown(l, t);
        l.settle(t); // the program credits before it pays out
        if (l.joined && e.claimAmount != l.pending) {
            fx.reconciliation(
                    ReconciliationRow.of(
                            e,
                            ReconciliationRow.CLAIM_AMOUNT,
                            l.pending,
                            e.claimAmount,
                            "a claim pays out all pending earnings"));
        }
        HistoryRow row = new HistoryRow();
        row.player = l.player;
        row.entryId = e.eventId;
        row.eventType = HistoryRow.CLAIM;
        row.at = e.eventTime;
        row.amount = e.claimAmount;
        row.previousBalance = l.pending;
        row.newBalance = 0;
        row.businessCount = l.active();
        row.dailyEarnings = l.dailyEarnings();
        row.txSignature = e.txSignature;
        fx.history(row);
        l.totalClaimed += e.claimAmount;
        l.pending = 0;
        l.rowBalance = 0;
        l.balance = 0;
        l.balanceAt = t;
        return true;
    }

    private boolean earningsUpdated(Ledger l, MafiaEvent e, Effects fx) {
        long t = e.seconds();
        ensureKnown(l, t);
        if (!l.joined) {
            // Joined before the input: the job cannot know its earlier credits or businesses, so
            // it takes the program's figures and does not reconcile this player.
            l.settle(t);
            l.pending = e.totalPending;
            l.balance = e.totalPending;
        } else {
            long expectedAdded = l.accrued(t);
            l.settle(t);
            boolean mismatch = false;
            if (e.earningsAdded != expectedAdded) {
                mismatch = true;
                fx.reconciliation(
                        ReconciliationRow.of(
                                e,
                                ReconciliationRow.EARNINGS_ADDED,
                                expectedAdded,
                                e.earningsAdded,
                                l.active() + " businesses since the program's last credit"));
            }
            if (e.totalPending != l.pending) {
                mismatch = true;
                fx.reconciliation(
                        ReconciliationRow.of(
                                e,
                                ReconciliationRow.TOTAL_PENDING,
                                l.pending,
                                e.totalPending,
                                "pending after this update"));
            }
            if (e.businessesCount != l.active()) {
                mismatch = true;
                fx.reconciliation(
                        ReconciliationRow.of(
                                e,
                                ReconciliationRow.BUSINESSES_COUNT,
                                l.active(),
                                e.businessesCount,
                                "active businesses"));
            }
            l.updatesReconciled++;
            if (mismatch) {
                l.updatesMismatched++;
            }
        }
        l.hasProgramPending = true;
        l.programPending = e.totalPending;
        long next = e.nextEarningsTime;
        if (next > 0 && (l.nextDue <= 0 || Math.floorMod(next - l.nextDue, interval) != 0)) {
            l.nextDue = onGrid(next, t); // the program moved its schedule: follow it
        }
        return true;
    }

    /** The first time on {@code anchor}'s grid (anchor + k × interval) at or after {@code t}. */
    long onGrid(long anchor, long t) {
        if (anchor >= t) {
            return anchor;
        }
        return anchor + Math.floorDiv(t - anchor + interval - 1, interval) * interval;
    }

    /** A due for a player the program gave no time: an offset in the interval from its wallet. */
    long offsetDue(String player, long t) {
        return onGrid(Math.floorMod(fnv1a(player), interval), t);
    }

    private static long fnv1a(String s) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The row of an active business as of {@code asOf}, with its earnings projected to then. */
    BusinessRow row(Ledger l, Business b, long asOf) {
        BusinessRow row = new BusinessRow();
        row.businessNo = b.no;
        row.slotIndex = b.slot;
        row.businessType = b.type;
        row.level = b.level;
        row.baseCost = b.baseCost;
        row.slotCost = b.slotCost;
        row.upgradeSpent = b.upgradeSpent;
        row.totalInvested = b.invested;
        row.dailyRate = b.rate;
        row.createdAt = b.createdAt;
        row.legacyEvent = b.legacy;
        row.earned = l.earned(b, asOf);
        row.earnedAsOf = asOf;
        row.status = BusinessRow.ACTIVE;
        return row;
    }

    /** The rows of every active business, as of the ledger's last change. */
    List<BusinessRow> activeRows(Ledger l) {
        List<BusinessRow> rows = new ArrayList<>(Ledger.MAX_SLOTS);
        for (Business b : l.slots) {
            if (b != null) {
                rows.add(row(l, b, l.rowsAt));
            }
        }
        return rows;
    }

    /** The player's row; its deletion when the player is not (or no longer) known. */
    PlayerRow playerRow(Ledger l) {
        if (!l.known) {
            return PlayerRow.deletion(l.player, program);
        }
        PlayerRow row = new PlayerRow();
        row.player = l.player;
        row.program = program;
        row.joined = l.joined;
        row.joinedAt = l.joinedAt;
        row.entryFee = l.entryFee;
        row.businesses = l.active();
        row.totalInvested = l.totalInvested;
        row.totalUpgradeSpent = l.totalUpgradeSpent;
        row.totalSlotSpent = l.totalSlotSpent;
        row.totalReturned = l.totalReturned;
        row.totalSellFees = l.totalSellFees;
        row.totalClaimed = l.totalClaimed;
        row.pendingEarnings = l.balance;
        row.pendingAsOf = l.balanceAt;
        row.dailyEarnings = l.dailyEarnings();
        row.lastProgramUpdate = l.lastUpdate;
        row.lastEarningsUpdate = l.lastDue;
        row.nextEarningsTime = row.businesses > 0 ? l.nextDue : 0;
        row.earningsInterval = interval;
        row.hasProgramPending = l.hasProgramPending;
        row.programPending = l.programPending;
        row.updatesReconciled = l.updatesReconciled;
        row.updatesMismatched = l.updatesMismatched;
        return row;
    }
}
