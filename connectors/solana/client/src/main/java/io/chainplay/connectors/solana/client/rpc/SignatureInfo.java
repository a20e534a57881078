package io.chainplay.connectors.solana.client.rpc;

/**
 * One entry of {@code getSignaturesForAddress}
 * (https://solana.com/docs/rpc/http/getsignaturesforaddress), newest first.
 *
 * @param signature the transaction signature (base58)
 * @param slot the slot of the block holding it
 * @param errJson the transaction error as JSON text, or null when it succeeded
 * @param memo the memo, or null
 * @param blockTime Unix seconds, or null
 * @param confirmationStatus the cluster's confirmation of it, or null when the node omits it
 */
public record SignatureInfo(
        String signature,
        long slot,
        String errJson,
        String memo,
        Long blockTime,
        Commitment confirmationStatus) {

    public boolean failed() {
        return errJson != null;
    }
}
