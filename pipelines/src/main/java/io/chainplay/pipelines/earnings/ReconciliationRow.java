package io.chainplay.pipelines.earnings;

import java.util.Objects;

/**
 * One row of {@code earnings.reconciliation}: a figure in one of the program's events that differs
 * from what the job's own accrual (or the game constants) give, or its deletion when a reorg takes
 * the event back. Keyed by (event id, check).
 */
public class ReconciliationRow {

    /** EarningsUpdated.earnings_added vs the job's accrual since the program's last credit. */
    static final String EARNINGS_ADDED = "earnings_added";

    /** EarningsUpdated.total_pending vs the job's pending after that accrual. */
    static final String TOTAL_PENDING = "total_pending";

    /** EarningsUpdated.businesses_count vs the businesses the job knows. */
    static final String BUSINESSES_COUNT = "businesses_count";

    /** EarningsClaimed.amount vs the job's pending at the claim. */
    static final String CLAIM_AMOUNT = "claim_amount";

    /** A daily_rate the game constants do not give for the business's type and level. */
    static final String DAILY_RATE = "daily_rate";

    /** A deposit below MIN_DEPOSITS of the type. */
    static final String MIN_DEPOSIT = "min_deposit";

    /** total_paid ≠ base_cost + slot_cost. */
    static final String TOTAL_PAID = "total_paid";

    /** An upgrade's old/new level that does not follow the business's level. */
    static final String UPGRADE_LEVEL = "upgrade_level";

    /** A sale's total_invested / business_type / days_held vs the business the job knows. */
    static final String SALE_BUSINESS = "sale_business";

    /** A sale's days_held vs whole days since the business's creation. */
    static final String DAYS_HELD = "days_held";

    /** A sale's fee percent vs EARLY_SELL_FEES and the slot discounts. */
    static final String SELL_FEE = "sell_fee";

    /** A sale's return_amount vs total invested less the fee. */
    static final String RETURN_AMOUNT = "return_amount";

    public String eventId;
    public String check;
    public String player;

    /** Block time of the event, epoch milliseconds. */
    public long at;

    public long slot;
    public String txSignature;

    /** By the job (u64 lamports or a count), read as unsigned. */
    public long expected;

    /** By the program's event, read as unsigned. */
    public long reported;

    public String detail;
    public boolean deleted;

    /** Not a row: deletes the player's rows after {@link #at}. */
    public boolean purge;

    public ReconciliationRow() {}

    static ReconciliationRow of(
            MafiaEvent event, String check, long expected, long reported, String detail) {
        ReconciliationRow row = new ReconciliationRow();
        row.eventId = event.eventId;
        row.check = check;
        row.player = event.player;
        row.at = event.eventTime;
        row.slot = event.slot;
        row.txSignature = event.txSignature;
        row.expected = expected;
        row.reported = reported;
        row.detail = detail;
        return row;
    }

    String key() {
        return eventId + "|" + check;
    }

    /** Deletes every row of the player after {@code afterMillis} (see {@link HistoryRow#purge}). */
    static ReconciliationRow purge(String player, long afterMillis) {
        ReconciliationRow row = new ReconciliationRow();
        row.eventId = "";
        row.check = "";
        row.player = player;
        row.at = afterMillis;
        row.deleted = true;
        row.purge = true;
        return row;
    }

    ReconciliationRow deletion() {
        ReconciliationRow row = new ReconciliationRow();
        row.eventId = eventId;
        row.check = check;
        row.player = player;
        row.deleted = true;
        return row;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReconciliationRow)) {
            return false;
        }
        ReconciliationRow t = (ReconciliationRow) o;
        return at == t.at
                && slot == t.slot
                && expected == t.expected
                && reported == t.reported
                && deleted == t.deleted
                && purge == t.purge
                && Objects.equals(eventId, t.eventId)
                && Objects.equals(check, t.check)
                && Objects.equals(player, t.player)
                && Objects.equals(txSignature, t.txSignature)
                && Objects.equals(detail, t.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, check);
    }

    @Override
    public String toString() {
        return "Reconciliation{"
                + eventId
                + " "
                + check
                + (deleted ? " deleted" : "")
                + " expected="
                + Long.toUnsignedString(expected)
                + " reported="
                + Long.toUnsignedString(reported)
                + " "
                + detail
                + "}";
    }
}
