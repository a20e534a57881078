package io.chainplay.statefun.functions.trade;

import io.chainplay.statefun.functions.exchange.OrderPlan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A player's current (or last) trade, as {@link DailyTradeFn#WORKFLOW} keeps it.
 *
 * @param request what the player asked for
 * @param day the UTC day whose allowance it holds
 * @param stage where it stands
 * @param attempts failed exchange calls of the current stage; a retry message carries the count it
 *     was scheduled for, so a stale one is recognised
 * @param order the signed order, from SIGNED on; kept before anything is sent
 * @param orderId the exchange's id of the order, from SUBMITTED on
 * @param fills the order's fills so far (deduplicated by fill id)
 * @param unmatched fills that arrived before the order id was known (a placement whose answer was
 *     lost); matched once it is
 * @param requestedAt when it was accepted, epoch ms
 * @param updatedAt when it last changed, epoch ms
 */
public record TradeWorkflow(
        TradeRequest request,
        String day,
        TradeStage stage,
        int attempts,
        OrderPlan order,
        Long orderId,
        List<FillPart> fills,
        List<FillPart> unmatched,
        long requestedAt,
        long updatedAt) {

    /** At most this many unmatched fills are kept (fills of the player's other orders). */
    static final int MAX_UNMATCHED = 50;

    static TradeWorkflow accepted(TradeRequest request, String day, long now) {
        return new TradeWorkflow(
                request, day, TradeStage.ACCEPTED, 0, null, null, List.of(), List.of(), now, now);
    }

    String requestId() {
        return request.requestId();
    }

    String externalId() {
        return "cp-" + request.requestId();
    }

    TradeWorkflow stage(TradeStage next, long now) {
        return new TradeWorkflow(
                request, day, next, 0, order, orderId, fills, unmatched, requestedAt, now);
    }

    TradeWorkflow failedAttempt(long now) {
        return new TradeWorkflow(
                request,
                day,
                stage,
                attempts + 1,
                order,
                orderId,
                fills,
                unmatched,
                requestedAt,
                now);
    }

    TradeWorkflow signed(OrderPlan plan, long now) {
        return new TradeWorkflow(
                request,
                day,
                TradeStage.SIGNED,
                0,
                plan,
                orderId,
                fills,
                unmatched,
                requestedAt,
                now);
    }

    /** Submitted with this order id; fills that waited for it are matched now. */
    TradeWorkflow submitted(long id, long now) {
        TradeWorkflow next =
                new TradeWorkflow(
                        request,
                        day,
                        TradeStage.SUBMITTED,
                        0,
                        order,
                        id,
                        fills,
                        List.of(),
                        requestedAt,
                        now);
        for (FillPart fill : unmatched) {
            next = next.withFill(fill, now);
        }
        return next;
    }

    /** With this fill if it is of the order and new; unmatched if the order id is not known. */
    TradeWorkflow withFill(FillPart fill, long now) {
        if (fills.stream().anyMatch(f -> f.fillId() == fill.fillId())) {
            return this;
        }
        if (orderId == null) {
            if (unmatched.size() >= MAX_UNMATCHED
                    || unmatched.stream().anyMatch(f -> f.fillId() == fill.fillId())) {
                return this;
            }
            List<FillPart> waiting = new ArrayList<>(unmatched);
            waiting.add(fill);
            return new TradeWorkflow(
                    request,
                    day,
                    stage,
                    attempts,
                    order,
                    orderId,
                    fills,
                    waiting,
                    requestedAt,
                    now);
        }
        if (fill.orderId() != orderId) {
            return this;
        }
        List<FillPart> all = new ArrayList<>(fills);
        all.add(fill);
        return new TradeWorkflow(
                request, day, stage, attempts, order, orderId, all, unmatched, requestedAt, now);
    }

    BigDecimal filledQty() {
        return fills.stream()
                .map(f -> new BigDecimal(f.qty()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    boolean fullyFilled() {
        return order != null
                && !fills.isEmpty()
                && filledQty().compareTo(new BigDecimal(order.qty())) >= 0;
    }
}
