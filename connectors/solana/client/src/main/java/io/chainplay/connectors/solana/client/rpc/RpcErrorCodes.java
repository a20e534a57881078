package io.chainplay.connectors.solana.client.rpc;

import java.util.Set;

/**
 * The JSON-RPC error codes a Solana node answers with, as agave defines them ({@code
 * rpc-client-api/src/custom_error.rs}) plus the JSON-RPC 2.0 standard ones.
 */
public final class RpcErrorCodes {

    /** "Block X cleaned up, does not exist on node. First available block: Y": try another. */
    public static final long BLOCK_CLEANED_UP = -32001;

    /** "Block not available for slot X": not yet there at this commitment. */
    public static final long BLOCK_NOT_AVAILABLE = -32004;

    /** "Node is behind by N slots" / "Node is unhealthy". */
    public static final long NODE_UNHEALTHY = -32005;

    /** "Slot X was skipped, or missing due to ledger jump to recent snapshot". */
    public static final long SLOT_SKIPPED = -32007;

    /** "Slot X was skipped, or missing in long-term storage". */
    public static final long LONG_TERM_STORAGE_SLOT_SKIPPED = -32009;

    /** "Transaction history is not available from this node". */
    public static final long TRANSACTION_HISTORY_NOT_AVAILABLE = -32011;

    /** "Block status not yet available for slot X". */
    public static final long BLOCK_STATUS_NOT_AVAILABLE_YET = -32014;

    /** "Minimum context slot has not been reached". */
    public static final long MIN_CONTEXT_SLOT_NOT_REACHED = -32016;

    /** "Failed to query long-term storage; please try again". */
    public static final long LONG_TERM_STORAGE_UNREACHABLE = -32019;

    public static final long INVALID_REQUEST = -32600;
    public static final long METHOD_NOT_FOUND = -32601;
    public static final long INVALID_PARAMS = -32602;
    public static final long INTERNAL_ERROR = -32603;

    /** Errors about the node's state rather than the request: another node, or later, may do. */
    static final Set<Long> TRANSIENT =
            Set.of(
                    NODE_UNHEALTHY,
                    BLOCK_STATUS_NOT_AVAILABLE_YET,
                    MIN_CONTEXT_SLOT_NOT_REACHED,
                    LONG_TERM_STORAGE_UNREACHABLE,
                    INTERNAL_ERROR);

    private RpcErrorCodes() {}
}
