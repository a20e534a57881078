package io.chainplay.pipelines.casino;

import io.chainplay.schemas.chain.EventKind;

import java.util.Arrays;

/**
 * The copies of a chain event (or of the events that compete for one role, such as a trial's
 * resolution), deduped by (event id, slot, kind), and which of them is in effect.
 *
 * <p>A source sends each copy when observed, again when finalized, or retracted when its block
 * leaves the chain; a transaction re-included in another block after a fork keeps its event ids, so
 * its copies are told apart by slot. A copy is live once observed or finalized unless retracted; a
 * retracted block never comes back, so a retraction stays in force whichever order the sendings
 * arrive in. That makes the live set, and so every result, a function of the set of sendings, not
 * of their order: a BATCH run (which sorts a key's input by time, ties in any order) and a
 * STREAMING run give the same tables.
 *
 * <p>The copy in effect is a finalized one if any (the first on the chain, should two different
 * events be final), else the live one in the highest slot (the newest fork, as the chain's fork
 * choice would have it), ties by event id.
 */
public class Copies {

    static final int OBSERVED = 1;
    static final int FINALIZED = 2;
    static final int RETRACTED = 4;

    /** One copy: an event as sent for one block, and what was heard of it. */
    public static class Copy {
        public CasinoEvent event;
        public int flags;

        public Copy() {}

        boolean live() {
            return (flags & (OBSERVED | FINALIZED)) != 0 && (flags & RETRACTED) == 0;
        }

        boolean finalized() {
            return (flags & FINALIZED) != 0;
        }
    }

    /** What one sending did. */
    enum Result {
        /** Nothing new: a duplicate. */
        DUPLICATE,
        /** Recorded. */
        RECORDED,
        /** A retraction of a finalized copy: refused, the chain cannot undo it. */
        REFUSED
    }

    public Copy[] copies = new Copy[0];

    public Copies() {}

    /** Records one sending of an event. */
    Result apply(CasinoEvent event) {
        Copy copy = null;
        for (Copy c : copies) {
            if (c.event.slot == event.slot && c.event.eventId.equals(event.eventId)) {
                copy = c;
            }
        }
        int flag =
                switch (event.kind) {
                    case OBSERVED -> OBSERVED;
                    case FINALIZED -> FINALIZED;
                    case RETRACTED -> RETRACTED;
                };
        if (copy == null) {
            copy = new Copy();
            copy.event = event;
            copies = Arrays.copyOf(copies, copies.length + 1);
            copies[copies.length - 1] = copy;
        }
        if ((copy.flags & flag) != 0) {
            return Result.DUPLICATE;
        }
        if (flag == RETRACTED && copy.finalized()) {
            return Result.REFUSED;
        }
        if (flag == FINALIZED && (copy.flags & RETRACTED) != 0) {
            return Result.REFUSED; // a retracted block cannot be finalized
        }
        if (event.kind != EventKind.RETRACTED) {
            copy.event = event; // a full event (a retraction may carry the same fields)
        }
        copy.flags |= flag;
        return Result.RECORDED;
    }

    /** The copy in effect, or null when none is live. */
    Copy effective() {
        Copy best = null;
        for (Copy c : copies) {
            if (c.live() && (best == null || better(c, best))) {
                best = c;
            }
        }
        return best;
    }

    private static boolean better(Copy a, Copy b) {
        if (a.finalized() != b.finalized()) {
            return a.finalized();
        }
        if (a.finalized()) {
            // Two final events for one role is a conflict; the first on the chain stands.
            int c = CasinoEvent.compareOrder(a.event, b.event);
            return c != 0 ? c < 0 : a.event.eventId.compareTo(b.event.eventId) < 0;
        }
        if (a.event.slot != b.event.slot) {
            return a.event.slot > b.event.slot;
        }
        return a.event.eventId.compareTo(b.event.eventId) < 0;
    }

    /** The live copies of distinct events that are finalized: more than one is a conflict. */
    long finalizedEvents() {
        return Arrays.stream(copies)
                .filter(c -> c.live() && c.finalized())
                .map(c -> c.event.eventId)
                .distinct()
                .count();
    }

    boolean isEmpty() {
        return copies.length == 0;
    }

    /** Whether two effective copies are the same copy of the same event. */
    static boolean same(Copy a, Copy b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.event.slot == b.event.slot && a.event.eventId.equals(b.event.eventId);
    }
}
