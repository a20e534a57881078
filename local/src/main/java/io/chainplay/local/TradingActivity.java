package io.chainplay.local;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.Market;
import io.chainplay.connectors.exchange.market.TradingConfig;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.rest.ExtendedRestClient;
import io.chainplay.connectors.exchange.rest.ExtendedTrader;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swmansion.starknet.crypto.StarknetCurve;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo traders of {@code ./chainplay up}: players who each trade through their own sub-account
 * of the devnet Extended exchange, placing small orders that cross the book, signed and placed by
 * the exchange client exactly as a player's trading service would ({@link ExtendedTrader}). Their
 * fills flow through the fills source into {@code raw.exchange.fills} and the trading job.
 *
 * <p>Each trader leans against its own position so that positions stay small and PnL is realized
 * often: past {@link #MAX_LOTS} lots long it only sells, past as many short it only buys.
 */
final class TradingActivity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TradingActivity.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How far past the best price an order is priced, so that it crosses and fills. */
    private static final BigDecimal SLIPPAGE = new BigDecimal("0.002");

    private static final int MAX_LOTS = 6;

    /**
     * One demo player's exchange sub-account. Its Stark key is derived from the player's wallet: a
     * devnet convenience, never a way to make real keys.
     */
    record DemoTrader(String player, long accountId, long vault, String apiKey) {

        StarkPrivateKey starkKey() {
            BigInteger h = new BigInteger(1, sha256("chainplay-demo-stark-key:" + player));
            BigInteger key =
                    h.mod(StarknetCurve.CURVE_ORDER.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            return StarkPrivateKey.fromHex(key.toString(16));
        }

        @Override
        public String toString() {
            return "DemoTrader[" + player + ", account " + accountId + "]";
        }
    }

    /**
     * The Ed25519 seed of the demo wallet, published on purpose (README): anyone can sign in as it
     * with {@code api/examples/SignIn.java} and request its daily trade. It has an exchange account
     * but takes no part in the random trading, so its trades are the ones it asked for.
     */
    static final String DEMO_WALLET_SEED =
            "2c8f2b1fd7e3f0d2b2bb6c3a0a3d4c1e9a6f5b4c3d2e1f00112233445566778f";

    /** The demo wallet's address (base58 of its Ed25519 public key). */
    static String demoWallet() {
        byte[] seed = HexFormat.of().parseHex(DEMO_WALLET_SEED);
        return Base58.encode(
                new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
    }

    /** The demo wallet's account: 5000, vault 50000. */
    static DemoTrader demoWalletTrader() {
        String wallet = demoWallet();
        return new DemoTrader(
                wallet,
                5_000,
                50_000,
                "demo-" + UUID.nameUUIDFromBytes(sha256("api-key:" + wallet)));
    }

    /**
     * The first {@code count} players as traders, with account ids from 5001 and vaults from 50001.
     */
    static List<DemoTrader> demoTraders(List<String> players, int count) {
        List<DemoTrader> traders = new ArrayList<>();
        for (int i = 0; i < Math.min(count, players.size()); i++) {
            String player = players.get(i);
            traders.add(
                    new DemoTrader(
                            player,
                            5_001 + i,
                            50_001 + i,
                            "demo-" + UUID.nameUUIDFromBytes(sha256("api-key:" + player))));
        }
        return traders;
    }

    private final double ordersPerSecond;
    private final Random random;
    private final List<ExtendedTrader> traders = new ArrayList<>();
    private final Map<String, Integer> lots = new HashMap<>(); // trader:market -> signed lots
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private TradingActivity(double ordersPerSecond, long seed) {
        this.ordersPerSecond = ordersPerSecond;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "demo-traders");
        this.thread.setDaemon(true);
    }

    /** Connects every trader (reads the markets) and starts placing orders. */
    static TradingActivity start(
            String restUrl, List<DemoTrader> demo, double ordersPerSecond, long seed)
            throws Exception {
        TradingActivity activity = new TradingActivity(ordersPerSecond, seed);
        for (DemoTrader t : demo) {
            activity.traders.add(
                    ExtendedTrader.connect(
                            restUrl,
                            new ExtendedAccount(t.apiKey(), t.vault(), t.starkKey()),
                            SignatureFormat.snip12(Snip12Domain.SEPOLIA),
                            ExtendedRestClient.Settings.DEFAULT,
                            Clock.systemUTC()));
        }
        if (ordersPerSecond > 0 && !activity.traders.isEmpty()) {
            activity.thread.start();
        }
        return activity;
    }

    long placed() {
        return placed.get();
    }

    private void run() {
        long periodNanos = (long) (1e9 / ordersPerSecond);
        long next = System.nanoTime();
        while (!stopped) {
            try {
                placeOne();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // The demo goes on: a refused or failed order is logged and counted, no more.
                if (failed.incrementAndGet() % 50 == 1) {
                    LOG.warn("Demo order failed ({} so far): {}", failed.get(), e.toString());
                }
            }
            next += periodNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime(); // fell behind: no burst to catch up
            }
        }
    }

    private void placeOne() throws Exception {
        int index = random.nextInt(traders.size());
        ExtendedTrader trader = traders.get(index);
        JsonNode markets = JSON.readTree(trader.rest().marketsJson()).path("data");
        JsonNode stats = markets.get(random.nextInt(markets.size()));
        String name = stats.path("name").asText();
        Market market = trader.markets().get(name);
        String position = index + ":" + name;
        int held = lots.getOrDefault(position, 0);
        boolean buy = held >= MAX_LOTS ? false : held <= -MAX_LOTS ? true : random.nextBoolean();
        int size = 1 + random.nextInt(3);
        TradingConfig config = market.tradingConfig();
        BigDecimal qty = config.minOrderSize().multiply(BigDecimal.valueOf(size));
        BigDecimal best =
                new BigDecimal(
                        stats.path("marketStats").path(buy ? "askPrice" : "bidPrice").asText());
        BigDecimal limit =
                best.multiply(
                        buy ? BigDecimal.ONE.add(SLIPPAGE) : BigDecimal.ONE.subtract(SLIPPAGE));
        BigDecimal tick = config.minPriceChange();
        BigDecimal price =
                limit.divide(tick, 0, buy ? RoundingMode.CEILING : RoundingMode.FLOOR)
                        .multiply(tick);
        OrderRequest request =
                new OrderRequest(
                        name,
                        buy ? OrderSide.BUY : OrderSide.SELL,
                        qty,
                        price,
                        new BigDecimal("0.0005"),
                        Instant.now().plus(Duration.ofMinutes(10)),
                        1 + random.nextInt(Integer.MAX_VALUE - 1));
        trader.place(trader.sign(request, "demo-" + UUID.randomUUID()));
        lots.put(position, held + (buy ? size : -size));
        placed.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
