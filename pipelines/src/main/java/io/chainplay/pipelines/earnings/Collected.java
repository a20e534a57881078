package io.chainplay.pipelines.earnings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Effects of one replay of a player's reorg window, kept by natural key (the last row per key wins,
 * as in the table), so that the replays with and without a change can be compared.
 */
final class Collected implements Effects {
    final Map<String, HistoryRow> history = new LinkedHashMap<>();
    final Map<String, ReconciliationRow> reconciliation = new LinkedHashMap<>();
    final Map<Integer, BusinessRow> businesses = new TreeMap<>();

    /** eventId + reason → {eventId, the dead letter's reason}. */
    final Map<String, String[]> refused = new LinkedHashMap<>();

    @Override
    public void history(HistoryRow row) {
        history.put(row.key(), row);
    }

    @Override
    public void reconciliation(ReconciliationRow row) {
        reconciliation.put(row.key(), row);
    }

    @Override
    public void sold(BusinessRow row) {
        businesses.put(row.businessNo, row);
    }

    @Override
    public void due(DueRecord due) {}

    @Override
    public void refused(MafiaEvent event, String reason) {
        refused.put(
                event.eventId + " " + reason,
                new String[] {event.eventId, event.type + " " + event.player + ": " + reason});
    }

    /** Adds the rows the active businesses end with, as every round that changes them does. */
    void endWith(Timeline timeline, Ledger ledger) {
        for (BusinessRow row : timeline.activeRows(ledger)) {
            businesses.put(row.businessNo, row);
        }
    }
}
