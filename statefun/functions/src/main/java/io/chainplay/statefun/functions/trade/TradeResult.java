package io.chainplay.statefun.functions.trade;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of a {@link TradeRequest}, as JSON on {@code wf.trade.results} (keyed by player): one
 * record per status change of the request.
 *
 * @param requestId the request
 * @param player the player wallet
 * @param status see {@link Status}
 * @param reason why it was rejected, cancelled or timed out; null otherwise
 * @param code the exchange's error code of a refusal, null if none
 * @param day the UTC day (ISO) whose allowance the request was judged against
 * @param market, side, qty as requested
 * @param externalId the client order id ({@code cp-<requestId>}), once signed
 * @param orderId the exchange's order id, once submitted
 * @param filledQty, avgPrice, fee of the fills, once FILLED (decimal strings)
 * @param requestedAt when the request was accepted (or judged), epoch ms
 * @param updatedAt when this status was reached, epoch ms
 */
public record TradeResult(
        String requestId,
        String player,
        Status status,
        String reason,
        Integer code,
        String day,
        String market,
        String side,
        String qty,
        String externalId,
        Long orderId,
        String filledQty,
        String avgPrice,
        String fee,
        long requestedAt,
        long updatedAt) {

    /** What became of a request; FILLED, REJECTED and CANCELLED are final. */
    public enum Status {
        ACCEPTED,
        SUBMITTED,
        TIMED_OUT,
        FILLED,
        REJECTED,
        CANCELLED
    }

    /** A request judged without a workflow (already used, in progress, malformed). */
    static TradeResult rejected(
            TradeRequest request, String player, String reason, String day, long now) {
        return new TradeResult(
                request.requestId(),
                player,
                Status.REJECTED,
                reason,
                null,
                day,
                request.market(),
                request.side(),
                request.qty(),
                null,
                null,
                null,
                null,
                null,
                now,
                now);
    }

    /** The workflow's state as a result with this status. */
    static TradeResult of(
            TradeWorkflow wf, String player, Status status, String reason, Integer code, long now) {
        String filled = null;
        String avg = null;
        String fee = null;
        if (!wf.fills().isEmpty()) {
            BigDecimal qty = wf.filledQty();
            BigDecimal value = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            for (FillPart f : wf.fills()) {
                value = value.add(new BigDecimal(f.price()).multiply(new BigDecimal(f.qty())));
                fees = fees.add(new BigDecimal(f.fee()));
            }
            filled = qty.stripTrailingZeros().toPlainString();
            avg = value.divide(qty, MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
            fee = fees.stripTrailingZeros().toPlainString();
        }
        return new TradeResult(
                wf.requestId(),
                player,
                status,
                reason,
                code,
                wf.day(),
                wf.request().market(),
                wf.request().side(),
                wf.request().qty(),
                wf.order() != null ? wf.order().externalId() : null,
                wf.orderId(),
                filled,
                avg,
                fee,
                wf.requestedAt(),
                now);
    }

    /** This result with the fill figures the exchange reported for the order. */
    TradeResult withFills(String filledQty, String avgPrice, String fee) {
        return new TradeResult(
                requestId,
                player,
                status,
                reason,
                code,
                day,
                market,
                side,
                qty,
                externalId,
                orderId,
                filledQty,
                avgPrice,
                fee,
                requestedAt,
                updatedAt);
    }

    /** The feed.trades message type of this status; null for statuses the feed does not show. */
    String feedType() {
        return switch (status) {
            case ACCEPTED -> "trade.requested";
            case SUBMITTED -> "trade.submitted";
            case FILLED -> "trade.completed";
            case REJECTED -> "trade.rejected";
            case CANCELLED -> "trade.cancelled";
            case TIMED_OUT -> null;
        };
    }

    /** The feed message's data: the result's fields, player first. */
    Map<String, Object> feedData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("player", player);
        data.put("requestId", requestId);
        data.put("status", status.name());
        data.put("market", market);
        data.put("side", side);
        data.put("qty", qty);
        data.put("day", day);
        data.put("reason", reason);
        data.put("externalId", externalId);
        data.put("orderId", orderId == null ? null : orderId.toString());
        data.put("filledQty", filledQty);
        data.put("avgPrice", avgPrice);
        data.put("fee", fee);
        return data;
    }
}
