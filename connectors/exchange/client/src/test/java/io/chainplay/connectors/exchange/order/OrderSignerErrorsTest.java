package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.L2Config;
import io.chainplay.connectors.exchange.market.Market;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.market.TradingConfig;
import io.chainplay.connectors.exchange.market.UnknownMarketException;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.connectors.exchange.testing.Fixtures;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad orders fail before signing, with messages that say what to change. */
class OrderSignerErrorsTest {

    private static final Instant NOW = Instant.parse("2025-11-01T12:00:00Z");
    private static final Markets MARKETS = Markets.fromApiResponse(Fixtures.text(Fixtures.MARKETS));
    private static final ExtendedAccount ACCOUNT =
            new ExtendedAccount("api-key", 10002, StarkPrivateKey.fromHex("0x1234abcd"));

    private final OrderSigner signer = signer(MARKETS, 10002);

    @Test
    void validOrderSigns() {
        assertThat(signer.sign(order("BTC-USD", "0.001", "43445.1")).id()).isNotEmpty();
    }

    @Test
    void unknownMarket() {
        assertThatThrownBy(() -> signer.sign(order("BTC-USDT", "0.001", "43445.1")))
                .isInstanceOf(UnknownMarketException.class)
                .hasMessageContaining("Unknown market 'BTC-USDT'")
                .hasMessageContaining("known markets: BTC-USD");
    }

    @Test
    void quantityBelowMinimumSize() {
        assertThatThrownBy(() -> signer.sign(order("BTC-USD", "0.00005", "43445.1")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining(
                        "quantity 0.00005 BTC is below BTC-USD's minimum order size 0.0001");
    }

    @Test
    void quantityOffTheSizeStep() {
        assertThatThrownBy(() -> signer.sign(order("BTC-USD", "0.000155", "43445.1")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining(
                        "quantity 0.000155 is not a multiple of BTC-USD's size step 0.00001")
                .hasMessageContaining("use 0.00015 or 0.00016");
    }

    @Test
    void nonPositiveQuantityAndPrice() {
        assertThatThrownBy(() -> signer.sign(order("BTC-USD", "-0.001", "43445.1")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("quantity must be positive")
                .hasMessageContaining("side");
        assertThatThrownBy(() -> signer.sign(order("BTC-USD", "0.001", "0")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("price must be positive");
    }

    @Test
    void priceOffTheTick() {
        assertThatThrownBy(() -> signer.sign(order("BTC-USD", "0.001", "43445.1168")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining(
                        "price 43445.1168 is not a multiple of BTC-USD's price tick 0.1")
                .hasMessageContaining("use 43445.1 or 43445.2");
    }

    @Test
    void orderValueAboveTheMarketsMaximum() {
        assertThatThrownBy(() -> signer.sign(order("BTC-USD", "100", "60000")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining(
                        "order value 6000000 USD exceeds BTC-USD's maximum limit order value 5000000");
    }

    @Test
    void feeRateOutOfRange() {
        OrderRequest r = order("BTC-USD", "0.001", "43445.1");
        assertThatThrownBy(
                        () ->
                                signer.sign(
                                        new OrderRequest(
                                                r.market(),
                                                r.side(),
                                                r.quantity(),
                                                r.price(),
                                                new BigDecimal("5"),
                                                r.expiry(),
                                                r.nonce())))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("fee rate must be a fraction in [0, 1), e.g. 0.0005");
    }

    @Test
    void expiredOrder() {
        OrderRequest r = order("BTC-USD", "0.001", "43445.1");
        for (Instant expiry : new Instant[] {NOW, NOW.minus(Duration.ofMinutes(5))}) {
            assertThatThrownBy(
                            () ->
                                    signer.sign(
                                            new OrderRequest(
                                                    r.market(),
                                                    r.side(),
                                                    r.quantity(),
                                                    r.price(),
                                                    r.feeRate(),
                                                    expiry,
                                                    r.nonce())))
                    .isInstanceOf(InvalidOrderException.class)
                    .hasMessageContaining("is not in the future (now 2025-11-01T12:00:00Z)");
        }
    }

    @Test
    void nonceOutOfRange() {
        OrderRequest r = order("BTC-USD", "0.001", "43445.1");
        for (long nonce : new long[] {-1, 1L << 32}) {
            assertThatThrownBy(
                            () ->
                                    signer.sign(
                                            new OrderRequest(
                                                    r.market(),
                                                    r.side(),
                                                    r.quantity(),
                                                    r.price(),
                                                    r.feeRate(),
                                                    r.expiry(),
                                                    nonce)))
                    .isInstanceOf(InvalidOrderException.class)
                    .hasMessageContaining("nonce must be in [0, 2^32)");
        }
    }

    @Test
    void inactiveMarket() {
        Market btc = MARKETS.get("BTC-USD");
        Market halted =
                new Market(
                        "OLD-USD", "OLD", 5, "USD", 6, false, btc.tradingConfig(), btc.l2Config());
        OrderSigner s = signer(Markets.of(halted), 10002);
        assertThatThrownBy(() -> s.sign(order("OLD-USD", "0.001", "43445.1")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("market OLD-USD is not active");
    }

    @Test
    void quantityFinerThanTheResolutionIsRefused() {
        // A market whose size step is finer than what its resolution can settle.
        Market btc = MARKETS.get("BTC-USD");
        TradingConfig fine =
                new TradingConfig(
                        new BigDecimal("0.0000001"),
                        new BigDecimal("0.0000001"),
                        new BigDecimal("0.1"),
                        new BigDecimal("1000000"));
        L2Config l2 = btc.l2Config();
        Market m = new Market("FINE-USD", "FINE", 7, "USD", 6, true, fine, l2);
        OrderSigner s = signer(Markets.of(m), 10002);
        assertThatThrownBy(() -> s.sign(order("FINE-USD", "0.0000015", "10.0")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("quantity 0.0000015 has more decimals than FINE-USD settles")
                .hasMessageContaining("round it to a multiple of 0.000001");
        assertThat(s.sign(order("FINE-USD", "0.000002", "10.0")).amounts().synthetic())
                .isEqualTo(BigInteger.TWO);
    }

    @Test
    void snip12PositionMustFitU32() {
        OrderSigner s = signer(MARKETS, 1L << 32);
        assertThatThrownBy(() -> s.sign(order("BTC-USD", "0.001", "43445.1")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("does not fit the u32 position id");
    }

    @Test
    void builderSaysWhatIsMissing() {
        assertThatThrownBy(() -> OrderSigner.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("markets are not set");
        assertThatThrownBy(() -> OrderSigner.builder().markets(MARKETS).build())
                .hasMessageContaining("account is not set");
        assertThatThrownBy(() -> OrderSigner.builder().markets(MARKETS).account(ACCOUNT).build())
                .hasMessageContaining("format is not set")
                .hasMessageContaining("Snip12Domain.MAINNET");
    }

    private static OrderSigner signer(Markets markets, long vault) {
        return OrderSigner.builder()
                .markets(markets)
                .account(
                        new ExtendedAccount(
                                "api-key", vault, StarkPrivateKey.fromHex("0x1234abcd")))
                .format(SignatureFormat.snip12(Snip12Domain.SEPOLIA))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    private static OrderRequest order(String market, String qty, String price) {
        return new OrderRequest(
                market,
                OrderSide.SELL,
                new BigDecimal(qty),
                new BigDecimal(price),
                new BigDecimal("0.0005"),
                NOW.plus(Duration.ofHours(1)),
                7);
    }
}
