package io.chainplay.connectors.solana.source.reader;

import io.chainplay.connectors.solana.source.SolanaRecord;

/**
 * What the split reader hands the emitter: a record of a unit of work (reading a slot, or
 * finalizing one) with its position in that unit, or the marker that ends the unit. The emitter
 * advances the split's cursor from these, so a checkpoint knows exactly what was emitted.
 */
final class UnitRecord {

    enum Phase {
        OBSERVE,
        FINALIZE
    }

    final Phase phase;
    final long slot;

    /** Ordinal of the record in its unit; -1 for the end marker. */
    final int ordinal;

    /** The record; null for the end marker. */
    final SolanaRecord record;

    /** Hash of the block read (OBSERVE). */
    final String blockhash;

    /** Whether observed events wait for finality (read at confirmed). */
    final boolean pending;

    /** End marker of OBSERVE: the next slot to read. */
    final long nextSlot;

    /** End marker of OBSERVE: the slot had no block at confirmed; check it when finalized. */
    final boolean unseen;

    private UnitRecord(
            Phase phase,
            long slot,
            int ordinal,
            SolanaRecord record,
            String blockhash,
            boolean pending,
            long nextSlot,
            boolean unseen) {
        this.phase = phase;
        this.slot = slot;
        this.ordinal = ordinal;
        this.record = record;
        this.blockhash = blockhash;
        this.pending = pending;
        this.nextSlot = nextSlot;
        this.unseen = unseen;
    }

    static UnitRecord observed(
            long slot, int ordinal, SolanaRecord record, String blockhash, boolean pending) {
        return new UnitRecord(Phase.OBSERVE, slot, ordinal, record, blockhash, pending, -1, false);
    }

    static UnitRecord slotDone(long slot, long nextSlot, boolean unseen) {
        return new UnitRecord(Phase.OBSERVE, slot, -1, null, null, false, nextSlot, unseen);
    }

    static UnitRecord finalizing(long slot, int ordinal, SolanaRecord record) {
        return new UnitRecord(Phase.FINALIZE, slot, ordinal, record, null, false, -1, false);
    }

    static UnitRecord finalized(long slot) {
        return new UnitRecord(Phase.FINALIZE, slot, -1, null, null, false, -1, false);
    }

    boolean isEnd() {
        return record == null;
    }
}
