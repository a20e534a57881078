package io.chainplay.devnet.solana;

/** What became of the transaction copy an event was generated in. */
public enum Fate {
    /** In a block of the canonical chain: it is, or will be, finalized. */
    FINAL,
    /**
     * In a canonical block after an earlier copy of the same transaction sat in a block that was
     * abandoned: final, and the same event id was already observable at {@code confirmed}.
     */
    REINCLUDED,
    /**
     * In a block that was visible at {@code confirmed} and was then abandoned: its slot ends up
     * skipped at {@code finalized}. Never final; a connector must retract what it observed.
     */
    DROPPED
}
