package io.chainplay.connectors.solana.source.reader;

import io.chainplay.connectors.solana.source.SolanaChain;
import io.chainplay.connectors.solana.source.SolanaChain.Level;
import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.connectors.solana.source.split.SolanaSplit;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads blocks for the splits of one reader, one unit of work per fetch: the next owned slot's
 * block, or the finalization of the oldest pending slot.
 *
 * <p>Runs on the source's fetcher thread and keeps its own copy of each split's progress; the
 * emitter moves the checkpointed copy from the records this produces. On restore both start from
 * the split's cursor, and the first unit skips the records the cursor says were emitted.
 */
final class SolanaSplitReader implements SplitReader<UnitRecord, SolanaSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(SolanaSplitReader.class);

    /** Slots fetched together when the reader is behind the tip (a backfill, a catch-up). */
    private static final int PREFETCH = 16;

    /** The blockhash of a pending slot that had no block at confirmed. */
    static final String UNSEEN = "";

    private final SolanaChain chain;
    private final Level level;
    private final long pollMillis;
    private final Counter deadLetters;
    private final Counter retracted;
    private final Deque<Progress> splits = new ArrayDeque<>();
    private final Object wakeUp = new Object();
    private volatile boolean wokenUp;

    private long tip = -1;
    private long tipReadAt;
    private long finalizedTip = -1;
    private long finalizedReadAt;

    SolanaSplitReader(
            SolanaChain chain,
            Level level,
            long pollMillis,
            Counter deadLetters,
            Counter retracted) {
        this.chain = chain;
        this.level = level;
        this.pollMillis = pollMillis;
        this.deadLetters = deadLetters;
        this.retracted = retracted;
    }

    @Override
    public RecordsWithSplitIds<UnitRecord> fetch() throws IOException {
        // Live splits take turns, a unit each; bounded splits are read one after the other.
        for (int turn = 0; turn < splits.size(); turn++) {
            Progress progress = splits.pollFirst();
            RecordsBySplits.Builder<UnitRecord> batch = new RecordsBySplits.Builder<>();
            boolean worked = work(progress, batch);
            if (progress.finished()) {
                batch.addFinishedSplit(progress.split.id());
            } else if (progress.split.isBounded()) {
                splits.addFirst(progress);
            } else {
                splits.addLast(progress);
            }
            if (worked || progress.finished()) {
                return batch.build();
            }
        }
        idle();
        return new RecordsBySplits.Builder<UnitRecord>().build();
    }

    /** Does the next unit of a split if it can; false when it has to wait for the chain. */
    private boolean work(Progress p, RecordsBySplits.Builder<UnitRecord> batch) throws IOException {
        String id = p.split.id();
        try {
            SolanaSplit.PendingSlot oldest = p.pending.peekFirst();
            // A slot is finalized only once fully observed (after a restore inside its block, the
            // rest of the block is read first).
            if (oldest != null
                    && oldest.slot() < p.nextSlot
                    && finalizedTip(oldest.slot()) >= oldest.slot()) {
                finalize(p, batch, id);
                return true;
            }
            if (p.nextSlot > p.split.lastSlot()) {
                return false; // range done; finished() once nothing is pending
            }
            if (tip(p.nextSlot) < p.nextSlot) {
                return false;
            }
            observe(p, batch, id);
            return true;
        } catch (SolanaChain.NotYetAvailable e) {
            return false; // the node will have it shortly
        }
    }

    private void observe(Progress p, RecordsBySplits.Builder<UnitRecord> batch, String id)
            throws IOException, SolanaChain.NotYetAvailable {
        long slot = p.nextSlot;
        chain.prefetch(ahead(p, slot), level);
        boolean waitsForFinality = level == Level.CONFIRMED;
        Optional<SolanaChain.Block> block;
        try {
            block = chain.block(slot, level);
        } catch (SolanaChain.NotYetAvailable e) {
            if (!waitsForFinality || slot >= tip) {
                throw e;
            }
            // Below the confirmed head but not on its chain: skipped on this fork. A node only
            // says so once the slot is rooted, ~13 s later; rather than stall, move on and look
            // at the slot again when it is finalized, in case the chain switches to a fork that
            // has it.
            p.skip = 0;
            p.nextSlot = slot + p.split.modulus();
            p.pending.add(new SolanaSplit.PendingSlot(slot, UNSEEN, List.of()));
            batch.add(id, UnitRecord.slotDone(slot, p.nextSlot, true));
            return;
        }
        if (block.isPresent()) {
            SolanaChain.Block b = block.get();
            List<SolanaRecord> records = new ArrayList<>(b.items().size());
            List<SolanaRecord> events = new ArrayList<>();
            for (SolanaChain.Item item : b.items()) {
                if (item.isFailure()) {
                    records.add(Envelopes.deadLetter(b, item));
                } else {
                    SolanaRecord event = Envelopes.event(b, item, !waitsForFinality);
                    records.add(event);
                    events.add(event);
                }
            }
            for (int i = p.skip; i < records.size(); i++) {
                SolanaRecord record = records.get(i);
                if (record.type == SolanaRecord.Type.DEAD_LETTER) {
                    deadLetters.inc();
                }
                batch.add(
                        id, UnitRecord.observed(slot, i, record, b.blockhash(), waitsForFinality));
            }
            if (!p.pending.isEmpty() && p.pending.peekLast().slot() == slot) {
                p.pending.removeLast(); // the part emitted before a restore; the block has it all
            }
            if (waitsForFinality && !events.isEmpty()) {
                p.pending.add(new SolanaSplit.PendingSlot(slot, b.blockhash(), events));
            }
        }
        p.skip = 0;
        p.nextSlot = slot + p.split.modulus();
        batch.add(id, UnitRecord.slotDone(slot, p.nextSlot, false));
    }

    /** The owned slots from {@code slot} on that the node already has, for a batched fetch. */
    private List<Long> ahead(Progress p, long slot) {
        List<Long> slots = new ArrayList<>(PREFETCH);
        for (long s = slot;
                slots.size() < PREFETCH && s <= p.split.lastSlot() && s <= tip;
                s += p.split.modulus()) {
            slots.add(s);
        }
        return slots;
    }

    /**
     * Sends the oldest pending slot's events again: finalized, or retracted if it left the chain.
     */
    private void finalize(Progress p, RecordsBySplits.Builder<UnitRecord> batch, String id)
            throws IOException, SolanaChain.NotYetAvailable {
        SolanaSplit.PendingSlot pending = p.pending.peekFirst();
        Optional<String> finalHash = chain.blockhash(pending.slot(), Level.FINALIZED);
        boolean kept = finalHash.isPresent() && finalHash.get().equals(pending.blockhash());
        List<SolanaRecord> records = new ArrayList<>();
        for (SolanaRecord observed : pending.events()) {
            records.add(
                    Envelopes.rekind(observed, kept ? EventKind.FINALIZED : EventKind.RETRACTED));
        }
        if (!kept && finalHash.isPresent()) {
            // Another block took the slot on the finalized chain: its events are new ones.
            Optional<SolanaChain.Block> block = chain.block(pending.slot(), Level.FINALIZED);
            if (block.isPresent()) {
                for (SolanaChain.Item item : block.get().items()) {
                    records.add(
                            item.isFailure()
                                    ? Envelopes.deadLetter(block.get(), item)
                                    : Envelopes.event(block.get(), item, true));
                }
            }
        }
        if (!kept && !pending.events().isEmpty()) {
            LOG.info(
                    "Slot {} left the chain: {} events retracted",
                    pending.slot(),
                    pending.events().size());
            retracted.inc(pending.events().size());
        }
        for (int i = p.finalizeSkip; i < records.size(); i++) {
            batch.add(id, UnitRecord.finalizing(pending.slot(), i, records.get(i)));
        }
        p.finalizeSkip = 0;
        p.pending.removeFirst();
        batch.add(id, UnitRecord.finalized(pending.slot()));
    }

    /** The newest slot at the read level, asked again only when a slot beyond it is wanted. */
    private long tip(long wanted) throws IOException {
        long now = System.currentTimeMillis();
        if (wanted > tip && now - tipReadAt >= pollMillis / 2) {
            tip = chain.slot(level);
            tipReadAt = now;
        }
        return tip;
    }

    private long finalizedTip(long wanted) throws IOException {
        long now = System.currentTimeMillis();
        if (wanted > finalizedTip && now - finalizedReadAt >= pollMillis) {
            finalizedTip = chain.slot(Level.FINALIZED);
            finalizedReadAt = now;
        }
        return finalizedTip;
    }

    /** Waits a poll interval for the chain to move on, unless woken. */
    private void idle() {
        synchronized (wakeUp) {
            if (!wokenUp) {
                try {
                    wakeUp.wait(pollMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wokenUp = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<SolanaSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        for (SolanaSplit split : change.splits()) {
            splits.add(new Progress(split));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeUp) {
            wokenUp = true;
            wakeUp.notifyAll();
        }
    }

    @Override
    public void close() {
        chain.close();
    }

    /** The fetcher's own copy of a split's progress. */
    private static final class Progress {
        final SolanaSplit split;
        long nextSlot;
        int skip;
        final Deque<SolanaSplit.PendingSlot> pending;
        int finalizeSkip;

        Progress(SolanaSplit split) {
            this.split = split;
            this.nextSlot = split.nextSlot();
            this.skip = split.emittedInSlot();
            this.pending = new ArrayDeque<>(split.pending());
            this.finalizeSkip = split.finalizingEmitted();
        }

        boolean finished() {
            return split.isBounded() && nextSlot > split.lastSlot() && pending.isEmpty();
        }
    }
}
