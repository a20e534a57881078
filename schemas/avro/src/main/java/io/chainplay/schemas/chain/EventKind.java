package io.chainplay.schemas.chain;

/**
 * The kind of one sending of a chain event: with the event id, the key consumers dedup by
 * (ARCHITECTURE.md, principle 1). A retraction after an observation is not a duplicate.
 */
public enum EventKind {
    OBSERVED,
    FINALIZED,
    RETRACTED;

    public static EventKind of(ChainEvent event) {
        return of(event.getFinality(), event.getRetracted());
    }

    public static EventKind of(EventMeta meta) {
        return of(meta.getFinality(), meta.getRetracted());
    }

    private static EventKind of(Finality finality, boolean retracted) {
        if (retracted) {
            return RETRACTED;
        }
        return finality == Finality.FINALIZED ? FINALIZED : OBSERVED;
    }
}
