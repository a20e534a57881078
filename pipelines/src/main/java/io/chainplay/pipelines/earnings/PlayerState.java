package io.chainplay.pipelines.earnings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the earnings job keeps for one player (keyed state, serialized by {@link
 * PlayerStateSerializer}).
 *
 * <ul>
 *   <li>{@link #ledger}: the player's economy up to {@link #horizon}, the newest event time this
 *       player's timers have reached. Lives as long as the player does: players are permanent.
 *   <li>The buffer (list state of its own beside this): events after the horizon, waiting for the
 *       watermark so that they apply in chain order whatever order the partitions delivered them in
 *       (retractions that arrive first wait there as tombstones). Appended to without reading this
 *       state; bounded by the watermark's out-of-orderness.
 *   <li>{@link #journal} and {@link #base}: the reorg window. Events applied within {@code
 *       retention} of the horizon, and the ledger before the first of them, so that a retraction or
 *       a late event replays the window without it (or with it) and corrects the rows. Both go away
 *       once the window has passed; a player whose window holds only dues keeps no base (the
 *       ledger's due undo records suffice).
 * </ul>
 */
final class PlayerState {
    Ledger ledger;
    Ledger base;

    /** Event time (ms) {@link #base} is at. */
    long baseHorizon = Long.MIN_VALUE;

    /** Event time (ms) up to which the ledger has been advanced. */
    long horizon = Long.MIN_VALUE;

    /** Applied events of the reorg window, in chain order. */
    final List<MafiaEvent> journal = new ArrayList<>();

    /**
     * Events that waited in a state written before the buffer had its own list state (format
     * version 1), until the job moves them there; null otherwise. Never written.
     */
    List<MafiaEvent> legacyBuffer;

    /** The due timer registered last (ms); MIN_VALUE for none. */
    long timerAt = Long.MIN_VALUE;

    /**
     * The restore this state was last written in (1 + the restored checkpoint's id, 0 for a job
     * that never restored): a state from an earlier one is touched for the first time since a
     * restore.
     */
    long epoch;

    PlayerState() {}

    PlayerState(String player) {
        this.ledger = new Ledger(player);
    }

    /** Inserts in chain order (events mostly come in order: from the end). */
    static void insert(List<MafiaEvent> events, MafiaEvent e) {
        int i = events.size();
        while (i > 0 && MafiaEvent.CHAIN_ORDER.compare(events.get(i - 1), e) > 0) {
            i--;
        }
        events.add(i, e);
    }

    static int indexOf(List<MafiaEvent> events, String copyId) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).copyId().equals(copyId)) {
                return i;
            }
        }
        return -1;
    }

    PlayerState copy() {
        PlayerState c = new PlayerState();
        c.ledger = ledger == null ? null : ledger.copy();
        c.base = base == null ? null : base.copy();
        c.baseHorizon = baseHorizon;
        c.horizon = horizon;
        for (MafiaEvent e : journal) {
            c.journal.add(e.copy());
        }
        if (legacyBuffer != null) {
            c.legacyBuffer = new ArrayList<>();
            for (MafiaEvent e : legacyBuffer) {
                c.legacyBuffer.add(e.copy());
            }
        }
        c.timerAt = timerAt;
        c.epoch = epoch;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PlayerState)) {
            return false;
        }
        PlayerState t = (PlayerState) o;
        return baseHorizon == t.baseHorizon
                && horizon == t.horizon
                && timerAt == t.timerAt
                && epoch == t.epoch
                && Objects.equals(ledger, t.ledger)
                && Objects.equals(base, t.base)
                && journal.equals(t.journal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ledger, horizon);
    }

    @Override
    public String toString() {
        return "PlayerState{"
                + ledger
                + " horizon="
                + horizon
                + " journal="
                + journal.size()
                + (base != null ? " base@" + baseHorizon : "")
                + "}";
    }
}
