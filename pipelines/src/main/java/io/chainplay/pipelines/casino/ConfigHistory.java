package io.chainplay.pipelines.casino;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values one configuration key took over chain time: a pool's fee shares (from its
 * PoolRegistered) or one of the vault's fee percentages (from the admin events), each with the
 * event that set it, so a fee can be split with the values in effect at its own chain position.
 *
 * <p>Kept in broadcast state. Each setting event's copies are tracked with {@link Copies}, so the
 * history does not depend on the order its sendings arrive in. Settings older than the reorg window
 * behind the watermark are folded: only the newest of them is kept, since no fee that old can still
 * arrive or be taken back.
 */
public class ConfigHistory {

    /** One setting event: its copies and the values it sets. */
    public static class Item {
        public Copies copies = new Copies();
        public double[] values;

        public Item() {}

        CasinoEvent effective() {
            Copies.Copy copy = copies.effective();
            return copy == null ? null : copy.event;
        }
    }

    /** What a sending did to the history. */
    enum Change {
        NONE,
        /** A setting came into effect for the first time. */
        APPEARED,
        /** A setting moved to another block, or left the chain. */
        CHANGED
    }

    public Item[] items = new Item[0];

    /**
     * How many sendings changed the history: a fee split when the histories it reads had the same
     * counts cannot split differently now (folding keeps every split it can still be asked for).
     */
    public long changes;

    public ConfigHistory() {}

    Change apply(CasinoEvent event, double[] values) {
        Item item = null;
        for (Item i : items) {
            if (i.copies.copies[0].event.eventId.equals(event.eventId)) {
                item = i;
            }
        }
        if (item == null) {
            item = new Item();
            item.values = values;
            items = Arrays.copyOf(items, items.length + 1);
            items[items.length - 1] = item;
        }
        Copies.Copy before = item.copies.effective();
        if (item.copies.apply(event) != Copies.Result.RECORDED) {
            return Change.NONE;
        }
        Copies.Copy after = item.copies.effective();
        if (Copies.same(before, after)) {
            return Change.NONE;
        }
        changes++;
        return before == null && after != null ? Change.APPEARED : Change.CHANGED;
    }

    /** The values of the latest setting in effect at or before a chain position, or null. */
    double[] asOf(long slot, int instructionIndex, int eventIndex) {
        CasinoEvent best = null;
        double[] values = null;
        for (Item item : items) {
            CasinoEvent e = item.effective();
            if (e != null
                    && Positions.compare(
                                    e.slot,
                                    e.instructionIndex,
                                    e.eventIndex,
                                    slot,
                                    instructionIndex,
                                    eventIndex)
                            <= 0
                    && (best == null || CasinoEvent.compareOrder(e, best) > 0)) {
                best = e;
                values = item.values;
            }
        }
        return values;
    }

    /**
     * Drops what no fee can need any more: settings older than the horizon except the newest of
     * them in effect (still in effect at the horizon), and the retracted ones.
     */
    void fold(long horizon) {
        Item newestOld = null;
        List<Item> kept = new ArrayList<>();
        for (Item item : items) {
            CasinoEvent e = item.effective();
            long time = item.copies.copies[0].event.eventTime;
            if (time >= horizon) {
                kept.add(item);
            } else if (e != null
                    && (newestOld == null
                            || CasinoEvent.compareOrder(e, newestOld.effective()) > 0)) {
                newestOld = item;
            }
        }
        if (newestOld != null) {
            kept.add(newestOld);
        }
        items = kept.toArray(new Item[0]);
    }
}
