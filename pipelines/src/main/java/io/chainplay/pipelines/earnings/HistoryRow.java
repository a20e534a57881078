package io.chainplay.pipelines.earnings;

import java.util.Objects;

/**
 * One row of {@code earnings.earnings_history}: a scheduled update the job computed when a player
 * was due ({@code update}, entry {@code due:<unix seconds>}), or a claim ({@code claim}, entry =
 * the claim's event id); or its deletion when a reorg takes it back. Amounts are lamports.
 */
public class HistoryRow {

    static final String UPDATE = "update";
    static final String CLAIM = "claim";

    /** Not a row: deletes the player's rows after {@link #at} (see {@link #purge}). */
    static final String PURGE = "purge";

    public String player;
    public String entryId;
    public String eventType;

    /** Due time or the claim's block time, epoch milliseconds. */
    public long at;

    /** update: accrued since the previous row; claim: paid out. Signed. */
    public long amount;

    public long previousBalance;
    public long newBalance;
    public int businessCount;
    public long dailyEarnings;

    /** The claim's transaction; null for updates. */
    public String txSignature;

    public boolean deleted;

    public HistoryRow() {}

    static String dueEntry(long dueSeconds) {
        return "due:" + dueSeconds;
    }

    /** The natural key, {@code player|entry}. */
    String key() {
        return player + "|" + entryId;
    }

    /**
     * Deletes every row of the player after {@code afterMillis}: sent once per player after a
     * restore, before its rows from there on are written again, so that rows a crashed run wrote
     * after its last checkpoint cannot outlive the restore.
     */
    static HistoryRow purge(String player, long afterMillis) {
        HistoryRow row = new HistoryRow();
        row.player = player;
        row.entryId = "";
        row.eventType = PURGE;
        row.at = afterMillis;
        row.deleted = true;
        return row;
    }

    boolean isPurge() {
        return PURGE.equals(eventType);
    }

    HistoryRow deletion() {
        HistoryRow row = new HistoryRow();
        row.player = player;
        row.entryId = entryId;
        row.eventType = eventType;
        row.at = at;
        row.deleted = true;
        return row;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HistoryRow)) {
            return false;
        }
        HistoryRow t = (HistoryRow) o;
        return at == t.at
                && amount == t.amount
                && previousBalance == t.previousBalance
                && newBalance == t.newBalance
                && businessCount == t.businessCount
                && dailyEarnings == t.dailyEarnings
                && deleted == t.deleted
                && Objects.equals(player, t.player)
                && Objects.equals(entryId, t.entryId)
                && Objects.equals(eventType, t.eventType)
                && Objects.equals(txSignature, t.txSignature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(player, entryId);
    }

    @Override
    public String toString() {
        return "History{"
                + player
                + " "
                + entryId
                + (deleted ? " deleted" : "")
                + " "
                + eventType
                + " @"
                + at
                + " amount="
                + amount
                + " "
                + previousBalance
                + "->"
                + newBalance
                + " businesses="
                + businessCount
                + "}";
    }
}
