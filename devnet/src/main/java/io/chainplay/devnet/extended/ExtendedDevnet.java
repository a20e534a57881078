package io.chainplay.devnet.extended;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A local Extended (x10) perpetuals exchange: the REST API and the account stream our clients use,
 * with the checks the real one makes — every order's Stark signature verified against the account's
 * key, nonces, expiry, size step, tick and settlement amounts — a simulated order book per market,
 * and faults on demand.
 *
 * <pre>{@code
 * try (ExtendedDevnet devnet = ExtendedDevnet.builder()
 *         .account("api-key-1", 10002, starkPublicKey)
 *         .manualClock()
 *         .start()) {
 *     String rest = devnet.url();                  // http://127.0.0.1:<port>/api/v1
 *     String stream = devnet.accountStreamUrl();   // ws://127.0.0.1:<port>/stream.extended.exchange/v1/account
 *     devnet.step();                               // the mark moves, liquidity is requoted
 *     List<Fill> fills = devnet.groundTruth();
 * }
 * }</pre>
 *
 * <p>The devnet's own liquidity is quoted around a mark price that random-walks from a seed: every
 * {@code markInterval} by the wall clock, or only on {@link #step()} with {@link
 * Builder#manualClock()}. REST and the stream listen on two ports because the JDK's HTTP server
 * cannot hand a connection over to a WebSocket.
 */
public final class ExtendedDevnet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtendedDevnet.class);

    private final String host;
    private final Exchange exchange;
    private final Faults faults;
    private final RestServer rest;
    private final StreamServer stream;
    private final ScheduledExecutorService ticker;

    private ExtendedDevnet(Builder b, Exchange exchange, Faults faults) throws IOException {
        this.host = b.host;
        this.exchange = exchange;
        this.faults = faults;
        this.stream = new StreamServer(b.host, b.streamPort, exchange, faults, b.clock);
        try {
            this.rest = new RestServer(b.host, b.port, exchange, faults);
        } catch (IOException e) {
            stream.close();
            throw e;
        }
        if (b.manualClock) {
            this.ticker = null;
        } else {
            this.ticker =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "extended-devnet-mark");
                                t.setDaemon(true);
                                return t;
                            });
            long ms = b.markInterval.toMillis();
            ticker.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        }
        LOG.info(
                "Extended devnet at {} (stream {}), {} scheme, {} accounts, seed {}",
                url(),
                accountStreamUrl(),
                b.scheme,
                b.accounts.size(),
                b.seed);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The REST base, e.g. {@code http://127.0.0.1:8090/api/v1}; paths as Extended's. */
    public String url() {
        return "http://" + hostForUrl() + ":" + rest.port() + RestServer.BASE;
    }

    /** The account stream, e.g. {@code ws://127.0.0.1:8091/stream.extended.exchange/v1/account}. */
    public String accountStreamUrl() {
        return "ws://" + hostForUrl() + ":" + stream.port() + StreamServer.ACCOUNT_PATH;
    }

    public int port() {
        return rest.port();
    }

    public int streamPort() {
        return stream.port();
    }

    /** Fault injection, changeable while running. */
    public Faults faults() {
        return faults;
    }

    /** Drops every account-stream connection now (no close frame). */
    public void disconnectStreams() {
        stream.disconnectAll();
    }

    /** Open account-stream connections. */
    public int streamConnections() {
        return stream.connections();
    }

    /** Every fill the devnet made for an account, in the order it made them. */
    public List<Fill> groundTruth() {
        return exchange.groundTruth();
    }

    /** A market's current mark price. */
    public BigDecimal markPrice(String market) {
        return exchange.markPrice(market);
    }

    /** A market's best bid and best ask right now (an element is null when that side is empty). */
    public BigDecimal[] bestBidAsk(String market) {
        return exchange.bestBidAsk(market);
    }

    /** One step of the market: marks random-walk, expired orders expire, liquidity is requoted. */
    public void step() {
        exchange.step();
    }

    private void tick() {
        try {
            exchange.step();
        } catch (RuntimeException e) {
            LOG.error("Market step failed", e);
        }
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        rest.close();
        stream.close();
    }

    /** Devnet settings; everything but the accounts has a default that works locally. */
    public static final class Builder {
        String host = "127.0.0.1";
        int port;
        int streamPort;
        long seed = System.nanoTime();
        Clock clock = Clock.systemUTC();
        boolean manualClock;
        Duration markInterval = Duration.ofSeconds(1);
        final Map<String, MarketSpec> markets = new LinkedHashMap<>(Markets.defaults());
        final Map<String, BigDecimal> markPrices = new LinkedHashMap<>();
        final List<DevnetAccount> accounts = new ArrayList<>();
        SignatureScheme scheme = SignatureScheme.SNIP12;
        SettlementVerifier.Domain domain = SettlementVerifier.Domain.SEPOLIA;
        BigDecimal makerFee = new BigDecimal("0.0002");
        BigDecimal takerFee = new BigDecimal("0.0005");
        int liquidityLevels = 10;
        double volatility = 0.0005;
        Duration maxExpiry = Duration.ofDays(90);
        BigDecimal initialBalance = new BigDecimal("100000");
        private Faults faults;

        private Builder() {}

        /** Interface to listen on; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** REST port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Account-stream port; 0 (default) picks a free one. */
        public Builder streamPort(int port) {
            this.streamPort = port;
            return this;
        }

        /** Seeds the mark price walk, the liquidity sizes and the faults; default random. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The clock for expiries and timestamps (tests may fix it); default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** No timer: the market moves only on {@link ExtendedDevnet#step()}. */
        public Builder manualClock() {
            this.manualClock = true;
            return this;
        }

        /** Time between market steps with the wall clock; default 1 s. */
        public Builder markInterval(Duration interval) {
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("markInterval must be at least 1 ms");
            }
            this.markInterval = interval;
            return this;
        }

        /**
         * Adds (or replaces) a market, e.g. {@link Markets#derive}. Default: BTC-USD as recorded
         * and a derived ETH-USD.
         */
        public Builder market(MarketSpec market) {
            markets.put(market.name(), market);
            return this;
        }

        /** The starting mark price of a market (default: the market JSON's markPrice). */
        public Builder markPrice(String market, BigDecimal price) {
            markPrices.put(market, price);
            return this;
        }

        /** An account with the next account id (3001, 3002, ...) and the default balance. */
        public Builder account(String apiKey, long vault, BigInteger starkPublicKey) {
            return account(
                    new DevnetAccount(
                            apiKey, 3001 + accounts.size(), vault, starkPublicKey, initialBalance));
        }

        public Builder account(DevnetAccount account) {
            for (DevnetAccount a : accounts) {
                if (a.apiKey().equals(account.apiKey())) {
                    throw new IllegalArgumentException("two accounts share one API key");
                }
                if (a.accountId() == account.accountId()) {
                    throw new IllegalArgumentException(
                            "two accounts share account id " + a.accountId());
                }
            }
            accounts.add(account);
            return this;
        }

        /** Which message signatures must cover; default SNIP-12 (Extended on Starknet). */
        public Builder signatureScheme(SignatureScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme);
            return this;
        }

        /** The SNIP-12 domain; default Perpetuals / v0 / SN_SEPOLIA / 1 (Extended's testnet). */
        public Builder domain(SettlementVerifier.Domain domain) {
            this.domain = Objects.requireNonNull(domain);
            return this;
        }

        /**
         * Maker and taker fee rates; default 0.0002 and 0.0005. An order's fee must cover taker.
         */
        public Builder fees(BigDecimal maker, BigDecimal taker) {
            this.makerFee = Objects.requireNonNull(maker);
            this.takerFee = Objects.requireNonNull(taker);
            return this;
        }

        /** Levels of devnet liquidity each side of the mark, 1 bp apart; default 10. */
        public Builder liquidityLevels(int levels) {
            if (levels < 0) {
                throw new IllegalArgumentException("liquidityLevels must not be negative");
            }
            this.liquidityLevels = levels;
            return this;
        }

        /** Standard deviation of the mark's log return per step; default 0.0005 (5 bp). */
        public Builder volatility(double volatility) {
            if (volatility < 0) {
                throw new IllegalArgumentException("volatility must not be negative");
            }
            this.volatility = volatility;
            return this;
        }

        /** Latest accepted expiry from now; default 90 days (Extended mainnet; testnet 28). */
        public Builder maxExpiry(Duration maxExpiry) {
            this.maxExpiry = Objects.requireNonNull(maxExpiry);
            return this;
        }

        /** Faults from the start; see {@link ExtendedDevnet#faults()} to change them later. */
        public Builder faults(Consumer<Faults> settings) {
            if (faults == null) {
                faults = new Faults(seed);
            }
            settings.accept(faults);
            return this;
        }

        /** Binds both ports and opens the market. */
        public ExtendedDevnet start() {
            if (accounts.isEmpty()) {
                throw new IllegalStateException(
                        "no accounts: add one with account(apiKey, vault, starkPublicKey), the"
                                + " values a real account shows under API management");
            }
            Exchange exchange =
                    new Exchange(
                            new Exchange.Settings(
                                    clock,
                                    seed,
                                    makerFee,
                                    takerFee,
                                    liquidityLevels,
                                    volatility,
                                    maxExpiry.toMillis()),
                            new SettlementVerifier(scheme, domain),
                            markets.values(),
                            markPrices,
                            accounts);
            try {
                return new ExtendedDevnet(
                        this, exchange, faults != null ? faults : new Faults(seed));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot listen on " + host + " ports " + port + "/" + streamPort, e);
            }
        }
    }
}
