package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.L2Config;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.Snip12Messages;
import io.chainplay.connectors.exchange.signing.StarkExMessages;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.connectors.exchange.signing.StarkSignature;
import io.chainplay.connectors.exchange.testing.Fixtures;

import com.swmansion.starknet.crypto.StarknetCurve;
import com.swmansion.starknet.data.types.Felt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random valid BTC-USD orders in both formats: each signature verifies with starknet-jvm against
 * the account's public key, the hash is the message rebuilt from the order's own fields, a flipped
 * bit in the message or the signature fails, and rounding never favours the signer.
 */
class OrderSignerPropertiesTest {

    private static final Instant NOW = Instant.parse("2025-11-01T12:00:00Z");
    private static final Markets MARKETS = Markets.fromApiResponse(Fixtures.text(Fixtures.MARKETS));
    private static final L2Config L2 = MARKETS.get("BTC-USD").l2Config();

    @Property(tries = 40)
    void signedOrdersVerifyAndFlippedBitsFail(
            @ForAll("orders") OrderRequest request,
            @ForAll("keys") StarkPrivateKey key,
            @ForAll boolean snip12,
            @ForAll @IntRange(min = 0, max = 250) int bit,
            @ForAll @IntRange(min = 0, max = 2) int where) {
        SignatureFormat format =
                snip12 ? SignatureFormat.snip12(Snip12Domain.MAINNET) : SignatureFormat.starkEx();
        ExtendedAccount account = new ExtendedAccount("k", 4242, key);
        SignedOrder order = signer(account, format).sign(request);

        assertThat(libraryVerifies(key.publicKey(), order.messageHash(), order.signature()))
                .isTrue();
        assertThat(order.messageHash()).isEqualTo(rebuild(order, key.publicKey()));

        BigInteger hash = order.messageHash();
        StarkSignature sig = order.signature();
        switch (where) {
            case 0 -> hash = hash.flipBit(bit);
            case 1 -> sig = new StarkSignature(sig.r().flipBit(bit), sig.s());
            default -> sig = new StarkSignature(sig.r(), sig.s().flipBit(bit));
        }
        assertThat(libraryVerifies(key.publicKey(), hash, sig)).isFalse();
    }

    /** Off-tick prices (4 decimals) so that collateral and fee really need rounding. */
    @Property(tries = 300)
    void roundingFavoursTheCounterparty(@ForAll("unroundedOrders") OrderRequest r) {
        SettlementAmounts a =
                SettlementAmounts.of(L2, r.side(), r.quantity(), r.price(), r.feeRate());
        BigDecimal res = BigDecimal.valueOf(L2.collateralResolution());
        BigDecimal exact = r.quantity().multiply(r.price()).multiply(res);
        BigDecimal collateral = new BigDecimal(a.collateral());
        if (r.side() == OrderSide.BUY) {
            assertThat(collateral).isGreaterThanOrEqualTo(exact); // the buyer pays at least
            assertThat(collateral.subtract(exact)).isLessThan(BigDecimal.ONE);
        } else {
            assertThat(collateral).isLessThanOrEqualTo(exact); // the seller asks at most
            assertThat(exact.subtract(collateral)).isLessThan(BigDecimal.ONE);
        }
        BigDecimal exactFee = exact.multiply(r.feeRate());
        assertThat(new BigDecimal(a.fee())).isGreaterThanOrEqualTo(exactFee);
        assertThat(new BigDecimal(a.fee()).subtract(exactFee)).isLessThan(BigDecimal.ONE);
        assertThat(new BigDecimal(a.synthetic()))
                .isEqualByComparingTo(
                        r.quantity().multiply(BigDecimal.valueOf(L2.syntheticResolution())));
    }

    @Property(tries = 200)
    void signedExpirationIsExpiryPlus14DaysRoundedUp(
            @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 4_000_000_000_000L)
                    long millis) {
        Instant expiry = Instant.ofEpochMilli(millis);
        Instant buffered = expiry.plus(Duration.ofDays(14));
        long hours = OrderExpiry.starkExHours(expiry);
        assertThat(Instant.ofEpochSecond(hours * 3600)).isAfterOrEqualTo(buffered);
        assertThat(Instant.ofEpochSecond((hours - 1) * 3600)).isBefore(buffered);
        long seconds = OrderExpiry.starknetSeconds(expiry);
        assertThat(Instant.ofEpochSecond(seconds)).isAfterOrEqualTo(buffered);
        assertThat(Instant.ofEpochSecond(seconds - 1)).isBefore(buffered);
    }

    @Provide
    Arbitrary<OrderRequest> orders() {
        // BTC-USD: size step 0.00001 from 0.0001, tick 0.1, value at most 5,000,000.
        Arbitrary<BigDecimal> qty =
                Arbitraries.longs().between(10, 2_000_000).map(n -> BigDecimal.valueOf(n, 5));
        Arbitrary<BigDecimal> price =
                Arbitraries.longs().between(1, 2_000_000).map(n -> BigDecimal.valueOf(n, 1));
        Arbitrary<BigDecimal> fee =
                Arbitraries.integers().between(0, 100).map(n -> BigDecimal.valueOf(n, 4));
        return Combinators.combine(
                        Arbitraries.of(OrderSide.class),
                        qty,
                        price,
                        fee,
                        Arbitraries.longs().between(1, 90L * 24 * 3600 * 1000),
                        Arbitraries.longs().between(0, OrderSigner.MAX_NONCE))
                .as(
                        (side, q, p, f, ttl, nonce) ->
                                new OrderRequest(
                                        "BTC-USD", side, q, p, f, NOW.plusMillis(ttl), nonce))
                .filter(
                        r ->
                                r.quantity()
                                                .multiply(r.price())
                                                .compareTo(BigDecimal.valueOf(5_000_000))
                                        <= 0);
    }

    @Provide
    Arbitrary<OrderRequest> unroundedOrders() {
        Arbitrary<BigDecimal> price =
                Arbitraries.longs().between(1, 2_000_000_000).map(n -> BigDecimal.valueOf(n, 4));
        Arbitrary<BigDecimal> fee =
                Arbitraries.integers().between(0, 10_000).map(n -> BigDecimal.valueOf(n, 6));
        return Combinators.combine(orders(), price, fee)
                .as(
                        (o, p, f) ->
                                new OrderRequest(
                                        o.market(),
                                        o.side(),
                                        o.quantity(),
                                        p,
                                        f,
                                        o.expiry(),
                                        o.nonce()));
    }

    @Provide
    Arbitrary<StarkPrivateKey> keys() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ONE, StarknetCurve.CURVE_ORDER.subtract(BigInteger.ONE))
                .map(k -> StarkPrivateKey.fromHex(k.toString(16)));
    }

    private static OrderSigner signer(ExtendedAccount account, SignatureFormat format) {
        return OrderSigner.builder()
                .markets(MARKETS)
                .account(account)
                .format(format)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    /** The message rebuilt from the signed order's own fields, through the layout functions. */
    private static BigInteger rebuild(SignedOrder o, BigInteger publicKey) {
        boolean buy = o.request().side() == OrderSide.BUY;
        SettlementAmounts a = o.amounts();
        if (o.format().kind() == SignatureFormat.Kind.STARKEX_PEDERSEN) {
            return StarkExMessages.limitOrderWithFees(
                    L2.syntheticId(),
                    L2.collateralId(),
                    buy,
                    L2.collateralId(),
                    a.synthetic(),
                    a.collateral(),
                    a.fee(),
                    o.request().nonce(),
                    o.collateralPosition(),
                    OrderExpiry.starkExHours(o.request().expiry()));
        }
        long syn = a.synthetic().longValueExact();
        long col = a.collateral().longValueExact();
        return Snip12Messages.orderMessageHash(
                new Snip12Messages.Order(
                        o.collateralPosition(),
                        L2.syntheticId(),
                        buy ? syn : -syn,
                        L2.collateralId(),
                        buy ? -col : col,
                        L2.collateralId(),
                        a.fee().longValueExact(),
                        OrderExpiry.starknetSeconds(o.request().expiry()),
                        BigInteger.valueOf(o.request().nonce())),
                publicKey,
                o.format().domain());
    }

    private static boolean libraryVerifies(BigInteger pub, BigInteger hash, StarkSignature sig) {
        try {
            return StarknetCurve.verify(
                    new Felt(pub), new Felt(hash), new Felt(sig.r()), new Felt(sig.s()));
        } catch (RuntimeException e) {
            return false; // a flipped bit can leave the field or make s non-invertible
        }
    }
}
