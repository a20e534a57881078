package io.chainplay.connectors.exchange.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What a trader asks for, in human units: buy or sell {@code quantity} of a market's synthetic
 * asset at a limit {@code price}, paying at most {@code feeRate} of the order's value, valid until
 * {@code expiry}.
 *
 * @param market market name, e.g. {@code BTC-USD}
 * @param quantity synthetic quantity, e.g. {@code 0.001} BTC
 * @param price limit price in collateral per synthetic unit
 * @param feeRate the highest fee rate the order accepts (Extended's taker rate, plus any builder
 *     fee), e.g. {@code 0.0005}
 * @param expiry when the exchange cancels the order; carried to the API in milliseconds, so it is
 *     truncated to the millisecond here
 * @param nonce the order's nonce (the SNIP-12 {@code salt}); unique per account
 */
public record OrderRequest(
        String market,
        OrderSide side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal feeRate,
        Instant expiry,
        long nonce) {

    public OrderRequest {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(feeRate, "feeRate");
        Objects.requireNonNull(expiry, "expiry");
        expiry = Instant.ofEpochMilli(expiry.toEpochMilli());
    }
}
