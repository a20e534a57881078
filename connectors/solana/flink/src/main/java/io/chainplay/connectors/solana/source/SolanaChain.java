package io.chainplay.connectors.solana.source;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What the source needs from a Solana node: slots, and blocks already decoded into program events.
 *
 * <p>The real one ({@link RpcSolanaChain}) speaks JSON-RPC and decodes with the configured IDLs;
 * tests pass a scripted one. Each source reader opens its own through a {@link Factory}.
 */
public interface SolanaChain extends AutoCloseable {

    /** The commitment levels the source reads at. */
    enum Level {
        CONFIRMED,
        FINALIZED
    }

    /** The newest slot at a commitment level. */
    long slot(Level level) throws IOException;

    /**
     * A slot's block with the configured programs' events, in transaction and log order.
     *
     * @return empty when the slot was skipped (no block will ever exist for it at this level)
     * @throws NotYetAvailable when the node has not reached the slot at this level yet
     */
    Optional<Block> block(long slot, Level level) throws IOException, NotYetAvailable;

    /**
     * The hash of a slot's block, without its transactions: the finality check.
     *
     * @return empty when the slot was skipped at this level
     */
    Optional<String> blockhash(long slot, Level level) throws IOException, NotYetAvailable;

    /**
     * A hint that these slots will be read soon at this level, in this order: an implementation may
     * fetch them together (JSON-RPC batches) and serve the following {@link #block} calls from what
     * it fetched. The default does nothing.
     */
    default void prefetch(List<Long> slots, Level level) {}

    @Override
    void close();

    /** Opens a connection per reader; serialized with the source. */
    interface Factory extends Serializable {
        SolanaChain open();
    }

    /**
     * A block as the source sees it.
     *
     * @param slot its slot
     * @param blockhash its hash
     * @param blockTime seconds since the epoch, or null when the node has none
     * @param items events and decode failures, in order
     */
    record Block(long slot, String blockhash, Long blockTime, List<Item> items) {}

    /**
     * One decoded event, or a failure to decode one.
     *
     * @param programId the program that emitted it
     * @param programName the program's IDL name
     * @param eventName the event's IDL name; null for a failure
     * @param txSignature the transaction's first signature
     * @param instructionIndex the top-level instruction it belongs to
     * @param eventIndex its ordinal among the program events of that instruction
     * @param payloadJson the decoded fields as canonical JSON; null for a failure
     * @param rawData the event bytes (kept for failures, for the dead letter)
     * @param failure why it could not be decoded; null for an event
     */
    record Item(
            String programId,
            String programName,
            String eventName,
            String txSignature,
            int instructionIndex,
            int eventIndex,
            String payloadJson,
            byte[] rawData,
            String failure) {

        public boolean isFailure() {
            return failure != null;
        }
    }

    /** The node has not reached a slot at the asked commitment yet; ask again later. */
    final class NotYetAvailable extends Exception {
        public NotYetAvailable(String message) {
            super(message);
        }
    }
}
