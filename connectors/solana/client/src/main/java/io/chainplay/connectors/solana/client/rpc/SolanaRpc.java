package io.chainplay.connectors.solana.client.rpc;

import java.util.List;
import java.util.Optional;

/**
 * The Solana JSON-RPC methods the connector reads with, as a real node serves them
 * (https://solana.com/docs/rpc/http). An interface so that the Flink source can be tested with
 * fakes; {@link HttpSolanaRpc} is the real one.
 *
 * <p>Failures are unchecked {@link RpcException}s; {@link RpcException#isTransient()} says whether
 * trying again later may help. Implementations are thread-safe.
 */
public interface SolanaRpc extends AutoCloseable {

    /** {@code getSlot}: the newest slot the node has reached at the commitment. */
    long getSlot(Commitment commitment);

    /**
     * {@code getBlock} with {@code {"encoding": "json", "transactionDetails": "full", "rewards":
     * false, "maxSupportedTransactionVersion": 0}}.
     *
     * @return empty when the slot was skipped (-32007) or is missing in long-term storage (-32009):
     *     no block will come for it
     * @throws BlockNotAvailableException when the node has no block for it at this commitment yet
     *     (-32004): normal near the tip, ask again later
     * @throws IllegalArgumentException for {@link Commitment#PROCESSED}, which getBlock refuses
     */
    Optional<Block> getBlock(long slot, Commitment commitment);

    /**
     * {@code getBlock} with {@code "transactionDetails": "none"}: hash, parent and time without
     * transactions, for finality checks. Same empty/exception contract as {@link #getBlock}.
     */
    Optional<Block> getBlockHeader(long slot, Commitment commitment);

    /**
     * Several {@code getBlock} calls, sent as JSON-RPC batches. Each slot gets its own outcome.
     *
     * @return one entry per slot, in the order asked
     */
    List<BlockFetch> getBlocksBatch(List<Long> slots, Commitment commitment);

    /**
     * {@code getBlocks}: the slots in {@code [startSlot, endSlot]} that have a block (at most
     * 500,000 slots apart).
     */
    List<Long> getBlocks(long startSlot, long endSlot, Commitment commitment);

    /**
     * {@code getSignaturesForAddress}: signatures of transactions that reference the address,
     * newest first.
     *
     * @param before start below this signature (exclusive), or null for the newest
     * @param until stop at this signature (exclusive), or null
     * @param limit 1 to 1000
     */
    List<SignatureInfo> getSignaturesForAddress(
            String address, String before, String until, int limit, Commitment commitment);

    /**
     * {@code getTransaction} with {@code {"encoding": "json", "maxSupportedTransactionVersion":
     * 0}}.
     *
     * @return empty when the node does not know the signature (at this commitment)
     */
    Optional<TransactionResponse> getTransaction(String signature, Commitment commitment);

    /**
     * {@code getSignatureStatuses} for up to 256 signatures.
     *
     * @param searchTransactionHistory also look beyond the node's recent status cache
     * @return one entry per signature, in order; empty for a signature the node does not know
     */
    List<Optional<SignatureStatus>> getSignatureStatuses(
            List<String> signatures, boolean searchTransactionHistory);

    @Override
    default void close() {}
}
