package io.chainplay.devnet.solana;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The devnet's chain: produced blocks (canonical and forked), the commitment heads, and the indexes
 * the RPC methods read (by signature, by address), plus the generated ground truth.
 *
 * <p>One producer thread appends; HTTP threads read concurrently. Blocks and transactions are
 * immutable; the maps are concurrent; the heads are published last through one volatile write, so a
 * reader that sees a head also sees everything the head refers to.
 *
 * <p>Commitment, as a validator sees it: {@code processed} is the newest block; {@code confirmed}
 * is the newest ancestor of it at least {@code confirmedLag} slots behind the tip; {@code
 * finalized} (the root) is the newest ancestor at least {@code finalizedLag} slots behind. A fork
 * block is visible while it is an ancestor of the confirmed head; once the canonical chain
 * continues without it, it is "not available" (-32004) at confirmed, and once the root passes its
 * slot, the slot counts as skipped (-32007).
 */
final class Ledger {

    /** A transaction's position: the block holding it and its index there. */
    record Placement(Block block, int index) {
        DevnetTransaction transaction() {
            return block.transactions().get(index);
        }

        boolean before(Placement other) {
            return block.slot() < other.block.slot()
                    || (block.slot() == other.block.slot() && index < other.index);
        }
    }

    /** The commitment heads at one moment; {@code tipSlot} counts skipped slots too. */
    record Heads(long tipSlot, Block processed, Block confirmed, Block root) {
        Block of(Commitment commitment) {
            return switch (commitment) {
                case PROCESSED -> processed;
                case CONFIRMED -> confirmed;
                case FINALIZED -> root;
            };
        }
    }

    private final ConcurrentSkipListMap<Long, Block> blocks = new ConcurrentSkipListMap<>();
    private final Map<String, List<Placement>> bySignature = new ConcurrentHashMap<>();
    private final Map<String, AddressHistory> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, List<GeneratedEvent>> events =
            new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, List<GeneratedEvent>> failedEvents =
            new ConcurrentSkipListMap<>();
    private final String genesisHash;
    private volatile Heads heads;
    private volatile long firstAvailableSlot;

    Ledger(Block genesis, String genesisHash) {
        this.genesisHash = genesisHash;
        blocks.put(genesis.slot(), genesis);
        this.firstAvailableSlot = genesis.slot();
        this.heads = new Heads(genesis.slot(), genesis, genesis, genesis);
    }

    String genesisHash() {
        return genesisHash;
    }

    Heads heads() {
        return heads;
    }

    long firstAvailableSlot() {
        return firstAvailableSlot;
    }

    Block block(long slot) {
        return blocks.get(slot);
    }

    /** Adds a block and what it carries; not visible at any commitment until the heads move. */
    void append(Block block, List<GeneratedEvent> generated, List<GeneratedEvent> failed) {
        blocks.put(block.slot(), block);
        List<DevnetTransaction> transactions = block.transactions();
        for (int i = 0; i < transactions.size(); i++) {
            DevnetTransaction tx = transactions.get(i);
            Placement placement = new Placement(block, i);
            bySignature
                    .computeIfAbsent(tx.signature(), k -> new CopyOnWriteArrayList<>())
                    .add(placement);
            for (String account : tx.allAccounts()) {
                byAddress.computeIfAbsent(account, k -> new AddressHistory()).add(placement);
            }
        }
        if (!generated.isEmpty()) {
            events.put(block.slot(), List.copyOf(generated));
        }
        if (!failed.isEmpty()) {
            failedEvents.put(block.slot(), List.copyOf(failed));
        }
    }

    /**
     * Moves the heads after the tip reached {@code tipSlot} (whose block, if any, is appended). The
     * root never moves back.
     */
    void advance(long tipSlot, Block newest, int confirmedLag, int finalizedLag) {
        Heads old = heads;
        Block processed = newest != null ? newest : old.processed();
        Block confirmed = ancestorAtOrBelow(processed, tipSlot - confirmedLag);
        Block root = ancestorAtOrBelow(processed, tipSlot - finalizedLag);
        if (root == null || root.slot() < old.root().slot()) {
            root = old.root();
        }
        if (confirmed == null || confirmed.slot() < root.slot()) {
            confirmed = root;
        }
        heads = new Heads(tipSlot, processed, confirmed, root);
    }

    private Block ancestorAtOrBelow(Block head, long slot) {
        Block block = head;
        while (block != null && block.slot() > slot) {
            block = blocks.get(block.parentSlot());
        }
        return block;
    }

    /** The block at {@code slot} if it is visible at this commitment. */
    Block visibleBlock(long slot, Commitment commitment, Heads at) {
        Block block = blocks.get(slot);
        if (block == null) {
            return null;
        }
        if (block.canonical() && slot <= at.root().slot()) {
            return block;
        }
        if (commitment == Commitment.FINALIZED || slot <= at.root().slot()) {
            return null; // abandoned fork, or not final yet
        }
        return block.isAncestorOf(at.of(commitment)) ? block : null;
    }

    boolean visible(Placement placement, Commitment commitment, Heads at) {
        return visibleBlock(placement.block().slot(), commitment, at) == placement.block();
    }

    /** Where a transaction is visible at this commitment, or null. */
    Placement transaction(String signature, Commitment commitment, Heads at) {
        List<Placement> placements = bySignature.get(signature);
        if (placements == null) {
            return null;
        }
        for (Placement placement : placements) {
            if (visible(placement, commitment, at)) {
                return placement;
            }
        }
        return null;
    }

    /**
     * Newest first: the placements of transactions touching {@code address} that pass {@code
     * visible}, older than {@code before} (exclusive) and newer than {@code until} (exclusive).
     */
    List<Placement> history(
            String address,
            Placement before,
            String until,
            int limit,
            Predicate<Placement> visible) {
        AddressHistory history = byAddress.get(address);
        return history == null ? List.of() : history.scan(before, until, limit, visible);
    }

    /** The canonical (and, at confirmed, unrooted branch) blocks in [from, to], oldest first. */
    List<Long> blockSlots(long from, long to, Commitment commitment, Heads at, int limit) {
        List<Long> slots = new ArrayList<>();
        for (Block block :
                blocks.subMap(Math.max(from, firstAvailableSlot), true, to, true).values()) {
            if (slots.size() >= limit) {
                break;
            }
            if (visibleBlock(block.slot(), commitment, at) == block) {
                slots.add(block.slot());
            }
        }
        return slots;
    }

    // ---------------------------------------------------------------- ground truth

    List<GeneratedEvent> events(long fromSlot, long toSlot) {
        return flatten(events, fromSlot, toSlot);
    }

    List<GeneratedEvent> failedEvents(long fromSlot, long toSlot) {
        return flatten(failedEvents, fromSlot, toSlot);
    }

    /** Slots in the range that end with no canonical block: skipped or forked away. */
    List<Long> slotsWithoutCanonicalBlock(long fromSlot, long toSlot) {
        List<Long> out = new ArrayList<>();
        for (long slot = fromSlot; slot <= toSlot; slot++) {
            Block block = blocks.get(slot);
            if (block == null || !block.canonical()) {
                out.add(slot);
            }
        }
        return out;
    }

    List<Long> forkSlots(long fromSlot, long toSlot) {
        List<Long> out = new ArrayList<>();
        for (Block block : blocks.subMap(fromSlot, true, toSlot, true).values()) {
            if (!block.canonical()) {
                out.add(block.slot());
            }
        }
        return out;
    }

    private static List<GeneratedEvent> flatten(
            ConcurrentSkipListMap<Long, List<GeneratedEvent>> bySlot, long from, long to) {
        if (from > to) {
            return List.of();
        }
        List<GeneratedEvent> out = new ArrayList<>();
        for (List<GeneratedEvent> slotEvents : bySlot.subMap(from, true, to, true).values()) {
            out.addAll(slotEvents);
        }
        return Collections.unmodifiableList(out);
    }

    // ---------------------------------------------------------------- retention

    /** Forgets every slot below {@code slot}: its blocks, indexes and ground truth. */
    void prune(long slot) {
        if (slot <= firstAvailableSlot) {
            return;
        }
        firstAvailableSlot = slot; // readers see "cleaned up" before the data disappears
        for (Block block : blocks.headMap(slot).values()) {
            for (DevnetTransaction tx : block.transactions()) {
                List<Placement> placements = bySignature.get(tx.signature());
                if (placements != null) {
                    placements.removeIf(p -> p.block().slot() < slot);
                    if (placements.isEmpty()) {
                        bySignature.remove(tx.signature());
                    }
                }
            }
        }
        blocks.headMap(slot).clear();
        events.headMap(slot).clear();
        failedEvents.headMap(slot).clear();
        byAddress.values().forEach(history -> history.dropBefore(slot));
        byAddress.values().removeIf(AddressHistory::isEmpty);
    }

    /** One address's transactions in ledger order (slot, then position in block). */
    private static final class AddressHistory {
        private final List<Placement> placements = new ArrayList<>();

        synchronized void add(Placement placement) {
            placements.add(placement);
        }

        synchronized boolean isEmpty() {
            return placements.isEmpty();
        }

        synchronized void dropBefore(long slot) {
            int keepFrom = 0;
            while (keepFrom < placements.size() && placements.get(keepFrom).block().slot() < slot) {
                keepFrom++;
            }
            placements.subList(0, keepFrom).clear();
        }

        synchronized List<Placement> scan(
                Placement before, String until, int limit, Predicate<Placement> visible) {
            int from = placements.size() - 1;
            if (before != null) {
                from = firstAtOrAfter(before) - 1;
            }
            List<Placement> out = new ArrayList<>();
            for (int i = from; i >= 0 && out.size() < limit; i--) {
                Placement placement = placements.get(i);
                if (!visible.test(placement)) {
                    continue;
                }
                if (placement.transaction().signature().equals(until)) {
                    break;
                }
                out.add(placement);
            }
            return out;
        }

        /** Binary search: the first index whose placement is not before {@code target}. */
        private int firstAtOrAfter(Placement target) {
            int low = 0;
            int high = placements.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (placements.get(mid).before(target)) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
