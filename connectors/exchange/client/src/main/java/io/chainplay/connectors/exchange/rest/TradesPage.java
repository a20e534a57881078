package io.chainplay.connectors.exchange.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One page of {@code GET /api/v1/user/trades}: the account's fills newest first, as the raw
 * AccountTradeModel objects (mapping and validation are the caller's, so that one bad trade becomes
 * one dead letter rather than a failed page).
 *
 * @param trades the page's trades, newest first
 * @param cursor {@code pagination.cursor}: pass it to get the next (older) page; null at the end
 */
public record TradesPage(List<JsonNode> trades, Long cursor) {

    public TradesPage {
        trades = List.copyOf(trades);
    }

    /** Whether an older page may exist. */
    public boolean hasMore() {
        return cursor != null && !trades.isEmpty();
    }
}
