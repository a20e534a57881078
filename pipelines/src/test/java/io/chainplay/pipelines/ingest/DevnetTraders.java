package io.chainplay.pipelines.ingest;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.fills.ApiKeyRef;
import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.order.CreateOrderBody;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.OrderSigner;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.devnet.extended.ExtendedDevnet;
import io.chainplay.devnet.extended.Fill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (A copy of the fills source ITCase helper, connectors/exchange/flink.) An Extended devnet with
 * two accounts that trade with each other, as players' trading services would: orders signed by our
 * exchange-client signer, sent over plain HTTP with {@code X-Api-Key}.
 */
final class DevnetTraders implements AutoCloseable {

    // A: the SDK fixtures' published test key; B: an arbitrary test key (as the devnet's ITCase).
    static final String KEY_A = "0x7a7ff6fd3cab02ccdcd4a572563f5976f8976899b03a39773795a3c486d4986";
    static final String KEY_B = "0x1f2e3d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcde";
    public static final String WALLET_A = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    public static final String WALLET_B = "So11111111111111111111111111111111111111112";
    public static final long ACCOUNT_A = 3001;
    public static final long ACCOUNT_B = 3002;
    static final String MARKET = "BTC-USD";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong NONCES = new AtomicLong(1_000);

    public final ExtendedDevnet devnet;
    private final OrderSigner signerA;
    private final OrderSigner signerB;

    public DevnetTraders(long seed) throws Exception {
        devnet =
                ExtendedDevnet.builder()
                        .seed(seed)
                        .manualClock()
                        .account("api-key-a", 10002, publicKey(KEY_A))
                        .account("api-key-b", 20002, publicKey(KEY_B))
                        .start();
        String markets = get("/info/markets", "api-key-a");
        signerA = signer(markets, "api-key-a", 10002, KEY_A);
        signerB = signer(markets, "api-key-b", 20002, KEY_B);
    }

    private static BigInteger publicKey(String privateKey) {
        return StarkPrivateKey.fromHex(privateKey).publicKey();
    }

    private static OrderSigner signer(String markets, String apiKey, long vault, String key) {
        return OrderSigner.builder()
                .markets(Markets.fromApiResponse(markets))
                .account(new ExtendedAccount(apiKey, vault, StarkPrivateKey.fromHex(key)))
                .format(SignatureFormat.snip12(Snip12Domain.SEPOLIA))
                .build();
    }

    /** The two accounts as the source is configured with them (keys given as literals: tests). */
    public List<PlayerAccount> accounts() {
        return List.of(
                new PlayerAccount(ACCOUNT_A, WALLET_A, ApiKeyRef.literal("api-key-a")),
                new PlayerAccount(ACCOUNT_B, WALLET_B, ApiKeyRef.literal("api-key-b")));
    }

    /**
     * A sells, B buys, at the mark (inside the devnet's spread): two fills, A's as maker then B's
     * as taker.
     */
    public void cross() throws Exception {
        String mid = devnet.markPrice(MARKET).toPlainString();
        place(signerA, "api-key-a", OrderSide.SELL, mid);
        place(signerB, "api-key-b", OrderSide.BUY, mid);
    }

    private void place(OrderSigner signer, String apiKey, OrderSide side, String price)
            throws Exception {
        OrderRequest request =
                new OrderRequest(
                        MARKET,
                        side,
                        new BigDecimal("0.001"),
                        new BigDecimal(price),
                        new BigDecimal("0.0005"),
                        Instant.now().plus(Duration.ofHours(1)),
                        NONCES.incrementAndGet());
        String body =
                CreateOrderBody.of(signer.sign(request))
                        .externalId(UUID.randomUUID().toString())
                        .toJson();
        // The devnet may be injecting server errors: a client retries (same external id would be
        // idempotent, but a 5xx here is answered before the order is looked at).
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(devnet.url() + "/user/order"))
                                    .header("X-Api-Key", apiKey)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            if (r.statusCode() < 500 || attempt > 20) {
                throw new IllegalStateException(
                        "order refused: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private String get(String path, String apiKey) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(devnet.url() + path))
                                .header("X-Api-Key", apiKey)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        if (!"OK".equals(json.path("status").asText())) {
            throw new IllegalStateException(r.body());
        }
        return r.body();
    }

    /** Ids of the ground-truth fills of the two accounts. */
    public List<Long> groundTruthIds() {
        return devnet.groundTruth().stream().map(Fill::id).sorted().toList();
    }

    @Override
    public void close() {
        devnet.close();
    }
}
