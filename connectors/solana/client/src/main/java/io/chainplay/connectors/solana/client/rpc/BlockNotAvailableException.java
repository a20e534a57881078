package io.chainplay.connectors.solana.client.rpc;

/**
 * The node has no block for the slot at this commitment yet (JSON-RPC error -32004 "Block not
 * available for slot X", or a null result): normal near the tip at {@code confirmed}. Unlike a
 * skipped slot, the block may still come; ask again later.
 */
public class BlockNotAvailableException extends RpcException {

    private final long slot;

    public BlockNotAvailableException(String method, String endpoint, long slot, String message) {
        super(method, endpoint, null, RpcErrorCodes.BLOCK_NOT_AVAILABLE, true, message, null);
        this.slot = slot;
    }

    public long slot() {
        return slot;
    }
}
