package io.chainplay.statefun.functions.exchange;

import java.util.Optional;

/**
 * What the daily-trade workflow needs from the exchange, per player: price and sign an order, place
 * it, look it up and cancel it by its external id.
 *
 * <p>Every call may be repeated with the same arguments after a crash or a replayed invocation and
 * must then have no further effect: {@link #place} with the same {@link OrderPlan} places at most
 * one order (the external id names it), {@link #cancel} of a cancelled or filled order changes
 * nothing. Failures are {@link ExchangeException}s that say whether asking again can help. The real
 * one is {@link ExtendedGateway}; unit tests use a fake.
 */
public interface ExchangeGateway {

    /**
     * Prices and signs an order for the request; no request that changes anything is sent.
     *
     * @param externalId the client order id the order will carry, deterministic per request
     * @param nonce the order's nonce, deterministic per request
     */
    OrderPlan plan(
            String player, String market, String side, String qty, String externalId, long nonce)
            throws ExchangeException;

    /** Places the planned order, or finds the one an earlier call placed; its order id. */
    long place(String player, OrderPlan plan) throws ExchangeException;

    /** The order with this external id, if the exchange has one. */
    Optional<OrderStatus> order(String player, String externalId) throws ExchangeException;

    /** Cancels the order with this external id; harmless if it is no longer open. */
    void cancel(String player, String externalId) throws ExchangeException;
}
