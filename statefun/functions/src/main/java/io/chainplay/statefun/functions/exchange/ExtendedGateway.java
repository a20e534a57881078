package io.chainplay.statefun.functions.exchange;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.Market;
import io.chainplay.connectors.exchange.order.CreateOrderBody;
import io.chainplay.connectors.exchange.order.InvalidOrderException;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.rest.ExtendedApiException;
import io.chainplay.connectors.exchange.rest.ExtendedRestClient;
import io.chainplay.connectors.exchange.rest.ExtendedTrader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ExchangeGateway} on Extended through the exchange client: one {@link ExtendedTrader} per
 * player (their own API key and Stark key, from {@link ExchangeAccounts}), connected on first use.
 *
 * <p><b>Price.</b> The daily trade is meant to execute now, so the order is a limit order that
 * crosses the spread: a BUY at the best ask plus {@code slippage}, a SELL at the best bid minus it
 * (rounded to the tick away from crossing less), kept inside the exchange's price band around the
 * mark ({@code limitPriceCap} / {@code limitPriceFloor}). The slippage is the most the player pays
 * over the quote; whatever of the order does not fill is cancelled when the workflow's fill timeout
 * fires. Prices are read from {@code GET /info/markets} ({@code marketStats}) when the order is
 * planned, once.
 *
 * <p><b>Bounded calls.</b> The workflow calls this inside a function invocation, which the runtime
 * waits for (its call timeout is a minute): the REST client gets a short timeout and one retry, and
 * everything longer is the workflow's retry with backoff via delayed messages.
 *
 * <p><b>The same order again.</b> {@link #place} re-signs the plan's fields (deterministic) and
 * refuses to send if the body differs from the one kept in state; {@code createOrder} resolves a
 * repeat of an order the exchange has to that order, so a replayed invocation places nothing new.
 */
public final class ExtendedGateway implements ExchangeGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ExtendedGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the gateway prices and bounds its orders. */
    public record Settings(
            BigDecimal slippage,
            BigDecimal feeRate,
            Duration orderTtl,
            ExtendedRestClient.Settings rest) {

        public static final Settings DEFAULT =
                new Settings(
                        new BigDecimal("0.005"),
                        new BigDecimal("0.0005"),
                        Duration.ofMinutes(10),
                        new ExtendedRestClient.Settings(
                                Duration.ofSeconds(4),
                                2,
                                Duration.ofMillis(200),
                                Duration.ofMillis(500)));
    }

    private final String baseUrl;
    private final ExchangeAccounts accounts;
    private final SignatureFormat format;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, ExtendedTrader> traders = new ConcurrentHashMap<>();

    public ExtendedGateway(
            String baseUrl,
            ExchangeAccounts accounts,
            SignatureFormat format,
            Settings settings,
            Clock clock) {
        this.baseUrl = baseUrl;
        this.accounts = accounts;
        this.format = format;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public OrderPlan plan(
            String player, String market, String side, String qty, String externalId, long nonce)
            throws ExchangeException {
        ExtendedTrader trader = trader(player);
        OrderSide orderSide;
        BigDecimal quantity;
        try {
            orderSide = OrderSide.valueOf(side);
            quantity = new BigDecimal(qty);
        } catch (RuntimeException e) {
            throw ExchangeException.refused(0, "side must be BUY or SELL and qty a decimal", e);
        }
        Market spec;
        try {
            spec = trader.markets().get(market);
        } catch (RuntimeException e) {
            throw ExchangeException.refused(0, "unknown market " + market, e);
        }
        JsonNode entry = marketEntry(trader, market);
        BigDecimal price =
                price(entry, spec.tradingConfig().minPriceChange(), orderSide, settings.slippage());
        OrderRequest request =
                new OrderRequest(
                        market,
                        orderSide,
                        quantity,
                        price,
                        settings.feeRate(),
                        clock.instant().plus(settings.orderTtl()),
                        nonce);
        String body;
        try {
            body = trader.sign(request, externalId).toJson();
        } catch (InvalidOrderException e) {
            throw ExchangeException.refused(0, e.getMessage(), e);
        }
        return new OrderPlan(
                externalId,
                market,
                side,
                quantity.toPlainString(),
                price.toPlainString(),
                settings.feeRate().toPlainString(),
                request.expiry().toEpochMilli(),
                nonce,
                body);
    }

    @Override
    public long place(String player, OrderPlan plan) throws ExchangeException {
        ExtendedTrader trader = trader(player);
        CreateOrderBody body;
        try {
            body =
                    trader.sign(
                            new OrderRequest(
                                    plan.market(),
                                    OrderSide.valueOf(plan.side()),
                                    new BigDecimal(plan.qty()),
                                    new BigDecimal(plan.price()),
                                    new BigDecimal(plan.feeRate()),
                                    Instant.ofEpochMilli(plan.expiryMillis()),
                                    plan.nonce()),
                            plan.externalId());
        } catch (InvalidOrderException e) {
            // Typically: the order's expiry has passed while the exchange was down. It can no
            // longer be placed, but an earlier attempt may have placed it.
            Optional<OrderStatus> earlier = order(player, plan.externalId());
            if (earlier.isPresent()) {
                return earlier.get().orderId();
            }
            throw ExchangeException.refused(0, e.getMessage(), e);
        }
        if (!body.toJson().equals(plan.bodyJson())) {
            // Never send a different order under the same external id.
            throw ExchangeException.refused(
                    0, "re-signed order " + plan.externalId() + " differs from the kept one", null);
        }
        try {
            return trader.place(body).orderId();
        } catch (IOException e) {
            throw classify("place order " + plan.externalId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExchangeException.transientFailure("interrupted", e);
        }
    }

    @Override
    public Optional<OrderStatus> order(String player, String externalId) throws ExchangeException {
        ExtendedTrader trader = trader(player);
        try {
            return trader.rest()
                    .orderByExternalId(externalId)
                    .map(
                            o ->
                                    new OrderStatus(
                                            o.path("id").asLong(),
                                            o.path("status").asText(),
                                            o.path("qty").asText(),
                                            o.path("filledQty").asText("0"),
                                            o.path("averagePrice").isNull()
                                                    ? null
                                                    : o.path("averagePrice").asText(null),
                                            o.path("payedFee").asText("0")));
        } catch (IOException e) {
            throw classify("look up order " + externalId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExchangeException.transientFailure("interrupted", e);
        }
    }

    @Override
    public void cancel(String player, String externalId) throws ExchangeException {
        ExtendedTrader trader = trader(player);
        try {
            trader.rest().cancelByExternalId(externalId);
        } catch (IOException e) {
            throw classify("cancel order " + externalId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExchangeException.transientFailure("interrupted", e);
        }
    }

    private ExtendedTrader trader(String player) throws ExchangeException {
        ExtendedTrader trader = traders.get(player);
        if (trader != null) {
            return trader;
        }
        ExtendedAccount account =
                accounts.of(player)
                        .orElseThrow(() -> ExchangeException.refused(0, NO_ACCOUNT, null));
        try {
            trader = ExtendedTrader.connect(baseUrl, account, format, settings.rest(), clock);
        } catch (IOException e) {
            throw classify("connect to " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExchangeException.transientFailure("interrupted", e);
        }
        traders.put(player, trader);
        return trader;
    }

    /** The reason given to a player without an exchange account. */
    public static final String NO_ACCOUNT = "no exchange account";

    private JsonNode marketEntry(ExtendedTrader trader, String market) throws ExchangeException {
        try {
            for (JsonNode m : JSON.readTree(trader.rest().marketsJson()).path("data")) {
                if (market.equals(m.path("name").asText())) {
                    return m;
                }
            }
        } catch (IOException e) {
            throw classify("read markets", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExchangeException.transientFailure("interrupted", e);
        }
        throw ExchangeException.refused(0, "unknown market " + market, null);
    }

    /** The crossing limit price; see the class comment. */
    static BigDecimal price(JsonNode entry, BigDecimal tick, OrderSide side, BigDecimal slippage)
            throws ExchangeException {
        JsonNode stats = entry.path("marketStats");
        JsonNode config = entry.path("tradingConfig");
        BigDecimal mark = decimal(stats, "markPrice");
        BigDecimal price;
        if (side == OrderSide.BUY) {
            BigDecimal ask = decimal(stats, "askPrice");
            price = ask.multiply(BigDecimal.ONE.add(slippage));
            BigDecimal cap =
                    mark.multiply(BigDecimal.ONE.add(decimalOr(config, "limitPriceCap", "0.05")));
            price = floorTo(price.min(cap), tick);
        } else {
            BigDecimal bid = decimal(stats, "bidPrice");
            price = bid.multiply(BigDecimal.ONE.subtract(slippage));
            BigDecimal floor =
                    mark.multiply(
                            BigDecimal.ONE.subtract(decimalOr(config, "limitPriceFloor", "0.05")));
            price = price.max(floor);
            price = price.divide(tick, 0, RoundingMode.CEILING).multiply(tick);
        }
        return price;
    }

    private static BigDecimal floorTo(BigDecimal value, BigDecimal tick) {
        return value.divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
    }

    private static BigDecimal decimal(JsonNode node, String field) throws ExchangeException {
        try {
            return new BigDecimal(node.path(field).asText());
        } catch (NumberFormatException e) {
            throw ExchangeException.transientFailure("market has no " + field + " quote", e);
        }
    }

    private static BigDecimal decimalOr(JsonNode node, String field, String fallback) {
        String text = node.path(field).asText(fallback);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return new BigDecimal(fallback);
        }
    }

    /** 5xx, timeouts and dropped connections may pass; any other answer is a refusal. */
    static ExchangeException classify(String what, IOException e) {
        if (e instanceof ExtendedApiException api && api.httpStatus() < 500) {
            return ExchangeException.refused(api.code(), e.getMessage(), e);
        }
        LOG.warn("Exchange unavailable: {} failed: {}", what, e.toString());
        return ExchangeException.transientFailure(what + " failed: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "ExtendedGateway[" + baseUrl + ", " + accounts + "]";
    }
}
