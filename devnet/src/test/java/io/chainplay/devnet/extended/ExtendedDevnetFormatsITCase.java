package io.chainplay.devnet.extended;

import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two signature formats (a StarkEx-era devnet next to the default Starknet one) and the wire
 * shape of the account stream against the recorded message.
 */
class ExtendedDevnetFormatsITCase {

    static final String KEY = ExtendedDevnetITCase.KEY_A;
    static final BigInteger PUBLIC_KEY = new BigInteger(Trader.publicKeyHex(KEY).substring(2), 16);

    @Test
    void aStarkExDevnetAcceptsStarkExSignaturesAndRefusesSnip12Ones() {
        try (ExtendedDevnet starkEx =
                        ExtendedDevnet.builder()
                                .seed(1)
                                .manualClock()
                                .signatureScheme(SignatureScheme.STARKEX)
                                .account("k", 10002, PUBLIC_KEY)
                                .start();
                ExtendedDevnet snip12 =
                        ExtendedDevnet.builder()
                                .seed(1)
                                .manualClock()
                                .account("k", 10002, PUBLIC_KEY)
                                .start()) {
            Trader pedersen =
                    new Trader(
                            starkEx.url(),
                            "k",
                            10002,
                            KEY,
                            SignatureFormat.starkEx(),
                            Clock.systemUTC());
            Trader poseidon =
                    new Trader(
                            snip12.url(),
                            "k",
                            10002,
                            KEY,
                            SignatureFormat.snip12(Snip12Domain.SEPOLIA),
                            Clock.systemUTC());
            Trader poseidonToStarkEx =
                    new Trader(
                            starkEx.url(),
                            "k",
                            10002,
                            KEY,
                            SignatureFormat.snip12(Snip12Domain.SEPOLIA),
                            Clock.systemUTC());
            Trader mainnetDomain =
                    new Trader(
                            snip12.url(),
                            "k",
                            10002,
                            KEY,
                            SignatureFormat.snip12(Snip12Domain.MAINNET),
                            Clock.systemUTC());
            String bid =
                    starkEx.markPrice("BTC-USD").subtract(new BigDecimal("500")).toPlainString();

            Trader.Response ok =
                    pedersen.place(
                            pedersen.order(
                                    "BTC-USD",
                                    OrderSide.BUY,
                                    "0.001",
                                    bid,
                                    UUID.randomUUID().toString()));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(
                            poseidon.place(
                                            poseidon.order(
                                                    "BTC-USD",
                                                    OrderSide.SELL,
                                                    "0.001",
                                                    snip12.markPrice("BTC-USD")
                                                            .add(new BigDecimal("500"))
                                                            .toPlainString(),
                                                    UUID.randomUUID().toString()))
                                    .status())
                    .isEqualTo(200);

            Trader.Response wrongFormat =
                    poseidonToStarkEx.place(
                            poseidonToStarkEx.order(
                                    "BTC-USD",
                                    OrderSide.BUY,
                                    "0.001",
                                    bid,
                                    UUID.randomUUID().toString()));
            assertThat(wrongFormat.errorCode())
                    .isEqualTo(ErrorCode.INVALID_STARKEX_SIGNATURE.code());
            String snipBid =
                    snip12.markPrice("BTC-USD").subtract(new BigDecimal("500")).toPlainString();
            Trader.Response wrongDomain =
                    mainnetDomain.place(
                            mainnetDomain.order(
                                    "BTC-USD",
                                    OrderSide.BUY,
                                    "0.001",
                                    snipBid,
                                    UUID.randomUUID().toString()));
            assertThat(wrongDomain.errorCode())
                    .as("a mainnet-domain signature on a testnet devnet")
                    .isEqualTo(ErrorCode.INVALID_STARKEX_SIGNATURE.code());
        }
    }

    @Test
    void accountStreamTradeMessagesHaveTheRecordedShape() throws Exception {
        JsonNode recorded =
                SettlementVerifierTest.fixture("extended/extended_stream_messages.json")
                        .path("account_update_trade");
        String keyB = ExtendedDevnetITCase.KEY_B;
        try (ExtendedDevnet devnet =
                ExtendedDevnet.builder()
                        .seed(3)
                        .manualClock()
                        .account("a", 10002, PUBLIC_KEY)
                        .account(
                                "b",
                                20002,
                                new BigInteger(Trader.publicKeyHex(keyB).substring(2), 16))
                        .start()) {
            Trader a = new Trader(devnet.url(), "a", 10002, KEY);
            Trader b = new Trader(devnet.url(), "b", 20002, keyB);
            try (StreamTap tap = new StreamTap(devnet.accountStreamUrl(), "a")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> tap.messages().size() >= 3);
                String mid = devnet.markPrice("BTC-USD").toPlainString();
                assertThat(a.place(a.order("BTC-USD", OrderSide.SELL, "0.001", mid, "s1")).status())
                        .isEqualTo(200);
                assertThat(b.place(b.order("BTC-USD", OrderSide.BUY, "0.001", mid, "b1")).status())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> !tap.trades().isEmpty());
                JsonNode trade =
                        tap.messages().stream()
                                .filter(m -> m.path("type").asText().equals("TRADE"))
                                .findFirst()
                                .orElseThrow();
                assertSameShape("", recorded, trade);
                assertThat(fieldNames(trade.path("data")))
                        .containsExactlyElementsOf(fieldNames(recorded.path("data")));
                assertThat(fieldNames(trade.path("data").path("trades").get(0)))
                        .containsExactlyElementsOf(
                                fieldNames(recorded.path("data").path("trades").get(0)));
                // Decimals as strings with the recorded 16-digit scale.
                assertThat(trade.path("data").path("trades").get(0).path("qty").asText())
                        .isEqualTo("0.0010000000000000");
            }
        }
    }

    @Test
    void theWallClockMovesTheMarkAndDisconnectStreamsDropsEveryConnection() throws Exception {
        try (ExtendedDevnet devnet =
                ExtendedDevnet.builder()
                        .seed(9)
                        .markInterval(Duration.ofMillis(20))
                        .volatility(0.01)
                        .account("a", 10002, PUBLIC_KEY)
                        .start()) {
            BigDecimal start = devnet.markPrice("BTC-USD");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> devnet.markPrice("BTC-USD").compareTo(start) != 0);
            try (StreamTap one = new StreamTap(devnet.accountStreamUrl(), "a");
                    StreamTap two = new StreamTap(devnet.accountStreamUrl(), "a")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> devnet.streamConnections() == 2);
                devnet.disconnectStreams();
                await().atMost(Duration.ofSeconds(5)).until(() -> one.isClosed() && two.isClosed());
                assertThat(devnet.streamConnections()).isZero();
            }
        }
    }

    /**
     * Same field names and JSON types at every level (values may differ; null matches anything).
     */
    static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNull() || actual.isNull()) {
            return;
        }
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            assertThat(fieldNames(actual))
                    .as(path)
                    .containsExactlyInAnyOrderElementsOf(fieldNames(expected));
            expected.fields()
                    .forEachRemaining(
                            e ->
                                    assertSameShape(
                                            path + "." + e.getKey(),
                                            e.getValue(),
                                            actual.path(e.getKey())));
        } else if (expected.isArray() && expected.size() > 0 && actual.size() > 0) {
            assertSameShape(path + "[0]", expected.get(0), actual.get(0));
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
