package io.chainplay.connectors.solana.client.rpc;

import java.util.Locale;

/**
 * Solana's commitment levels (https://solana.com/docs/rpc#configuring-state-commitment).
 *
 * <p>{@code getBlock}, {@code getBlocks}, {@code getTransaction} and {@code
 * getSignaturesForAddress} do not accept {@link #PROCESSED}: a processed slot may still be skipped
 * by the cluster.
 */
public enum Commitment {
    /** The node's most recent block, not yet voted on. */
    PROCESSED,
    /** Voted on by a supermajority of the cluster (optimistic confirmation). */
    CONFIRMED,
    /** Rooted: a supermajority has reached maximum lockout; will not be rolled back. */
    FINALIZED;

    /** The name as the JSON-RPC API spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code processed}, {@code confirmed} or {@code finalized}, any case. */
    public static Commitment parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown commitment '" + text + "': use processed, confirmed or finalized");
        }
    }
}
