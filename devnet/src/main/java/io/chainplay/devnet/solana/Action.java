package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.TransactionAssembler.Transfer;

import java.util.ArrayList;
import java.util.List;

/**
 * A transaction an activity wants sent, planned against its current state without changing it.
 *
 * <p>The producer decides the transaction's fate (a canonical block, or a fork that is abandoned)
 * and whether it fails, then runs {@link #commit} only if the transaction takes effect on the
 * canonical chain. A dropped or failed transaction therefore leaves the game state as if it never
 * happened, which is what the chain does.
 */
final class Action {

    final String feePayer;
    final List<Invocation> instructions = new ArrayList<>();
    final List<Transfer> transfers = new ArrayList<>();

    /**
     * Whether an abandoned copy may be re-included later unchanged. Not for actions whose events
     * carry the block time: re-executed in another block they would say something else.
     */
    boolean reincludable = true;

    /** Setup actions (initialize, pool registration) never fail and never sit on a fork. */
    boolean setup;

    private Runnable commit = () -> {};

    Action(String feePayer) {
        this.feePayer = feePayer;
    }

    Action instruction(Invocation invocation) {
        instructions.add(invocation);
        return this;
    }

    Action transfer(String from, String to, long lamports) {
        if (lamports > 0) {
            transfers.add(new Transfer(from, to, lamports));
        }
        return this;
    }

    Action onCommit(Runnable commit) {
        this.commit = commit;
        return this;
    }

    void commit() {
        commit.run();
    }
}
