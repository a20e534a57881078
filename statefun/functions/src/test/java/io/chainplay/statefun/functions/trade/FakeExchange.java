package io.chainplay.statefun.functions.trade;

import io.chainplay.statefun.functions.exchange.ExchangeException;
import io.chainplay.statefun.functions.exchange.ExchangeGateway;
import io.chainplay.statefun.functions.exchange.OrderPlan;
import io.chainplay.statefun.functions.exchange.OrderStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An exchange in memory that behaves like Extended towards the workflow: one order per external id
 * (a repeat is the same order), failures queued per call.
 */
final class FakeExchange implements ExchangeGateway {

    final Map<String, OrderStatus> orders = new HashMap<>();
    final Map<String, String> bodies = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Deque<ExchangeException> planFailures = new ArrayDeque<>();
    final Deque<ExchangeException> placeFailures = new ArrayDeque<>();
    final Deque<ExchangeException> cancelFailures = new ArrayDeque<>();
    private long nextOrderId = 9000;

    @Override
    public OrderPlan plan(
            String player, String market, String side, String qty, String externalId, long nonce)
            throws ExchangeException {
        calls.add("plan " + externalId);
        if (!planFailures.isEmpty()) {
            throw planFailures.pop();
        }
        return new OrderPlan(
                externalId,
                market,
                side,
                qty,
                "64000.1",
                "0.0005",
                1_800_000_000_000L,
                nonce,
                "{\"id\":\"" + externalId + "\",\"nonce\":\"" + nonce + "\"}");
    }

    @Override
    public long place(String player, OrderPlan plan) throws ExchangeException {
        calls.add("place " + plan.externalId());
        if (!placeFailures.isEmpty()) {
            throw placeFailures.pop();
        }
        String earlier = bodies.putIfAbsent(plan.externalId(), plan.bodyJson());
        if (earlier != null && !earlier.equals(plan.bodyJson())) {
            throw new AssertionError("a different body under external id " + plan.externalId());
        }
        return orders.computeIfAbsent(
                        plan.externalId(),
                        id -> new OrderStatus(nextOrderId++, "NEW", plan.qty(), "0", null, "0"))
                .orderId();
    }

    @Override
    public Optional<OrderStatus> order(String player, String externalId) {
        calls.add("order " + externalId);
        return Optional.ofNullable(orders.get(externalId));
    }

    @Override
    public void cancel(String player, String externalId) throws ExchangeException {
        calls.add("cancel " + externalId);
        if (!cancelFailures.isEmpty()) {
            throw cancelFailures.pop();
        }
        OrderStatus o = orders.get(externalId);
        if (o != null && o.status().equals("NEW")) {
            orders.put(
                    externalId,
                    new OrderStatus(
                            o.orderId(),
                            "CANCELLED",
                            o.qty(),
                            o.filledQty(),
                            o.averagePrice(),
                            o.fee()));
        }
    }

    /** The exchange filled the order (whether or not its fill reaches the function). */
    void fill(String externalId, String qty, String price, String fee) {
        OrderStatus o = orders.get(externalId);
        orders.put(externalId, new OrderStatus(o.orderId(), "FILLED", o.qty(), qty, price, fee));
    }

    long placeCalls() {
        return calls.stream().filter(c -> c.startsWith("place")).count();
    }
}
