package io.chainplay.connectors.exchange.source.reader;

import io.chainplay.connectors.exchange.rest.TradesPage;

import java.io.IOException;

/** {@code GET /user/trades} of one account, newest first (the REST client, or a test script). */
@FunctionalInterface
public interface TradePages {
    TradesPage trades(Long cursor, int limit) throws IOException, InterruptedException;
}
