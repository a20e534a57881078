package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error the node returns in place of a result. */
final class RpcException extends Exception {

    // Standard JSON-RPC 2.0 codes.
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;

    // Solana's server codes (rpc-client-api custom_error.rs).
    static final int BLOCK_CLEANED_UP = -32001;
    static final int BLOCK_NOT_AVAILABLE = -32004;
    static final int SLOT_SKIPPED = -32007;
    static final int LONG_TERM_STORAGE_SLOT_SKIPPED = -32009;
    static final int UNSUPPORTED_TRANSACTION_VERSION = -32015;
    static final int MIN_CONTEXT_SLOT_NOT_REACHED = -32016;

    final int code;
    final transient JsonNode data;

    RpcException(int code, String message) {
        this(code, message, null);
    }

    RpcException(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    static RpcException invalidParams(String message) {
        return new RpcException(INVALID_PARAMS, message);
    }

    static RpcException blockNotAvailable(long slot) {
        return new RpcException(BLOCK_NOT_AVAILABLE, "Block not available for slot " + slot);
    }

    static RpcException slotSkipped(long slot) {
        return new RpcException(
                SLOT_SKIPPED,
                "Slot " + slot + " was skipped, or missing due to ledger jump to recent snapshot");
    }

    static RpcException longTermStorageSlotSkipped(long slot) {
        return new RpcException(
                LONG_TERM_STORAGE_SLOT_SKIPPED,
                "Slot " + slot + " was skipped, or missing in long-term storage");
    }

    static RpcException blockCleanedUp(long slot, long firstAvailable) {
        return new RpcException(
                BLOCK_CLEANED_UP,
                "Block "
                        + slot
                        + " cleaned up, does not exist on node. First available block: "
                        + firstAvailable);
    }

    static RpcException unsupportedVersion(int version) {
        return new RpcException(
                UNSUPPORTED_TRANSACTION_VERSION,
                "Transaction version ("
                        + version
                        + ") is not supported by the requesting client. Please try the request"
                        + " again with the following configuration parameter:"
                        + " \"maxSupportedTransactionVersion\": "
                        + version);
    }
}
