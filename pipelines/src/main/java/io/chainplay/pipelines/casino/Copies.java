package io.chainplay.pipelines.casino;

import io.chainplay.schemas.chain.EventKind;

/**
 * Dedup of the copies of one chain event by (event id, kind), with the slot telling copies apart.
 *
 * <p>A source sends an event when observed, again when finalized, or retracted when its block
 * leaves the chain; a transaction re-included in another block after a fork keeps its event ids, so
 * the re-included copy and the retraction of the abandoned one may come in either order. Hence: a
 * copy in another slot replaces the live one unless that one is final, and a retraction takes back
 * only the live copy of its own slot.
 */
final class Copies {

    /** What one sending did to the event's live copy. */
    enum Change {
        /** Nothing: a duplicate, or a retraction of a copy that is not the live one. */
        NONE,
        /** No copy was live; this one is now. */
        APPEARED,
        /** Another copy was live (an abandoned block's); this one replaces it. */
        MOVED,
        /** The live copy is now final: values unchanged. */
        FINALIZED,
        /** The live copy was retracted. */
        DISAPPEARED,
        /** A retraction of a finalized copy: refused, the chain cannot undo it. */
        REFUSED
    }

    private Copies() {}

    static Change apply(boolean live, boolean finalized, long liveSlot, EventKind kind, long slot) {
        switch (kind) {
            case OBSERVED:
                if (!live) {
                    return Change.APPEARED;
                }
                return liveSlot == slot || finalized ? Change.NONE : Change.MOVED;
            case FINALIZED:
                if (!live) {
                    return Change.APPEARED;
                }
                if (liveSlot == slot) {
                    return finalized ? Change.NONE : Change.FINALIZED;
                }
                return finalized ? Change.NONE : Change.MOVED;
            case RETRACTED:
                if (!live || liveSlot != slot) {
                    return Change.NONE;
                }
                return finalized ? Change.REFUSED : Change.DISAPPEARED;
            default:
                throw new IllegalStateException("Unknown kind " + kind);
        }
    }
}
