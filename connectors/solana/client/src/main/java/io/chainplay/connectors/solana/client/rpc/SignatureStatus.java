package io.chainplay.connectors.solana.client.rpc;

/**
 * A transaction's status from {@code getSignatureStatuses}
 * (https://solana.com/docs/rpc/http/getsignaturestatuses).
 *
 * @param signature the signature asked about
 * @param slot the slot it was processed in
 * @param confirmations blocks since confirmation, or null once rooted (finalized)
 * @param errJson the transaction error as JSON text, or null
 * @param confirmationStatus processed, confirmed or finalized; null on nodes that omit it
 */
public record SignatureStatus(
        String signature,
        long slot,
        Long confirmations,
        String errJson,
        Commitment confirmationStatus) {}
