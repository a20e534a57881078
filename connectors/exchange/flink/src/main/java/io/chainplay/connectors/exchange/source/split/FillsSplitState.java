package io.chainplay.connectors.exchange.source.split;

/**
 * The mutable cursor of a split, moved by the record emitter record by record, so that a checkpoint
 * taken between any two records stores exactly what was emitted.
 */
public final class FillsSplitState {

    private final FillsSplit split;
    private long cursor;

    public FillsSplitState(FillsSplit split) {
        this.split = split;
        this.cursor = split.cursor();
    }

    /** A record with this fill id was emitted (0: a dead letter without a readable id). */
    public void emitted(long fillId) {
        if (fillId > cursor) {
            cursor = fillId;
        }
    }

    public long cursor() {
        return cursor;
    }

    public FillsSplit toSplit() {
        return split.withCursor(cursor);
    }
}
