package io.chainplay.connectors.exchange.market;

import java.util.Objects;

/**
 * One Extended perpetual market as its {@code GET /api/v1/info/markets} entry describes it: the
 * synthetic asset (e.g. BTC) traded against the collateral (USD), its order limits and its
 * Stark-layer settlement configuration.
 */
public record Market(
        String name,
        String assetName,
        int assetPrecision,
        String collateralAssetName,
        int collateralAssetPrecision,
        boolean active,
        TradingConfig tradingConfig,
        L2Config l2Config) {

    public Market {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tradingConfig, "tradingConfig");
        Objects.requireNonNull(l2Config, "l2Config");
    }
}
