package io.chainplay.statefun.functions.trade;

/**
 * Where a player's trade of the day stands.
 *
 * <p>Only {@code IDLE -> ACCEPTED} exists so far. Order placement and fills slot in after ACCEPTED:
 * {@code ACCEPTED -> ORDER_PLACED} when the signed order is sent to the exchange, {@code
 * ORDER_PLACED -> FILLED} when its fill arrives on {@code raw.exchange.fills}, {@code -> FAILED} on
 * a timeout or an exchange rejection.
 */
public enum TradeStage {
    /** No trade today: the next request is accepted. */
    IDLE,
    /** Today's allowance is used by {@link DailyTradeState#acceptedRequestId()}. */
    ACCEPTED,
    /** Not yet reached: the order is at the exchange, waiting for its fill. */
    ORDER_PLACED,
    /** Not yet reached: the order filled. */
    FILLED,
    /** Not yet reached: the order could not be placed or did not fill in time. */
    FAILED
}
