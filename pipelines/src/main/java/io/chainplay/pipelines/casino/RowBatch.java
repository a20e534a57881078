package io.chainplay.pipelines.casino;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows a {@link PostgresTableSink} has yet to write: per table the latest row per key, since
 * the rows are absolute values and an older one is of no use once a newer one is there.
 *
 * <p>A {@linkplain TableRow#provisional provisional} row (a bet placed and not yet settled) is held
 * back for up to {@code holdMillis} of processing time first: most bets are settled within a few
 * seconds, and the settled row that replaces it is then the only version Postgres writes, instead
 * of an insert and an update of a row with five indexes. A held row that was not replaced becomes
 * ready when its hold is over; {@link #releaseAll()} (checkpoints, end of input) releases every
 * held row, so a completed checkpoint still implies every row before its barrier is written.
 *
 * <p>Each key is in one place at a time, ready or held, so the last row added for a key is the one
 * written, whatever moved between the two.
 */
final class RowBatch {

    private final long holdMillis;

    /** Per table, the latest row per key, in first-seen order. */
    private final Map<String, LinkedHashMap<String, TableRow>> ready = new LinkedHashMap<>();

    /** Held rows by table and key, in the order their holds end. */
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();

    private int readyRows;

    private record Held(TableRow row, String key, long since) {}

    RowBatch(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    /** Adds a row at processing time {@code now}, replacing any earlier row of its key. */
    void add(TableRow row, long now) {
        String key = row.key();
        if (row.provisional && holdMillis > 0) {
            LinkedHashMap<String, TableRow> table = ready.get(row.table);
            if (table != null && table.remove(key) != null) {
                readyRows--;
            }
            String heldKey = heldKey(row.table, key);
            Held before = held.get(heldKey);
            // A key held already keeps its place and its hold's start: replacing it must not
            // keep a row back for longer than one hold.
            held.put(heldKey, new Held(row, key, before == null ? now : before.since));
        } else {
            if (!held.isEmpty()) { // most writers never hold a row: no key to build for them
                held.remove(heldKey(row.table, key));
            }
            if (ready.computeIfAbsent(row.table, t -> new LinkedHashMap<>()).put(key, row)
                    == null) {
                readyRows++;
            }
        }
    }

    private static String heldKey(String table, String key) {
        return table + '\u0000' + key;
    }

    /** Makes the held rows whose hold is over at {@code now} ready. */
    void releaseDue(long now) {
        Iterator<Held> rows = held.values().iterator();
        while (rows.hasNext()) {
            Held h = rows.next();
            if (h.since + holdMillis > now) {
                return; // the rest started later
            }
            rows.remove();
            makeReady(h);
        }
    }

    /** Makes every held row ready. */
    void releaseAll() {
        held.values().forEach(this::makeReady);
        held.clear();
    }

    private void makeReady(Held h) {
        if (ready.computeIfAbsent(h.row.table, t -> new LinkedHashMap<>()).put(h.key, h.row)
                == null) {
            readyRows++;
        }
    }

    /** The ready rows per table, each table's in first-seen order (for tests). */
    Map<String, ? extends Map<String, TableRow>> ready() {
        return ready;
    }

    /** Takes the ready rows out, to be written; the held ones stay. */
    Map<String, ? extends Map<String, TableRow>> takeReady() {
        Map<String, LinkedHashMap<String, TableRow>> taken = new LinkedHashMap<>(ready);
        ready.clear();
        readyRows = 0;
        return taken;
    }

    int readyRows() {
        return readyRows;
    }

    int heldRows() {
        return held.size();
    }

    /** The rows held back, for tests. */
    Collection<TableRow> held() {
        return held.values().stream().map(Held::row).toList();
    }
}
