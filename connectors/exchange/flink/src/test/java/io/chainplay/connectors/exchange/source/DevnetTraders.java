package io.chainplay.connectors.exchange.source;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.fills.ApiKeyRef;
import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.rest.ExtendedRestClient;
import io.chainplay.connectors.exchange.rest.ExtendedTrader;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.devnet.extended.ExtendedDevnet;
import io.chainplay.devnet.extended.Fill;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Extended devnet with two accounts that trade with each other, as players' trading services
 * would: orders signed and placed by the exchange client ({@link ExtendedTrader}). The pipelines
 * tests use it too, from this module's test jar.
 */
public final class DevnetTraders implements AutoCloseable {

    // A: the SDK fixtures' published test key; B: an arbitrary test key (as the devnet's ITCase).
    static final String KEY_A = "0x7a7ff6fd3cab02ccdcd4a572563f5976f8976899b03a39773795a3c486d4986";
    static final String KEY_B = "0x1f2e3d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcde";
    public static final String WALLET_A = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    public static final String WALLET_B = "So11111111111111111111111111111111111111112";
    public static final long ACCOUNT_A = 3001;
    public static final long ACCOUNT_B = 3002;
    static final String MARKET = "BTC-USD";
    private static final AtomicLong NONCES = new AtomicLong(1_000);

    public final ExtendedDevnet devnet;
    private final ExtendedTrader traderA;
    private final ExtendedTrader traderB;

    public DevnetTraders(long seed) throws Exception {
        devnet =
                ExtendedDevnet.builder()
                        .seed(seed)
                        .manualClock()
                        .account("api-key-a", 10002, publicKey(KEY_A))
                        .account("api-key-b", 20002, publicKey(KEY_B))
                        .start();
        traderA = trader("api-key-a", 10002, KEY_A);
        traderB = trader("api-key-b", 20002, KEY_B);
    }

    private static BigInteger publicKey(String privateKey) {
        return StarkPrivateKey.fromHex(privateKey).publicKey();
    }

    private ExtendedTrader trader(String apiKey, long vault, String key) throws Exception {
        return ExtendedTrader.connect(
                devnet.url(),
                new ExtendedAccount(apiKey, vault, StarkPrivateKey.fromHex(key)),
                SignatureFormat.snip12(Snip12Domain.SEPOLIA),
                // The devnet may be injecting server errors: retry them, as a client would.
                new ExtendedRestClient.Settings(
                        Duration.ofSeconds(10), 25, Duration.ofMillis(5), Duration.ofMillis(50)),
                Clock.systemUTC());
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
        place(traderA, OrderSide.SELL, mid);
        place(traderB, OrderSide.BUY, mid);
    }

    private static void place(ExtendedTrader trader, OrderSide side, String price)
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
        trader.place(trader.sign(request, UUID.randomUUID().toString()));
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
