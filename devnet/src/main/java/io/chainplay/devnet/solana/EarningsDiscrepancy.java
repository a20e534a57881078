package io.chainplay.devnet.solana;

/**
 * A hook to make the Solana Mafia program pay what it should not: given the earnings the rules give
 * for an {@code EarningsUpdated}, returns what the event reports (and the player's pending total
 * then grows by). The default pays exactly; a reconciliation test swaps in one that skims.
 */
@FunctionalInterface
public interface EarningsDiscrepancy {

    /**
     * @param player the player's wallet
     * @param correctEarningsAdded what the rules give for this update
     * @param blockTime the update's time, Unix seconds
     * @return the earnings_added the event will carry
     */
    long earningsAdded(String player, long correctEarningsAdded, long blockTime);

    static EarningsDiscrepancy none() {
        return (player, correct, blockTime) -> correct;
    }
}
