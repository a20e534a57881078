package io.chainplay.devnet.extended;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.order.CreateOrderBody;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.OrderSigner;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Random orders signed by our signer are accepted by the devnet's own verifier, in both schemes;
 * any one change to what was signed is refused as an invalid signature. Seeded, so repeatable.
 */
class RandomOrdersTest {

    static final String KEY = ExtendedDevnetITCase.KEY_A;
    static final int ORDERS = 24; // three rounds of the eight edits

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void randomSignedOrdersAreAcceptedAndAnyChangeIsRefused(SignatureScheme scheme) {
        Exchange exchange =
                new Exchange(
                        new Exchange.Settings(
                                Clock.systemUTC(),
                                1,
                                new BigDecimal("0.0002"),
                                new BigDecimal("0.0005"),
                                10,
                                0,
                                Duration.ofDays(90).toMillis()),
                        new SettlementVerifier(scheme, SettlementVerifier.Domain.SEPOLIA),
                        List.of(Markets.btcUsd()),
                        Map.of(),
                        List.of(
                                new DevnetAccount(
                                        "k",
                                        3001,
                                        10002,
                                        StarkPrivateKey.fromHex(KEY).publicKey(),
                                        new BigDecimal("1000000"))));
        Exchange.Account account = exchange.authenticate("k");
        ObjectNode envelope = Exchange.MAPPER.createObjectNode().put("status", "OK");
        envelope.set("data", exchange.marketsJson(Set.of()));
        OrderSigner signer =
                OrderSigner.builder()
                        .markets(
                                io.chainplay.connectors.exchange.market.Markets.fromApiResponse(
                                        envelope.toString()))
                        .account(new ExtendedAccount("k", 10002, StarkPrivateKey.fromHex(KEY)))
                        .format(
                                scheme == SignatureScheme.SNIP12
                                        ? SignatureFormat.snip12(Snip12Domain.SEPOLIA)
                                        : SignatureFormat.starkEx())
                        .build();
        Random random = new Random(scheme.ordinal() + 42);
        BigDecimal mark = exchange.markPrice("BTC-USD");
        List<UnaryOperator<ObjectNode>> edits =
                List.of(
                        o -> flip(o, "r", random.nextInt(250)),
                        o -> flip(o, "s", random.nextInt(250)),
                        o ->
                                o.put(
                                        "qty",
                                        new BigDecimal(o.path("qty").asText())
                                                .add(new BigDecimal("0.00001"))
                                                .toPlainString()),
                        o ->
                                o.put(
                                        "price",
                                        new BigDecimal(o.path("price").asText())
                                                .add(new BigDecimal("0.1"))
                                                .toPlainString()),
                        o -> o.put("fee", "0.0006"),
                        o -> o.put("nonce", Long.toString(o.path("nonce").asLong() + 1)),
                        o ->
                                o.put(
                                        "expiryEpochMillis",
                                        o.path("expiryEpochMillis").asLong() + 3_600_000),
                        o -> o.put("side", o.path("side").asText().equals("BUY") ? "SELL" : "BUY"));
        for (int i = 0; i < ORDERS; i++) {
            boolean buy = random.nextBoolean();
            BigDecimal qty =
                    new BigDecimal("0.00001")
                            .multiply(BigDecimal.valueOf(10 + random.nextInt(5_000)));
            BigDecimal price =
                    mark.add(
                            new BigDecimal("0.1")
                                    .multiply(BigDecimal.valueOf(random.nextInt(4_001) - 2_000)));
            Instant expiry =
                    Instant.now().plus(Duration.ofMinutes(1 + random.nextInt(80 * 24 * 60)));
            long nonce = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            OrderRequest request =
                    new OrderRequest(
                            "BTC-USD",
                            buy ? OrderSide.BUY : OrderSide.SELL,
                            qty,
                            price,
                            new BigDecimal("0.0005"),
                            expiry,
                            nonce);
            ObjectNode body =
                    CreateOrderBody.of(signer.sign(request)).externalId("o" + i).toJsonTree();

            UnaryOperator<ObjectNode> edit = edits.get(i % edits.size());
            ObjectNode changed = edit.apply(body.deepCopy().put("id", "changed" + i));
            ApiException refused =
                    catchThrowableOfType(
                            () -> exchange.placeOrder(account, changed), ApiException.class);
            assertThat(refused)
                    .as("order %d, edit %d: %s", i, i % edits.size(), changed)
                    .isNotNull();
            assertThat(refused.code())
                    .as(refused.getMessage())
                    .isEqualTo(ErrorCode.INVALID_STARKEX_SIGNATURE);

            ObjectNode placed = exchange.placeOrder(account, body);
            assertThat(placed.path("externalId").asText()).isEqualTo("o" + i);
        }
    }

    private static ObjectNode flip(ObjectNode body, String part, int bit) {
        ObjectNode sig = (ObjectNode) body.path("settlement").path("signature");
        BigInteger v = new BigInteger(sig.path(part).asText().substring(2), 16);
        sig.put(part, "0x" + v.flipBit(bit).toString(16));
        return body;
    }
}
