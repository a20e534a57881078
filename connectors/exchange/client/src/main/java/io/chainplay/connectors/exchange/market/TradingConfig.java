package io.chainplay.connectors.exchange.market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The order limits of a market ({@code tradingConfig} in Extended's market response) that an order
 * must meet before it is worth signing.
 *
 * @param minOrderSize smallest quantity of the synthetic asset an order may have
 * @param minOrderSizeChange quantity step: every quantity is a multiple of it
 * @param minPriceChange price tick
 * @param maxLimitOrderValue largest quantity × price of one limit order, in collateral
 */
public record TradingConfig(
        BigDecimal minOrderSize,
        BigDecimal minOrderSizeChange,
        BigDecimal minPriceChange,
        BigDecimal maxLimitOrderValue) {

    public TradingConfig {
        Objects.requireNonNull(minOrderSize, "minOrderSize");
        Objects.requireNonNull(minOrderSizeChange, "minOrderSizeChange");
        Objects.requireNonNull(minPriceChange, "minPriceChange");
        Objects.requireNonNull(maxLimitOrderValue, "maxLimitOrderValue");
        if (minOrderSizeChange.signum() <= 0 || minPriceChange.signum() <= 0) {
            throw new IllegalArgumentException("size step and price tick must be positive");
        }
    }
}
