package io.chainplay.statefun.functions.exchange;

/**
 * A priced and signed order, as the workflow keeps it in state before anything is sent: everything
 * needed to send the very same order again after a crash.
 *
 * <p>Signing is deterministic (StarkWare's RFC 6979 k), so {@link ExtendedGateway} re-signs these
 * fields and checks the body equals {@link #bodyJson()} instead of parsing it back.
 *
 * @param externalId the client order id ({@code cp-<requestId>})
 * @param price the limit price, decimal string
 * @param feeRate the highest fee rate the order accepts
 * @param expiryMillis when the exchange expires the order
 * @param nonce the order's nonce (SNIP-12 salt)
 * @param bodyJson the signed create-order body; public data only (signature, public key)
 */
public record OrderPlan(
        String externalId,
        String market,
        String side,
        String qty,
        String price,
        String feeRate,
        long expiryMillis,
        long nonce,
        String bodyJson) {}
