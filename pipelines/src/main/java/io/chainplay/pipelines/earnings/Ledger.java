package io.chainplay.pipelines.earnings;

import java.util.Arrays;
import java.util.Objects;

/**
 * One player's economy as the chain's events make it: businesses by slot, the program's accrual
 * position (its last credit and the pending amount then), the job's own schedule and the figures it
 * last reported. Small and flat, because a million of them live in keyed state.
 *
 * <p>Times are Unix seconds (the program's clock), amounts lamports in longs read as unsigned. The
 * rules that change it are in {@link Timeline}.
 */
final class Ledger {

    /** A player account holds nine business slots ({@code PlayerCompact.business_slots}). */
    static final int MAX_SLOTS = 9;

    /** The key (wallet); not serialized, set from the key when the state is read. */
    String player;

    /** Seen in any event; false for a ledger that does not exist. */
    boolean known;

    /** PlayerCreated seen (false for a player that joined before the input began). */
    boolean joined;

    long joinedAt;
    long entryFee;

    /** The program's last credit: PlayerCreated, EarningsUpdated, or a claim. */
    long lastUpdate;

    /** Pending at {@link #lastUpdate}, by the job's accrual. */
    long pending;

    /** The next due, on the program's next_earnings_time grid; 0 for none. */
    long nextDue;

    /** The last due the job fired; 0 for none. */
    long lastDue;

    /** new_balance of the last history row (due or claim). */
    long rowBalance;

    /** The newest pending figure the job computed, and when: players.pending_earnings. */
    long balance;

    long balanceAt;

    /** Time of the last change (event applied or due fired): what rows are "as of". */
    long rowsAt;

    /** Block time (ms) of the newest event applied; MIN_VALUE for none. */
    long lastEventAt = Long.MIN_VALUE;

    boolean hasProgramPending;
    long programPending;

    long totalInvested;
    long totalUpgradeSpent;
    long totalSlotSpent;
    long totalReturned;
    long totalSellFees;
    long totalClaimed;
    long updatesReconciled;
    long updatesMismatched;

    /** Businesses created so far, retracted ones excluded: the next one is number seq + 1. */
    int businessSeq;

    final Business[] slots = new Business[MAX_SLOTS];

    /**
     * Undo records of the dues fired within the reorg window, {@link #UNDO} longs each: due time,
     * and the rowBalance, balance, balanceAt, lastDue and rowsAt before it. They let a late event
     * rewind the schedule without keeping a full copy of the ledger for every player (dues change
     * nothing else).
     */
    long[] dueUndo = EMPTY;

    static final long[] EMPTY = new long[0];

    static final int UNDO = 6;

    Ledger() {}

    Ledger(String player) {
        this.player = player;
    }

    int active() {
        int n = 0;
        for (Business b : slots) {
            if (b != null) {
                n++;
            }
        }
        return n;
    }

    /** What the active businesses earned since the program's last credit, up to {@code t}. */
    long accrued(long t) {
        long sum = 0;
        for (Business b : slots) {
            if (b != null) {
                sum +=
                        GameRules.earnings(
                                b.invested, b.rate, t - Math.max(lastUpdate, b.createdAt));
            }
        }
        return sum;
    }

    /** Lamports per day at the active businesses' rates. */
    long dailyEarnings() {
        long sum = 0;
        for (Business b : slots) {
            if (b != null) {
                sum += GameRules.daily(b.invested, b.rate);
            }
        }
        return sum;
    }

    /** What one business earned since its creation, up to {@code t} (projection). */
    long earned(Business b, long t) {
        return b.earned
                + GameRules.earnings(b.invested, b.rate, t - Math.max(lastUpdate, b.createdAt));
    }

    /**
     * Credits the accrual up to {@code t} and makes {@code t} the last credit, as the program does
     * on every update, and first thing in an upgrade, a sale or a claim.
     */
    void settle(long t) {
        if (t > lastUpdate) {
            for (Business b : slots) {
                if (b != null) {
                    long earned =
                            GameRules.earnings(
                                    b.invested, b.rate, t - Math.max(lastUpdate, b.createdAt));
                    b.earned += earned;
                    pending += earned;
                }
            }
            lastUpdate = t;
        }
        balance = pending;
        balanceAt = t;
    }

    void addDueUndo(long due) {
        long[] undo = Arrays.copyOf(dueUndo, dueUndo.length + UNDO);
        int i = dueUndo.length;
        undo[i] = due;
        undo[i + 1] = rowBalance;
        undo[i + 2] = balance;
        undo[i + 3] = balanceAt;
        undo[i + 4] = lastDue;
        undo[i + 5] = rowsAt;
        dueUndo = undo;
    }

    /** Forgets the undo records of dues at or before {@code seconds}. */
    void pruneDueUndo(long seconds) {
        int keepFrom = 0;
        while (keepFrom < dueUndo.length && dueUndo[keepFrom] <= seconds) {
            keepFrom += UNDO;
        }
        if (keepFrom > 0) {
            dueUndo =
                    keepFrom == dueUndo.length
                            ? EMPTY
                            : Arrays.copyOfRange(dueUndo, keepFrom, dueUndo.length);
        }
    }

    /**
     * This ledger as it was before the dues at or after {@code fromSeconds}. Valid when no event
     * was applied since the first of them, and the undo records still reach back that far (they
     * cover the reorg window).
     */
    Ledger rewindDues(long fromSeconds) {
        Ledger l = copy();
        int i = l.dueUndo.length - UNDO;
        while (i >= 0 && l.dueUndo[i] >= fromSeconds) {
            l.nextDue = l.dueUndo[i];
            l.rowBalance = l.dueUndo[i + 1];
            l.balance = l.dueUndo[i + 2];
            l.balanceAt = l.dueUndo[i + 3];
            l.lastDue = l.dueUndo[i + 4];
            l.rowsAt = l.dueUndo[i + 5];
            i -= UNDO;
        }
        l.dueUndo = Arrays.copyOf(l.dueUndo, i + UNDO);
        return l;
    }

    Ledger copy() {
        Ledger c = new Ledger(player);
        c.known = known;
        c.joined = joined;
        c.joinedAt = joinedAt;
        c.entryFee = entryFee;
        c.lastUpdate = lastUpdate;
        c.pending = pending;
        c.nextDue = nextDue;
        c.lastDue = lastDue;
        c.rowBalance = rowBalance;
        c.balance = balance;
        c.balanceAt = balanceAt;
        c.rowsAt = rowsAt;
        c.lastEventAt = lastEventAt;
        c.hasProgramPending = hasProgramPending;
        c.programPending = programPending;
        c.totalInvested = totalInvested;
        c.totalUpgradeSpent = totalUpgradeSpent;
        c.totalSlotSpent = totalSlotSpent;
        c.totalReturned = totalReturned;
        c.totalSellFees = totalSellFees;
        c.totalClaimed = totalClaimed;
        c.updatesReconciled = updatesReconciled;
        c.updatesMismatched = updatesMismatched;
        c.businessSeq = businessSeq;
        for (int i = 0; i < MAX_SLOTS; i++) {
            c.slots[i] = slots[i] == null ? null : slots[i].copy();
        }
        c.dueUndo = dueUndo.length == 0 ? EMPTY : dueUndo.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Ledger)) {
            return false;
        }
        Ledger t = (Ledger) o;
        return known == t.known
                && joined == t.joined
                && joinedAt == t.joinedAt
                && entryFee == t.entryFee
                && lastUpdate == t.lastUpdate
                && pending == t.pending
                && nextDue == t.nextDue
                && lastDue == t.lastDue
                && rowBalance == t.rowBalance
                && balance == t.balance
                && balanceAt == t.balanceAt
                && rowsAt == t.rowsAt
                && lastEventAt == t.lastEventAt
                && hasProgramPending == t.hasProgramPending
                && programPending == t.programPending
                && totalInvested == t.totalInvested
                && totalUpgradeSpent == t.totalUpgradeSpent
                && totalSlotSpent == t.totalSlotSpent
                && totalReturned == t.totalReturned
                && totalSellFees == t.totalSellFees
                && totalClaimed == t.totalClaimed
                && updatesReconciled == t.updatesReconciled
                && updatesMismatched == t.updatesMismatched
                && businessSeq == t.businessSeq
                && Arrays.equals(slots, t.slots)
                && Arrays.equals(dueUndo, t.dueUndo)
                && Objects.equals(player, t.player);
    }

    @Override
    public int hashCode() {
        return Objects.hash(player, lastUpdate, pending);
    }

    @Override
    public String toString() {
        return "Ledger{"
                + player
                + " S="
                + lastUpdate
                + " pending="
                + pending
                + " next="
                + nextDue
                + " "
                + Arrays.toString(slots)
                + "}";
    }
}
