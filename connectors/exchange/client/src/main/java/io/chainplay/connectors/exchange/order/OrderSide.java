package io.chainplay.connectors.exchange.order;

/** Buy or sell the market's synthetic asset (BTC in BTC-USD) against its collateral (USD). */
public enum OrderSide {
    BUY,
    SELL
}
