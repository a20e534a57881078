package io.chainplay.connectors.exchange.market;

import java.util.Collection;

/** An order or lookup named a market the loaded market list does not have. */
public final class UnknownMarketException extends IllegalArgumentException {

    private final String market;

    public UnknownMarketException(String market, Collection<String> known) {
        super(
                "Unknown market '"
                        + market
                        + "'; known markets: "
                        + (known.isEmpty() ? "(none loaded)" : String.join(", ", known))
                        + ". Market names are case-sensitive, like BTC-USD; reload the market"
                        + " list if the market was listed recently.");
        this.market = market;
    }

    public String market() {
        return market;
    }
}
