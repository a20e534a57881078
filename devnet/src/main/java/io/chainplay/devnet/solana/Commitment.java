package io.chainplay.devnet.solana;

import java.util.Locale;

/** Solana's commitment levels, as a request names them. */
public enum Commitment {
    /** The node's newest block, which may still be on a fork that gets abandoned. */
    PROCESSED,
    /** Voted on by a supermajority (optimistic confirmation). */
    CONFIRMED,
    /** Rooted: at maximum lockout, never rolled back. */
    FINALIZED;

    /** The name as requests and responses spell it, e.g. {@code "confirmed"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
