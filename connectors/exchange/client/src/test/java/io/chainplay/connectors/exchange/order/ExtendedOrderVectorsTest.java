package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.Snip12Messages;
import io.chainplay.connectors.exchange.signing.StarkExMessages;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.connectors.exchange.signing.StarkSignature;
import io.chainplay.connectors.exchange.signing.StarkSigner;
import io.chainplay.connectors.exchange.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.chainplay.connectors.exchange.testing.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Extended order vector, twice: the message hash from the vector's resolved inputs, and the
 * whole path from the human order (market config, rounding, expiry rule) to the hash and the
 * signature, bit for bit.
 */
class ExtendedOrderVectorsTest {

    static final JsonNode VECTORS = Fixtures.json(Fixtures.VECTORS);
    static final Markets MARKETS = Markets.fromApiResponse(Fixtures.text(Fixtures.MARKETS));

    /** The SDK tests' order: quantity, price and fee rate shared by every order vector. */
    static final BigDecimal QTY = new BigDecimal("0.00100000");

    static final BigDecimal PRICE = new BigDecimal("43445.11680000");
    static final BigDecimal FEE_RATE = new BigDecimal("0.0005");

    static ExtendedAccount account() {
        JsonNode a = VECTORS.path("account");
        StarkPrivateKey key = StarkPrivateKey.fromHex(a.path("private_key").asText());
        assertThat(key.publicKey()).isEqualTo(big(a.path("public_key")));
        return new ExtendedAccount("test-api-key", a.path("vault_position_id").asLong(), key);
    }

    static Stream<Arguments> starkExOrders() {
        return named(VECTORS.path("starkex_limit_order_with_fees"));
    }

    static Stream<Arguments> snip12Orders() {
        return named(VECTORS.path("starknet_snip12_orders"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starkExOrders")
    void starkExHashFromResolvedInputs(String name, JsonNode v) {
        JsonNode in = v.path("hash_inputs");
        BigInteger hash =
                StarkExMessages.limitOrderWithFees(
                        big(in.path("asset_id_synthetic")),
                        big(in.path("asset_id_collateral")),
                        in.path("is_buying_synthetic").asInt() == 1,
                        big(in.path("asset_id_fee")),
                        big(in.path("amount_synthetic")),
                        big(in.path("amount_collateral")),
                        big(in.path("max_amount_fee")),
                        in.path("nonce").asLong(),
                        in.path("position_id").asLong(),
                        in.path("expiration_timestamp_hours").asLong());
        assertThat(hash).isEqualTo(big(v.path("expected_hash_dec")));
        assertThat(hash).isEqualTo(big(v.path("expected_hash_hex")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starkExOrders")
    void starkExOrderFromHumanInputs(String name, JsonNode v) {
        JsonNode human = v.path("human");
        assertThat(new BigDecimal(human.path("qty").asText())).isEqualByComparingTo(QTY);
        assertThat(new BigDecimal(human.path("price").asText())).isEqualByComparingTo(PRICE);
        assertThat(new BigDecimal(human.path("fee_rate").asText())).isEqualByComparingTo(FEE_RATE);
        SignedOrder order = sign(SignatureFormat.starkEx(), v);

        JsonNode in = v.path("hash_inputs");
        assertThat(order.request().side() == OrderSide.BUY)
                .isEqualTo(in.path("is_buying_synthetic").asInt() == 1);
        assertThat(order.amounts().synthetic()).isEqualTo(big(in.path("amount_synthetic")));
        assertThat(order.amounts().collateral()).isEqualTo(big(in.path("amount_collateral")));
        assertThat(order.amounts().fee()).isEqualTo(big(in.path("max_amount_fee")));
        assertThat(order.signedExpiration())
                .isEqualTo(in.path("expiration_timestamp_hours").asLong());
        assertThat(order.collateralPosition()).isEqualTo(in.path("position_id").asLong());
        assertSigned(order, v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snip12Orders")
    void snip12HashFromResolvedInputs(String name, JsonNode v) {
        JsonNode in = v.path("hash_inputs");
        BigInteger hash =
                Snip12Messages.orderMessageHash(
                        new Snip12Messages.Order(
                                in.path("position_id").asLong(),
                                big(in.path("base_asset_id")),
                                in.path("base_amount").asLong(),
                                big(in.path("quote_asset_id")),
                                in.path("quote_amount").asLong(),
                                big(in.path("fee_asset_id")),
                                in.path("fee_amount").asLong(),
                                in.path("expiration_seconds").asLong(),
                                big(in.path("salt"))),
                        big(in.path("user_public_key")),
                        Snip12Domain.SEPOLIA);
        assertThat(hash).isEqualTo(big(v.path("expected_hash_dec")));
        assertThat(hash).isEqualTo(big(v.path("expected_hash_hex")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snip12Orders")
    void snip12OrderFromHumanInputs(String name, JsonNode v) {
        SignedOrder order = sign(SignatureFormat.snip12(Snip12Domain.SEPOLIA), v);

        JsonNode in = v.path("hash_inputs");
        long base = in.path("base_amount").asLong();
        long quote = in.path("quote_amount").asLong();
        boolean buy = order.request().side() == OrderSide.BUY;
        assertThat(buy ? base : -base).isEqualTo(order.amounts().synthetic().longValueExact());
        assertThat(buy ? -quote : quote).isEqualTo(order.amounts().collateral().longValueExact());
        assertThat(order.amounts().fee()).isEqualTo(big(in.path("fee_amount")));
        assertThat(order.signedExpiration()).isEqualTo(in.path("expiration_seconds").asLong());
        assertThat(order.starkKey()).isEqualTo(big(in.path("user_public_key")));
        assertThat(order.collateralPosition()).isEqualTo(in.path("position_id").asLong());
        assertSigned(order, v);
    }

    @Test
    void everyOrderVectorIsCovered() {
        assertThat(VECTORS.path("starkex_limit_order_with_fees")).hasSize(3);
        assertThat(VECTORS.path("starknet_snip12_orders")).hasSize(3);
    }

    private static SignedOrder sign(SignatureFormat format, JsonNode v) {
        JsonNode human = v.path("human");
        Instant now = Instant.parse(human.path("frozen_now_utc").asText());
        OrderSigner signer =
                OrderSigner.builder()
                        .markets(MARKETS)
                        .account(account())
                        .format(format)
                        .clock(Clock.fixed(now, ZoneOffset.UTC))
                        .checkPriceTick(false) // the SDK vectors' price is off today's tick
                        .build();
        long nonce =
                human.has("nonce")
                        ? human.path("nonce").asLong()
                        : v.path("hash_inputs").path("salt").asLong();
        return signer.sign(
                new OrderRequest(
                        "BTC-USD",
                        OrderSide.valueOf(human.path("side").asText()),
                        QTY,
                        PRICE,
                        FEE_RATE,
                        Instant.ofEpochMilli(human.path("expiryEpochMillis").asLong()),
                        nonce));
    }

    private static void assertSigned(SignedOrder order, JsonNode v) {
        assertThat(order.messageHash()).isEqualTo(big(v.path("expected_hash_dec")));
        assertThat(order.id()).isEqualTo(v.path("expected_hash_dec").asText());
        StarkSignature expected =
                StarkSignature.fromHex(
                        v.path("expected_signature").path("r").asText(),
                        v.path("expected_signature").path("s").asText());
        assertThat(order.signature()).isEqualTo(expected);
        assertThat(order.signature().rHex())
                .isEqualTo(v.path("expected_signature").path("r").asText());
        assertThat(order.signature().sHex())
                .isEqualTo(v.path("expected_signature").path("s").asText());
        assertThat(StarkSigner.verify(order.starkKey(), order.messageHash(), order.signature()))
                .isTrue();
    }

    private static Stream<Arguments> named(JsonNode array) {
        List<Arguments> out = new ArrayList<>();
        array.forEach(v -> out.add(Arguments.of(v.path("name").asText(), v)));
        return out.stream();
    }
}
