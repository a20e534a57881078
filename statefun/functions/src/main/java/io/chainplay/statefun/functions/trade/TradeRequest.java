package io.chainplay.statefun.functions.trade;

/**
 * A player's request to make the daily trade, as JSON on {@code wf.trade.requests} (keyed by
 * player).
 *
 * @param requestId chosen by the caller; a request sent again with the same id gets the same answer
 * @param player the player wallet; also the Kafka key, which routes the request
 * @param market e.g. BTC-USD
 * @param side BUY or SELL
 * @param qty quantity of the synthetic asset, a decimal string as the exchange takes it
 */
public record TradeRequest(
        String requestId, String player, String market, String side, String qty) {}
