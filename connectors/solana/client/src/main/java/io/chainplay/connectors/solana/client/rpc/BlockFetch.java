package io.chainplay.connectors.solana.client.rpc;

/** What one slot of a batched block fetch gave; each slot of a batch can differ. */
public sealed interface BlockFetch {

    long slot();

    /** The block. */
    record Found(Block block) implements BlockFetch {
        @Override
        public long slot() {
            return block.slot();
        }
    }

    /** No block will ever exist for the slot (JSON-RPC -32007 or -32009). */
    record Skipped(long slot, String message) implements BlockFetch {}

    /** Not available at this commitment yet (-32004 or a null result): ask again later. */
    record NotAvailable(long slot, String message) implements BlockFetch {}

    /** The node answered this slot with an error, or never answered it. */
    record Failed(long slot, RpcException error) implements BlockFetch {}
}
