package io.chainplay.devnet.solana;

import java.util.List;
import java.util.function.Supplier;

/** A game's traffic: what it sends once, what falls due, and what players do. */
interface Activity {

    /** Transactions for the first block: program initialization, registrations. */
    List<Action> setup(ActivityContext context);

    /**
     * Scheduled work due in this block (bet resolutions, earnings updates), as planners: each plans
     * its transaction when called, against the state the transactions before it left.
     */
    List<Supplier<Action>> due(ActivityContext context);

    /** One player-initiated transaction, or null when nothing sensible is left to do. */
    Action next(ActivityContext context);

    /** Accounts v0 transactions load through this game's lookup table. */
    AddressLookupTable lookupTable();
}
