package io.chainplay.connectors.solana.client.rpc;

/**
 * A JSON-RPC call that did not give a usable answer.
 *
 * <p>The message names the method, the endpoint (scheme, host and port only: paths and query
 * strings often hold API keys) and the node's own message. {@link #isTransient()} tells errors that
 * may pass (every endpoint overloaded, timeouts, a node behind) from those that will not (invalid
 * parameters, unknown method, a rejected API key), so a caller knows whether to retry later or to
 * stop and report.
 */
public class RpcException extends RuntimeException {

    private final String method;
    private final String endpoint;
    private final Integer httpStatus;
    private final Long rpcCode;
    private final boolean isTransient;

    public RpcException(
            String method,
            String endpoint,
            Integer httpStatus,
            Long rpcCode,
            boolean isTransient,
            String message,
            Throwable cause) {
        super(message, cause);
        this.method = method;
        this.endpoint = endpoint;
        this.httpStatus = httpStatus;
        this.rpcCode = rpcCode;
        this.isTransient = isTransient;
    }

    /** The JSON-RPC method, e.g. {@code getBlock}. */
    public String method() {
        return method;
    }

    /** The redacted endpoint that gave the last answer, or null. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status of the last answer, or null (no answer, or a JSON-RPC error). */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** The JSON-RPC error code, e.g. -32602, or null. */
    public Long rpcCode() {
        return rpcCode;
    }

    /** True when trying again later may succeed. */
    public boolean isTransient() {
        return isTransient;
    }
}
