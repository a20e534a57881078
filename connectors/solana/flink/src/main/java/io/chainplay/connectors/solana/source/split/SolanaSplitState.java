package io.chainplay.connectors.solana.source.split;

import io.chainplay.connectors.solana.source.SolanaRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The mutable cursor of a split, advanced by the record emitter record by record, so that a
 * checkpoint taken between any two records stores exactly what was emitted.
 */
public final class SolanaSplitState {

    private final SolanaSplit split;
    private long nextSlot;
    private int emittedInSlot;
    private final Deque<PendingBuilder> pending = new ArrayDeque<>();
    private int finalizingEmitted;

    public SolanaSplitState(SolanaSplit split) {
        this.split = split;
        this.nextSlot = split.nextSlot();
        this.emittedInSlot = split.emittedInSlot();
        for (SolanaSplit.PendingSlot slot : split.pending()) {
            pending.add(new PendingBuilder(slot.slot(), slot.blockhash(), slot.events()));
        }
        this.finalizingEmitted = split.finalizingEmitted();
    }

    /** A record of the block at {@code slot} was emitted (the {@code ordinal}-th, from 0). */
    public void observed(long slot, int ordinal, String blockhash, SolanaRecord event) {
        emittedInSlot = ordinal + 1;
        if (event != null) {
            PendingBuilder last = pending.peekLast();
            if (last == null || last.slot != slot) {
                last = new PendingBuilder(slot, blockhash, List.of());
                pending.add(last);
            }
            last.events.add(event);
        }
    }

    /** A slot that had no block at confirmed waits for finality like one with events. */
    public void unseen(long slot, String marker) {
        pending.add(new PendingBuilder(slot, marker, List.of()));
    }

    /** The block at the current slot is done; reading goes on at {@code next}. */
    public void slotDone(long next) {
        nextSlot = next;
        emittedInSlot = 0;
    }

    /** A record of the oldest pending slot's finalization was emitted. */
    public void finalizing(int ordinal) {
        finalizingEmitted = ordinal + 1;
    }

    /** The oldest pending slot is final (or retracted) and leaves the state. */
    public void finalized(long slot) {
        PendingBuilder first = pending.peekFirst();
        if (first != null && first.slot == slot) {
            pending.removeFirst();
        }
        finalizingEmitted = 0;
    }

    public SolanaSplit toSplit() {
        List<SolanaSplit.PendingSlot> slots = new ArrayList<>(pending.size());
        for (PendingBuilder p : pending) {
            slots.add(new SolanaSplit.PendingSlot(p.slot, p.blockhash, p.events));
        }
        return new SolanaSplit(
                split.id(),
                split.firstSlot(),
                split.lastSlot(),
                split.modulus(),
                split.remainder(),
                nextSlot,
                emittedInSlot,
                slots,
                finalizingEmitted);
    }

    private static final class PendingBuilder {
        final long slot;
        final String blockhash;
        final List<SolanaRecord> events;

        PendingBuilder(long slot, String blockhash, List<SolanaRecord> events) {
            this.slot = slot;
            this.blockhash = blockhash;
            this.events = new ArrayList<>(events);
        }
    }
}
