package io.chainplay.devnet.solana;

import java.util.List;

/**
 * What the devnet generated, for tests to compare a connector's output with.
 *
 * <p>Events of failed transactions are kept apart: their "Program data:" lines are in the logs, but
 * they never happened, so they must not count. Events on an abandoned fork are in {@link #events}
 * with {@link Fate#DROPPED}; {@link #finalEvents} leaves them out and is what a bounded read at
 * {@code finalized} must produce, each exactly once.
 */
public final class GroundTruth {

    private final Ledger ledger;

    GroundTruth(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Events of successful transactions in blocks of [fromSlot, toSlot], any fate, in order. */
    public List<GeneratedEvent> events(long fromSlot, long toSlot) {
        return ledger.events(fromSlot, toSlot);
    }

    /** Events that are or will be finalized: {@link #events} without abandoned-fork copies. */
    public List<GeneratedEvent> finalEvents(long fromSlot, long toSlot) {
        return events(fromSlot, toSlot).stream().filter(GeneratedEvent::isFinal).toList();
    }

    /** Events logged by failed transactions: present in the logs, never to be counted. */
    public List<GeneratedEvent> failedTransactionEvents(long fromSlot, long toSlot) {
        return ledger.failedEvents(fromSlot, toSlot);
    }

    /** Slots with no canonical block: skipped, or holding a block of an abandoned fork. */
    public List<Long> slotsWithoutBlock(long fromSlot, long toSlot) {
        return ledger.slotsWithoutCanonicalBlock(fromSlot, toSlot);
    }

    /** Slots whose block was on a fork that is (or will be) abandoned. */
    public List<Long> forkSlots(long fromSlot, long toSlot) {
        return ledger.forkSlots(fromSlot, toSlot);
    }
}
