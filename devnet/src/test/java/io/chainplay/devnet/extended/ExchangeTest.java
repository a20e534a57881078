package io.chainplay.devnet.extended;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.order.CreateOrderBody;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.OrderSigner;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The matching engine without sockets: priority, positions, expiry and requoting. */
class ExchangeTest {

    static final String[] KEYS = {
        ExtendedDevnetITCase.KEY_A,
        ExtendedDevnetITCase.KEY_B,
        "0x2a3b4c5d6e7f80910111213141516171819202122232425262728292a2b2c2d"
    };
    private static final AtomicLong NONCES = new AtomicLong(1);

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final List<Exchange.StreamMessage> messages = new ArrayList<>();
    Exchange exchange;
    final List<Exchange.Account> accounts = new ArrayList<>();
    final List<OrderSigner> signers = new ArrayList<>();

    void open(int liquidityLevels, double volatility) {
        List<DevnetAccount> configs = new ArrayList<>();
        for (int i = 0; i < KEYS.length; i++) {
            configs.add(
                    new DevnetAccount(
                            "key" + i,
                            3001 + i,
                            10_000 + i,
                            StarkPrivateKey.fromHex(KEYS[i]).publicKey(),
                            new BigDecimal("100000")));
        }
        exchange =
                new Exchange(
                        new Exchange.Settings(
                                clock,
                                12,
                                new BigDecimal("0.0002"),
                                new BigDecimal("0.0005"),
                                liquidityLevels,
                                volatility,
                                Duration.ofDays(90).toMillis()),
                        new SettlementVerifier(
                                SignatureScheme.SNIP12, SettlementVerifier.Domain.SEPOLIA),
                        Markets.defaults().values(),
                        Map.of(),
                        configs);
        exchange.sink(messages::addAll);
        ObjectNode envelope = Exchange.MAPPER.createObjectNode().put("status", "OK");
        envelope.set("data", exchange.marketsJson(Set.of()));
        for (int i = 0; i < KEYS.length; i++) {
            accounts.add(exchange.authenticate("key" + i));
            signers.add(
                    OrderSigner.builder()
                            .markets(
                                    io.chainplay.connectors.exchange.market.Markets.fromApiResponse(
                                            envelope.toString()))
                            .account(
                                    new ExtendedAccount(
                                            "key" + i,
                                            10_000 + i,
                                            StarkPrivateKey.fromHex(KEYS[i])))
                            .format(SignatureFormat.snip12(Snip12Domain.SEPOLIA))
                            .build());
        }
    }

    long place(int account, OrderSide side, String qty, BigDecimal price) {
        OrderRequest request =
                new OrderRequest(
                        "BTC-USD",
                        side,
                        new BigDecimal(qty),
                        price,
                        new BigDecimal("0.0005"),
                        Instant.now().plus(Duration.ofHours(1)),
                        NONCES.incrementAndGet());
        ObjectNode body = CreateOrderBody.of(signers.get(account).sign(request)).toJsonTree();
        return exchange.placeOrder(accounts.get(account), body).path("id").asLong();
    }

    List<Fill> fillsSince(int before) {
        List<Fill> all = exchange.groundTruth();
        return all.subList(before, all.size());
    }

    @Test
    void restingOrdersFillBestPriceFirstThenOldestFirst() {
        open(0, 0); // no devnet liquidity: only these orders
        BigDecimal p = exchange.markPrice("BTC-USD");
        long first = place(0, OrderSide.SELL, "0.001", p);
        long second = place(2, OrderSide.SELL, "0.001", p);
        long better = place(0, OrderSide.SELL, "0.001", p.subtract(new BigDecimal("0.1")));
        long taker = place(1, OrderSide.BUY, "0.0025", p);

        List<Fill> makers = fillsSince(0).stream().filter(f -> !f.isTaker()).toList();
        assertThat(makers).extracting(Fill::orderId).containsExactly(better, first, second);
        assertThat(makers)
                .extracting(Fill::qty)
                .map(BigDecimal::stripTrailingZeros)
                .containsExactly(
                        new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("0.0005"));
        List<Fill> takers = fillsSince(0).stream().filter(Fill::isTaker).toList();
        assertThat(takers).allMatch(f -> f.orderId() == taker && f.accountId() == 3002);
        assertThat(takers)
                .extracting(Fill::price)
                .map(BigDecimal::stripTrailingZeros)
                .containsExactly(
                        p.subtract(new BigDecimal("0.1")).stripTrailingZeros(),
                        p.stripTrailingZeros(),
                        p.stripTrailingZeros());
        JsonNode secondOrder = exchange.order(accounts.get(2), second);
        assertThat(secondOrder.path("status").asText()).isEqualTo("PARTIALLY_FILLED");
    }

    @Test
    void positionsAverageInAndRealiseOnTheWayOut() {
        open(0, 0);
        BigDecimal p = exchange.markPrice("BTC-USD");
        place(2, OrderSide.SELL, "0.002", p);
        place(0, OrderSide.BUY, "0.002", p); // A long 0.002 at p, taker
        BigDecimal up = p.add(BigDecimal.TEN);
        place(2, OrderSide.BUY, "0.001", up);
        place(0, OrderSide.SELL, "0.001", up); // A sells half 10 higher, taker

        JsonNode position = exchange.positions(accounts.get(0), Set.of()).get(0);
        assertThat(position.path("side").asText()).isEqualTo("LONG");
        assertThat(new BigDecimal(position.path("size").asText())).isEqualByComparingTo("0.001");
        assertThat(new BigDecimal(position.path("openPrice").asText())).isEqualByComparingTo(p);
        assertThat(new BigDecimal(position.path("realisedPnl").asText()))
                .isEqualByComparingTo("0.01");
        BigDecimal fees =
                exchange.groundTruth().stream()
                        .filter(f -> f.accountId() == 3001)
                        .map(Fill::fee)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode balance = exchange.balance(accounts.get(0));
        assertThat(new BigDecimal(balance.path("balance").asText()))
                .isEqualByComparingTo(
                        new BigDecimal("100000").add(new BigDecimal("0.01")).subtract(fees));
        // C is short the other side: 0.002 sold, 0.001 bought back 10 higher.
        JsonNode c = exchange.positions(accounts.get(2), Set.of()).get(0);
        assertThat(c.path("side").asText()).isEqualTo("SHORT");
        assertThat(new BigDecimal(c.path("realisedPnl").asText())).isEqualByComparingTo("-0.01");
    }

    @Test
    void reduceOnlyOrdersMustShrinkAnOpenPosition() {
        open(0, 0);
        BigDecimal p = exchange.markPrice("BTC-USD");
        assertThat(reduceOnly(0, OrderSide.SELL, "0.001", p))
                .isEqualTo(ErrorCode.REDUCE_ONLY_ORDER_POSITION_IS_MISSING);
        place(2, OrderSide.SELL, "0.002", p);
        place(0, OrderSide.BUY, "0.002", p); // A long 0.002
        assertThat(reduceOnly(0, OrderSide.BUY, "0.001", p))
                .isEqualTo(ErrorCode.REDUCE_ONLY_ORDER_POSITION_SAME_SIDE);
        assertThat(reduceOnly(0, OrderSide.SELL, "0.003", p))
                .isEqualTo(ErrorCode.REDUCE_ONLY_ORDER_SIZE_EXCEEDS_POSITION_SIZE);
        assertThat(reduceOnly(0, OrderSide.SELL, "0.002", p)).isNull();
    }

    /** The refusal's code, or null when the reduce-only order was accepted. */
    ErrorCode reduceOnly(int account, OrderSide side, String qty, BigDecimal price) {
        OrderRequest request =
                new OrderRequest(
                        "BTC-USD",
                        side,
                        new BigDecimal(qty),
                        price,
                        new BigDecimal("0.0005"),
                        Instant.now().plus(Duration.ofHours(1)),
                        NONCES.incrementAndGet());
        ObjectNode body =
                CreateOrderBody.of(signers.get(account).sign(request))
                        .reduceOnly(true)
                        .toJsonTree();
        try {
            exchange.placeOrder(accounts.get(account), body);
            return null;
        } catch (ApiException e) {
            return e.code();
        }
    }

    @Test
    void ordersExpireWhenTheirTimeHasCome() {
        open(0, 0);
        long id =
                place(
                        0,
                        OrderSide.BUY,
                        "0.001",
                        exchange.markPrice("BTC-USD").subtract(BigDecimal.TEN));
        clock.now = clock.now.plus(Duration.ofHours(2));
        messages.clear();
        exchange.step();
        assertThat(exchange.order(accounts.get(0), id).path("status").asText())
                .isEqualTo("EXPIRED");
        assertThat(messages)
                .anySatisfy(
                        m -> {
                            assertThat(m.type()).isEqualTo("ORDER");
                            assertThat(m.data().path("orders").get(0).path("id").asLong())
                                    .isEqualTo(id);
                        });
        assertThat(exchange.openOrders(accounts.get(0), Set.of())).isEmpty();
    }

    @Test
    void theMarkWalksAndTheRequotedBookFillsRestingOrdersAsMaker() {
        open(10, 0.01);
        BigDecimal start = exchange.markPrice("BTC-USD");
        BigDecimal[] bidAsk = exchange.bestBidAsk("BTC-USD");
        assertThat(bidAsk[0]).isLessThan(start);
        assertThat(bidAsk[1]).isGreaterThan(start);
        // One resting order each side inside the spread: whichever way the mark walks, the
        // requoted devnet liquidity crosses one of them.
        BigDecimal bid = start.subtract(new BigDecimal("3.0"));
        BigDecimal ask = start.add(new BigDecimal("3.0"));
        long buy = place(0, OrderSide.BUY, "0.001", bid);
        long sell = place(2, OrderSide.SELL, "0.001", ask);
        assertThat(exchange.groundTruth()).isEmpty();
        for (int i = 0; i < 200 && exchange.groundTruth().isEmpty(); i++) {
            exchange.step();
        }
        assertThat(exchange.markPrice("BTC-USD")).isNotEqualByComparingTo(start);
        List<Fill> fills = exchange.groundTruth();
        assertThat(fills).isNotEmpty();
        assertThat(fills)
                .allSatisfy(
                        f -> {
                            assertThat(f.isTaker()).isFalse();
                            assertThat(f.orderId()).isIn(buy, sell);
                            // at the resting order's own price
                            assertThat(f.price())
                                    .isEqualByComparingTo(f.orderId() == buy ? bid : ask);
                        });
    }

    @Test
    void theBuilderSaysWhatIsMissing() {
        assertThatThrownBy(() -> ExtendedDevnet.builder().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("account(apiKey, vault, starkPublicKey)");
        BigInteger key = StarkPrivateKey.fromHex(KEYS[0]).publicKey();
        assertThatThrownBy(() -> ExtendedDevnet.builder().account("k", 1, key).account("k", 2, key))
                .hasMessageContaining("share one API key");
        assertThatThrownBy(() -> new DevnetAccount(" ", 1, 1, key, BigDecimal.ONE))
                .hasMessageContaining("non-blank API key");
        assertThat(new DevnetAccount("secret-key", 1, 1, key, BigDecimal.ONE).toString())
                .doesNotContain("secret-key");
    }

    @Test
    void derivedMarketsFollowBtcUsdsConventions() {
        assertThat(io.chainplay.devnet.extended.Markets.syntheticId("BTC", 6))
                .isEqualTo(io.chainplay.devnet.extended.Markets.btcUsd().syntheticId());
        MarketSpec eth = io.chainplay.devnet.extended.Markets.derive("ETH", 4, 3, "0.01", "3400");
        assertThat(eth.syntheticResolution()).isEqualTo(10_000);
        assertThat(eth.minOrderSizeChange()).isEqualByComparingTo("0.001");
        assertThat(eth.minOrderSize()).isEqualByComparingTo("0.01");
        assertThat(eth.collateralId())
                .isEqualTo(io.chainplay.devnet.extended.Markets.btcUsd().collateralId());
    }
}
