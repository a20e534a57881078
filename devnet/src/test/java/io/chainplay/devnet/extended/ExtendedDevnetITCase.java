package io.chainplay.devnet.extended;

import io.chainplay.connectors.exchange.order.OrderSide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The devnet over its sockets, driven as a real client drives Extended: orders signed by our
 * exchange-client signer, plain HTTP with {@code X-Api-Key}, the account stream over WebSocket.
 */
class ExtendedDevnetITCase {

    // Account A uses the SDK fixtures' published test key; B an arbitrary test key.
    static final String KEY_A = "0x7a7ff6fd3cab02ccdcd4a572563f5976f8976899b03a39773795a3c486d4986";
    static final String KEY_B = "0x1f2e3d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcde";
    static final String MARKET = "BTC-USD";

    static ExtendedDevnet devnet;
    static Trader a;
    static Trader b;

    @BeforeAll
    static void start() {
        devnet =
                ExtendedDevnet.builder()
                        .seed(7)
                        .manualClock()
                        .account(
                                "api-key-a",
                                10002,
                                new BigInteger(Trader.publicKeyHex(KEY_A).substring(2), 16))
                        .account(
                                "api-key-b",
                                20002,
                                new BigInteger(Trader.publicKeyHex(KEY_B).substring(2), 16))
                        .start();
        a = new Trader(devnet.url(), "api-key-a", 10002, KEY_A);
        b = new Trader(devnet.url(), "api-key-b", 20002, KEY_B);
    }

    @AfterAll
    static void stop() {
        devnet.close();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    /** A price far from the mark: rests without matching anything. */
    static String farBid() {
        return devnet.markPrice(MARKET).subtract(new BigDecimal("1000")).toPlainString();
    }

    @Test
    void anOrderSignedByOurSignerIsAcceptedAndServed() {
        String ext = id();
        Trader.Response r = a.place(a.order(MARKET, OrderSide.BUY, "0.001", farBid(), ext));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("OK");
        assertThat(r.data().path("externalId").asText()).isEqualTo(ext);
        long orderId = r.data().path("id").asLong();

        JsonNode order = a.get("/user/orders/" + orderId).data();
        assertThat(order.path("externalId").asText()).isEqualTo(ext);
        assertThat(order.path("status").asText()).isEqualTo("NEW");
        assertThat(order.path("side").asText()).isEqualTo("BUY");
        assertThat(new BigDecimal(order.path("qty").asText())).isEqualByComparingTo("0.001");
        assertThat(a.get("/user/orders/external/" + ext).data().get(0).path("id").asLong())
                .isEqualTo(orderId);
        // Another account cannot see it.
        assertThat(b.get("/user/orders/" + orderId).status()).isEqualTo(404);
    }

    @Test
    void aFlippedBitInTheSignatureIsRejected() {
        for (String part : List.of("r", "s")) {
            ObjectNode body = a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id());
            ObjectNode sig = (ObjectNode) body.path("settlement").path("signature");
            BigInteger v = new BigInteger(sig.path(part).asText().substring(2), 16);
            sig.put(part, "0x" + v.flipBit(3).toString(16));
            Trader.Response r = a.place(body);
            assertThat(r.status()).as(part).isEqualTo(400);
            assertThat(r.json().path("status").asText()).isEqualTo("ERROR");
            assertThat(r.errorCode())
                    .as(part)
                    .isEqualTo(ErrorCode.INVALID_STARKEX_SIGNATURE.code());
        }
    }

    @Test
    void changingAnySignedFieldBreaksTheSignature() {
        BigDecimal tick = new BigDecimal("0.1");
        Map<String, java.util.function.Consumer<ObjectNode>> edits = new LinkedHashMap<>();
        edits.put(
                "qty",
                o ->
                        o.put(
                                "qty",
                                new BigDecimal(o.path("qty").asText())
                                        .add(new BigDecimal("0.00001"))
                                        .toPlainString()));
        edits.put(
                "price",
                o ->
                        o.put(
                                "price",
                                new BigDecimal(o.path("price").asText())
                                        .add(tick)
                                        .toPlainString()));
        edits.put("fee", o -> o.put("fee", "0.0006"));
        edits.put("nonce", o -> o.put("nonce", Long.toString(o.path("nonce").asLong() + 1)));
        edits.put(
                "expiry",
                o -> o.put("expiryEpochMillis", o.path("expiryEpochMillis").asLong() + 1_000));
        edits.put(
                "side",
                o ->
                        o.put("side", "SELL")
                                .put(
                                        "price",
                                        devnet.markPrice(MARKET)
                                                .add(new BigDecimal("1000"))
                                                .toPlainString()));
        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> e : edits.entrySet()) {
            ObjectNode body = a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id());
            e.getValue().accept(body);
            Trader.Response r = a.place(body);
            assertThat(r.errorCode())
                    .as(e.getKey() + ": " + r.body())
                    .isEqualTo(ErrorCode.INVALID_STARKEX_SIGNATURE.code());
        }
        ObjectNode otherKey = a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id());
        ((ObjectNode) otherKey.path("settlement")).put("starkKey", Trader.publicKeyHex(KEY_B));
        assertThat(a.place(otherKey).errorCode())
                .isEqualTo(ErrorCode.INVALID_STARKEX_PUBLIC_KEY.code());
        ObjectNode otherVault = a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id());
        ((ObjectNode) otherVault.path("settlement")).put("collateralPosition", "10003");
        assertThat(a.place(otherVault).errorCode())
                .isEqualTo(ErrorCode.INVALID_STARKEX_VAULT.code());
        // B signing as itself is fine; B's body sent with A's key is not A's order.
        ObjectNode bOrder = b.order(MARKET, OrderSide.BUY, "0.001", farBid(), id());
        assertThat(a.place(bOrder).errorCode())
                .isEqualTo(ErrorCode.INVALID_STARKEX_PUBLIC_KEY.code());
        assertThat(b.place(bOrder).status()).isEqualTo(200);
    }

    @Test
    void aReplayedNonceIsRejected() {
        ObjectNode first = a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id());
        assertThat(a.place(first).status()).isEqualTo(200);
        ObjectNode replay = first.deepCopy().put("id", id()); // same signed order, new client id
        Trader.Response r = a.place(replay);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(ErrorCode.DUPLICATE_ORDER.code());
        assertThat(r.json().path("error").path("message").asText()).contains("nonce");
    }

    @Test
    void nonceOutOfRangeIsRejected() {
        ObjectNode body =
                a.order(
                        MARKET,
                        OrderSide.BUY,
                        "0.001",
                        farBid(),
                        id(),
                        java.time.Instant.now().plusSeconds(3600),
                        (1L << 31) + 1);
        Trader.Response r = a.place(body);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(ErrorCode.INVALID_ORDER_PARAMETERS.code());
        assertThat(r.json().path("error").path("message").asText()).contains("nonce");
    }

    @Test
    void anExpiredOrderIsRejected() {
        // Signed by a client whose clock is a day behind, so its own check lets the order through.
        Trader late =
                new Trader(
                        devnet.url(),
                        "api-key-a",
                        10002,
                        KEY_A,
                        io.chainplay.connectors.exchange.order.SignatureFormat.snip12(
                                io.chainplay.connectors.exchange.signing.Snip12Domain.SEPOLIA),
                        java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(-1)));
        ObjectNode body =
                late.order(
                        MARKET,
                        OrderSide.BUY,
                        "0.001",
                        farBid(),
                        id(),
                        java.time.Instant.now().minusSeconds(60),
                        77_001);
        Trader.Response r = a.place(body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(ErrorCode.INVALID_ORDER_EXPIRATION.code());
    }

    @Test
    void offStepQuantityOffTickPriceAndTinyOrdersAreRejected() {
        // Our signer refuses these itself, so the bodies are edited after signing: the devnet's
        // market checks come before the signature check and give the specific error.
        ObjectNode offStep =
                a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id()).put("qty", "0.0010005");
        assertThat(a.place(offStep).errorCode()).isEqualTo(ErrorCode.INVALID_QTY_PRECISION.code());
        ObjectNode offIncrement =
                a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id()).put("qty", "0.001001");
        assertThat(a.place(offIncrement).errorCode())
                .isEqualTo(ErrorCode.INVALID_QTY_WRONG_SIZE_INCREMENT.code());
        ObjectNode tiny =
                a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id()).put("qty", "0.00005");
        assertThat(a.place(tiny).errorCode())
                .isEqualTo(ErrorCode.ORDER_QTY_LESS_THAN_MIN_TRADE_SIZE.code());
        ObjectNode offTick =
                a.order(MARKET, OrderSide.BUY, "0.001", farBid(), id())
                        .put(
                                "price",
                                new BigDecimal(farBid())
                                        .add(new BigDecimal("0.05"))
                                        .toPlainString());
        assertThat(a.place(offTick).errorCode())
                .isEqualTo(ErrorCode.INVALID_PRICE_WRONG_PRICE_MOVEMENT.code());
    }

    @Test
    void theSameExternalIdTwiceIsTheSameOrder() {
        String ext = id();
        Trader.Response first = a.place(a.order(MARKET, OrderSide.BUY, "0.001", farBid(), ext));
        // A different, validly signed order under the same client id: still the first order.
        Trader.Response second = a.place(a.order(MARKET, OrderSide.BUY, "0.002", farBid(), ext));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.data()).isEqualTo(first.data());
        JsonNode orders = a.get("/user/orders/external/" + ext).data();
        assertThat(orders).hasSize(1);
        assertThat(new BigDecimal(orders.get(0).path("qty").asText()))
                .isEqualByComparingTo("0.001");
    }

    @Test
    void crossingOrdersFillOnTheStreamInTheTradesEndpointAndInTheGroundTruth() throws Exception {
        try (StreamTap tapA = new StreamTap(devnet.accountStreamUrl(), "api-key-a");
                StreamTap tapB = new StreamTap(devnet.accountStreamUrl(), "api-key-b")) {
            int before = devnet.groundTruth().size();
            String mid = devnet.markPrice(MARKET).toPlainString(); // inside the devnet's spread
            Trader.Response sell = a.place(a.order(MARKET, OrderSide.SELL, "0.002", mid, id()));
            Trader.Response buy = b.place(b.order(MARKET, OrderSide.BUY, "0.0015", mid, id()));
            assertThat(sell.status()).as(sell.body()).isEqualTo(200);
            assertThat(buy.status()).as(buy.body()).isEqualTo(200);

            List<Fill> made = devnet.groundTruth().subList(before, devnet.groundTruth().size());
            assertThat(made).hasSize(2);
            Fill maker = made.get(0);
            Fill taker = made.get(1);
            assertThat(maker.accountId()).isEqualTo(3001);
            assertThat(maker.orderId()).isEqualTo(sell.data().path("id").asLong());
            assertThat(maker.side()).isEqualTo("SELL");
            assertThat(maker.isTaker()).isFalse();
            assertThat(taker.accountId()).isEqualTo(3002);
            assertThat(taker.side()).isEqualTo("BUY");
            assertThat(taker.isTaker()).isTrue();
            for (Fill f : made) {
                assertThat(f.price()).isEqualByComparingTo(mid);
                assertThat(f.qty()).isEqualByComparingTo("0.0015");
                assertThat(f.value())
                        .isEqualByComparingTo(
                                new BigDecimal(mid).multiply(new BigDecimal("0.0015")));
            }
            // Maker 2 bp, taker 5 bp of the value, rounded up to the collateral's 6 decimals.
            assertThat(maker.fee())
                    .isEqualByComparingTo(
                            maker.value()
                                    .multiply(new BigDecimal("0.0002"))
                                    .setScale(6, java.math.RoundingMode.CEILING));
            assertThat(taker.fee())
                    .isEqualByComparingTo(
                            taker.value()
                                    .multiply(new BigDecimal("0.0005"))
                                    .setScale(6, java.math.RoundingMode.CEILING));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> tapA.trades().size() >= 1 && tapB.trades().size() >= 1);
            assertThat(tapA.trades()).hasSize(1);
            assertSameFill(tapA.trades().get(0), maker);
            assertSameFill(tapB.trades().get(0), taker);
            assertSameFill(a.get("/user/trades?market=BTC-USD&limit=1").data().get(0), maker);
            assertSameFill(b.get("/user/trades?market=BTC-USD&limit=1").data().get(0), taker);

            // The maker's order is now partly filled; the stream said so before the trade.
            JsonNode sellOrder = a.get("/user/orders/" + sell.data().path("id").asLong()).data();
            assertThat(sellOrder.path("status").asText()).isEqualTo("PARTIALLY_FILLED");
            assertThat(new BigDecimal(sellOrder.path("filledQty").asText()))
                    .isEqualByComparingTo("0.0015");
            List<String> typesA =
                    tapA.messages().stream().map(m -> m.path("type").asText()).toList();
            assertThat(typesA.subList(0, 3)).containsExactly("BALANCE", "ORDER", "POSITION");
            assertThat(typesA).containsSubsequence("ORDER", "TRADE", "POSITION", "BALANCE");
            assertContiguousSeq(tapA.messages());
            // Cancel the rest by external id: the stream reports CANCELLED.
            String sellExt = sellOrder.path("externalId").asText();
            assertThat(a.delete("/user/order?externalId=" + sellExt).status()).isEqualTo(200);
            assertThat(
                            a.get("/user/orders/external/" + sellExt)
                                    .data()
                                    .get(0)
                                    .path("status")
                                    .asText())
                    .isEqualTo("CANCELLED");
            await().atMost(Duration.ofSeconds(5))
                    .until(
                            () ->
                                    tapA.messages().stream()
                                            .anyMatch(
                                                    m ->
                                                            m.path("type").asText().equals("ORDER")
                                                                    && m.path("data")
                                                                            .path("orders")
                                                                            .findValuesAsText(
                                                                                    "status")
                                                                            .contains(
                                                                                    "CANCELLED")));
        }
    }

    @Test
    void anIncomingOrderSweepsTheBookInPriceTimePriority() {
        int before = devnet.groundTruth().size();
        BigDecimal[] bidAsk = devnet.bestBidAsk(MARKET);
        BigDecimal limit = bidAsk[1].add(new BigDecimal("30"));
        Trader.Response r =
                b.place(b.order(MARKET, OrderSide.BUY, "0.02", limit.toPlainString(), id()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Fill> fills = devnet.groundTruth().subList(before, devnet.groundTruth().size());
        assertThat(fills).isNotEmpty();
        assertThat(fills.get(0).price()).isEqualByComparingTo(bidAsk[1]); // the best ask first
        BigDecimal previous = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (Fill f : fills) {
            assertThat(f.accountId()).isEqualTo(3002);
            assertThat(f.isTaker()).isTrue();
            assertThat(f.price()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(limit);
            previous = f.price();
            total = total.add(f.qty());
        }
        JsonNode order = b.get("/user/orders/" + r.data().path("id").asLong()).data();
        assertThat(new BigDecimal(order.path("filledQty").asText())).isEqualByComparingTo(total);
        // B's position is long by at least what this order bought.
        JsonNode position = b.get("/user/positions?market=BTC-USD").data().get(0);
        assertThat(position.path("side").asText()).isEqualTo("LONG");
    }

    @Test
    void aStreamDisconnectIsFollowedByARestCatchUpThatMissesNothing() throws Exception {
        int before = devnet.groundTruth().size();
        StreamTap first = new StreamTap(devnet.accountStreamUrl(), "api-key-a");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> first.messages().size() >= 3); // snapshots
        long dropsBefore = devnet.faults().injected(Faults.Kind.STREAM_DISCONNECT);
        devnet.faults().injectNext(Faults.Kind.STREAM_DISCONNECT, 1);
        crossAtMid("0.001");
        await().atMost(Duration.ofSeconds(5)).until(first::isClosed);
        assertThat(devnet.faults().injected(Faults.Kind.STREAM_DISCONNECT))
                .isEqualTo(dropsBefore + 1);
        crossAtMid("0.001"); // while A is not connected
        first.close();

        try (StreamTap second = new StreamTap(devnet.accountStreamUrl(), "api-key-a")) {
            crossAtMid("0.001"); // after reconnecting
            List<Fill> truthA =
                    devnet.groundTruth().subList(before, devnet.groundTruth().size()).stream()
                            .filter(f -> f.accountId() == 3001)
                            .toList();
            assertThat(truthA).hasSize(3);
            await().atMost(Duration.ofSeconds(5)).until(() -> second.trades().size() >= 1);
            Set<Long> streamed = new HashSet<>();
            first.trades().forEach(t -> streamed.add(t.path("id").asLong()));
            second.trades().forEach(t -> streamed.add(t.path("id").asLong()));
            assertThat(streamed).as("the stream alone lost fills").hasSizeLessThan(3);

            // Catch up: page through REST trades until the cursor runs out.
            Map<Long, JsonNode> rest = new LinkedHashMap<>();
            String cursor = null;
            do {
                Trader.Response page =
                        a.get(
                                "/user/trades?market=BTC-USD&limit=2"
                                        + (cursor == null ? "" : "&cursor=" + cursor));
                page.data().forEach(t -> rest.put(t.path("id").asLong(), t));
                JsonNode c = page.json().path("pagination").path("cursor");
                cursor = page.data().isEmpty() || c.isNull() ? null : c.asText();
            } while (cursor != null);
            for (Fill f : truthA) {
                assertThat(rest).containsKey(f.id());
                assertSameFill(rest.get(f.id()), f);
            }
            // The new connection numbers its messages from 1, without gaps.
            assertThat(second.messages().get(0).path("seq").asLong()).isEqualTo(1);
            assertContiguousSeq(second.messages());
        }
    }

    @Test
    void serverErrorsAndLatencyAreInjected() {
        devnet.faults().injectNext(Faults.Kind.SERVER_ERROR, 1);
        Trader.Response failed = a.get("/user/balance");
        assertThat(failed.status()).isBetween(500, 503);
        assertThat(a.get("/user/balance").status()).isEqualTo(200);

        devnet.faults().latency(0, Duration.ofMillis(300)).injectNext(Faults.Kind.SLOW, 1);
        long t0 = System.nanoTime();
        assertThat(a.get("/user/balance").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        devnet.faults().clear();
    }

    @Test
    void requestsWithoutAValidApiKeyAreUnauthorized() throws Exception {
        Trader stranger = new Trader(devnet.url(), "not-a-key", 1, KEY_B);
        Trader.Response r = stranger.get("/user/balance");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("status").asText()).isEqualTo("ERROR");
        assertThat(r.errorCode()).isEqualTo(401);
        assertThatStreamRefuses("not-a-key");
    }

    @Test
    void marketsAreServedAsRecordedWithLiveStats() {
        JsonNode markets = a.get("/info/markets").data();
        JsonNode btc = markets.get(0);
        JsonNode recorded =
                SettlementVerifierTest.fixture("extended/extended_x10_order_signing_vectors.json")
                        .path("market");
        assertThat(btc.path("name").asText()).isEqualTo("BTC-USD");
        assertThat(btc.path("l2Config")).isEqualTo(recorded.path("l2Config"));
        assertThat(new BigDecimal(btc.path("marketStats").path("markPrice").asText()))
                .isEqualByComparingTo(devnet.markPrice(MARKET));
        JsonNode eth = a.get("/info/markets?market=ETH-USD").data();
        assertThat(eth).hasSize(1);
        assertThat(eth.get(0).path("l2Config").path("syntheticId").asText())
                .isEqualTo("0x4554482d3400000000000000000000");
        // Our client signs ETH-USD orders from this list, and the devnet accepts them.
        String bid = devnet.markPrice("ETH-USD").subtract(new BigDecimal("100")).toPlainString();
        assertThat(a.place(a.order("ETH-USD", OrderSide.BUY, "0.05", bid, id())).status())
                .isEqualTo(200);
    }

    private static void crossAtMid(String qty) {
        String mid = devnet.markPrice(MARKET).toPlainString();
        assertThat(a.place(a.order(MARKET, OrderSide.SELL, qty, mid, id())).status())
                .isEqualTo(200);
        assertThat(b.place(b.order(MARKET, OrderSide.BUY, qty, mid, id())).status()).isEqualTo(200);
    }

    private static void assertThatStreamRefuses(String apiKey) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new StreamTap(devnet.accountStreamUrl(), apiKey))
                .hasRootCauseMessage("Unexpected HTTP response status code 401");
    }

    static void assertSameFill(JsonNode json, Fill f) {
        assertThat(json.path("id").asLong()).isEqualTo(f.id());
        assertThat(json.path("accountId").asLong()).isEqualTo(f.accountId());
        assertThat(json.path("market").asText()).isEqualTo(f.market());
        assertThat(json.path("orderId").asLong()).isEqualTo(f.orderId());
        assertThat(json.path("side").asText()).isEqualTo(f.side());
        assertThat(new BigDecimal(json.path("price").asText())).isEqualByComparingTo(f.price());
        assertThat(new BigDecimal(json.path("qty").asText())).isEqualByComparingTo(f.qty());
        assertThat(new BigDecimal(json.path("value").asText())).isEqualByComparingTo(f.value());
        assertThat(new BigDecimal(json.path("fee").asText())).isEqualByComparingTo(f.fee());
        assertThat(json.path("isTaker").asBoolean()).isEqualTo(f.isTaker());
        assertThat(json.path("tradeType").asText()).isEqualTo("TRADE");
        assertThat(json.path("createdTime").asLong()).isEqualTo(f.createdTime());
    }

    static void assertContiguousSeq(List<JsonNode> messages) {
        long expected = messages.get(0).path("seq").asLong();
        for (Iterator<JsonNode> it = messages.iterator(); it.hasNext(); expected++) {
            assertThat(it.next().path("seq").asLong()).isEqualTo(expected);
        }
    }
}
