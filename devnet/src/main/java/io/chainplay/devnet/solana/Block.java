package io.chainplay.devnet.solana;

import java.util.List;

/**
 * A produced block. Canonical blocks have {@code forkId} 0; a block on a fork that is later
 * abandoned carries its fork's id and the canonical slot it branched from.
 *
 * @param parentSlot the slot of the parent block (skipped slots in between have no block)
 * @param branchBase for a fork block, the last canonical slot of its ancestry; unused otherwise
 * @param leader the validator that produced it, credited with half the fees as a "Fee" reward
 */
record Block(
        long slot,
        long parentSlot,
        String blockhash,
        String previousBlockhash,
        long blockHeight,
        long blockTime,
        List<DevnetTransaction> transactions,
        int forkId,
        long branchBase,
        String leader,
        long leaderReward,
        long leaderPostBalance) {

    boolean canonical() {
        return forkId == 0;
    }

    /** Whether this block is {@code head} or one of its ancestors. */
    boolean isAncestorOf(Block head) {
        if (slot > head.slot()) {
            return false;
        }
        if (canonical()) {
            return head.canonical() || slot <= head.branchBase();
        }
        return forkId == head.forkId();
    }
}
