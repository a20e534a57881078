package io.chainplay.statefun.functions.exchange;

/**
 * An order as the exchange reports it (Extended's {@code OpenOrderModel}, the fields used here).
 *
 * @param status NEW, PARTIALLY_FILLED, FILLED, CANCELLED, EXPIRED, REJECTED, ...
 * @param filledQty decimal string, "0" if nothing filled
 * @param averagePrice decimal string, null if nothing filled
 * @param fee the fee paid so far, decimal string
 */
public record OrderStatus(
        long orderId,
        String status,
        String qty,
        String filledQty,
        String averagePrice,
        String fee) {}
