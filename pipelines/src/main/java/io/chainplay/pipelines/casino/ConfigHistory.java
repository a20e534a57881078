package io.chainplay.pipelines.casino;

import io.chainplay.schemas.chain.EventKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values one configuration key took over chain time: a pool's fee shares (from its
 * PoolRegistered) or one of the vault's fee percentages (from the admin events), each with the
 * event that set it, so a fee can be split with the values in effect at its own chain position.
 *
 * <p>Kept in broadcast state. Entries older than the reorg window are folded: only the newest of
 * them is kept, since no fee that old can still arrive or be taken back.
 */
public class ConfigHistory {

    /** One value and the event that set it. */
    public static class Entry {
        public String eventId;
        public long slot;
        public int instructionIndex;
        public int eventIndex;
        public long time;
        public boolean live;
        public boolean finalized;
        public double[] values;

        public Entry() {}

        int compareTo(long s, int ix, int ev) {
            return Positions.compare(slot, instructionIndex, eventIndex, s, ix, ev);
        }
    }

    /** Ordered by chain position. */
    public Entry[] entries = new Entry[0];

    public ConfigHistory() {}

    /**
     * Applies one copy of a configuration event; the change it made (NONE for a duplicate).
     *
     * @param values the values it sets
     */
    Copies.Change apply(CasinoEvent event, double[] values) {
        Entry entry = null;
        for (Entry e : entries) {
            if (e.eventId.equals(event.eventId)) {
                entry = e;
            }
        }
        Copies.Change change =
                entry == null
                        ? Copies.apply(false, false, 0, event.kind, event.slot)
                        : Copies.apply(
                                entry.live, entry.finalized, entry.slot, event.kind, event.slot);
        switch (change) {
            case APPEARED, MOVED -> {
                List<Entry> rest = new ArrayList<>(Arrays.asList(entries));
                rest.remove(entry);
                Entry fresh = new Entry();
                fresh.eventId = event.eventId;
                fresh.slot = event.slot;
                fresh.instructionIndex = event.instructionIndex;
                fresh.eventIndex = event.eventIndex;
                fresh.time = event.eventTime;
                fresh.live = true;
                fresh.finalized = event.kind == EventKind.FINALIZED;
                fresh.values = values;
                rest.add(fresh);
                rest.sort((a, b) -> a.compareTo(b.slot, b.instructionIndex, b.eventIndex));
                entries = rest.toArray(new Entry[0]);
            }
            case FINALIZED -> entry.finalized = true;
            case DISAPPEARED -> entry.live = false;
            default -> {}
        }
        return change;
    }

    /** The values of the latest live entry at or before a chain position, or null. */
    double[] asOf(long slot, int instructionIndex, int eventIndex) {
        for (int i = entries.length - 1; i >= 0; i--) {
            Entry e = entries[i];
            if (e.live && e.compareTo(slot, instructionIndex, eventIndex) <= 0) {
                return e.values;
            }
        }
        return null;
    }

    /**
     * Drops entries that no fee can need any more: retracted ones, and live ones older than the
     * horizon except the newest of those (still in effect at the horizon).
     */
    void fold(long horizon) {
        List<Entry> kept = new ArrayList<>();
        Entry newestOld = null;
        for (Entry e : entries) {
            if (e.time < horizon) {
                if (e.live) {
                    newestOld = e;
                }
            } else {
                kept.add(e);
            }
        }
        if (newestOld != null) {
            kept.add(0, newestOld);
        }
        entries = kept.toArray(new Entry[0]);
    }
}
