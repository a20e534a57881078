package io.chainplay.statefun.functions.trade;

import io.chainplay.schemas.exchange.ExchangeFill;

/** One fill of the workflow's order, the fields the result needs (decimals as strings). */
public record FillPart(long fillId, long orderId, String price, String qty, String fee) {

    static FillPart of(ExchangeFill fill) {
        return new FillPart(
                fill.getFillId(), fill.getOrderId(), fill.getPrice(), fill.getQty(), fill.getFee());
    }
}
