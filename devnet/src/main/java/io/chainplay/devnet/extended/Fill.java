package io.chainplay.devnet.extended;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * One account's side of a trade, as the account stream's {@code TRADE} message and {@code GET
 * /api/v1/user/trades} carry it (Extended's {@code AccountTradeModel}).
 *
 * @param isTaker whether this account's order was the incoming one
 * @param fee what this account paid, in collateral (USD)
 */
public record Fill(
        long id,
        long accountId,
        String market,
        long orderId,
        String side,
        BigDecimal price,
        BigDecimal qty,
        BigDecimal value,
        BigDecimal fee,
        boolean isTaker,
        String tradeType,
        long createdTime) {

    /**
     * This fill as the exchange sends it (an {@code AccountTradeModel} object of the stream's
     * {@code TRADE} message and of {@code GET /user/trades}), for clients that read it as the real
     * exchange's.
     */
    public ObjectNode toJson() {
        return Exchange.tradeJson(this);
    }
}
