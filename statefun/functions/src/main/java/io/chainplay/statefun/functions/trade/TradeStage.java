package io.chainplay.statefun.functions.trade;

/**
 * Where a player's current trade stands; each stage is kept in {@link DailyTradeFn#WORKFLOW}.
 *
 * <pre>
 * ACCEPTED ──sign──▶ SIGNED ──place──▶ SUBMITTED ──fills = qty──▶ FILLED
 *    │                 │                   │
 *    │ refused         │ refused           └─fill timeout─▶ TIMED_OUT ──cancel, look up──▶
 *    ▼                 ▼                                        FILLED (it filled meanwhile)
 * REJECTED          REJECTED                                    or CANCELLED
 * </pre>
 *
 * Transient exchange failures leave the stage as it is and schedule a retry.
 */
public enum TradeStage {
    /** The day's allowance is reserved; the order is being priced and signed. */
    ACCEPTED,
    /** The signed order is in state; it is being sent (again, after a failure or a replay). */
    SIGNED,
    /** The exchange has the order; waiting for its fills or the fill timeout. */
    SUBMITTED,
    /** No (full) fill in time: cancelling and looking the order up. */
    TIMED_OUT,
    /** Done: the order filled (fully, or partly before the cancel). */
    FILLED,
    /** Done: cancelled without any fill; the allowance is released. */
    CANCELLED,
    /** Done: refused (by the exchange or by us); the allowance is released. */
    REJECTED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }
}
