package io.chainplay.devnet.solana;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local Solana node stand-in: a JSON-RPC server over a ledger that an activity generator fills
 * with fare_vault and solana_mafia traffic, with real Anchor encodings, forks, skipped slots,
 * failed transactions and HTTP faults on demand.
 *
 * <p>Start one in-process:
 *
 * <pre>{@code
 * try (SolanaDevnet devnet = SolanaDevnet.builder().seed(7).transactionsPerSecond(20).start()) {
 *     String url = devnet.url();              // http://127.0.0.1:<port>/
 *     devnet.faults().rateLimit(0.1, Duration.ofSeconds(1));
 *     List<GeneratedEvent> truth = devnet.groundTruth().finalEvents(from, to);
 * }
 * }</pre>
 *
 * <p>Slots come every {@code slotTime} by the wall clock, or only when {@link #advance} is called
 * ({@link Builder#manualClock()}), which tests use for exact commitment scenarios. The ledger is a
 * function of the seed and the genesis time, however it is clocked.
 */
public final class SolanaDevnet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SolanaDevnet.class);

    private final DevnetConfig config;
    private final SlotProducer producer;
    private final Faults faults;
    private final GroundTruth groundTruth;
    private final RpcServer server;
    private final ScheduledExecutorService clock;
    private final long startMillis;

    private SolanaDevnet(DevnetConfig config, Faults faults) throws IOException {
        this.config = config;
        this.faults = faults;
        this.producer = new SlotProducer(config);
        this.groundTruth = new GroundTruth(producer.ledger());
        this.server =
                new RpcServer(
                        config.host,
                        config.port,
                        new RpcMethods(producer.ledger(), config),
                        faults);
        this.startMillis = System.currentTimeMillis();
        if (config.manualClock) {
            this.clock = null;
        } else {
            this.clock =
                    Executors.newSingleThreadScheduledExecutor(
                            runnable -> {
                                Thread thread = new Thread(runnable, "solana-devnet-slots");
                                thread.setDaemon(true);
                                return thread;
                            });
            clock.scheduleAtFixedRate(
                    this::tick, config.slotMillis, config.slotMillis, TimeUnit.MILLISECONDS);
        }
        LOG.info(
                "Solana devnet at {} from slot {} (seed {}, {} tx/s, {} players)",
                url(),
                config.startSlot,
                config.seed,
                config.transactionsPerSecond,
                config.players);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JSON-RPC endpoint, e.g. {@code http://127.0.0.1:8899/}. */
    public String url() {
        String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
        return "http://" + host + ":" + port() + "/";
    }

    public int port() {
        return server.port();
    }

    /** HTTP fault injection, changeable while running. */
    public Faults faults() {
        return faults;
    }

    /** What was generated, for comparing with a connector's output. */
    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /** The slot of the newest block at this commitment, as getSlot answers. */
    public long slot(Commitment commitment) {
        return producer.ledger().heads().of(commitment).slot();
    }

    /** The newest slot reached, produced or skipped. */
    public long tipSlot() {
        return producer.tip();
    }

    /** The genesis slot: the first block, empty. */
    public long startSlot() {
        return config.startSlot;
    }

    /** The players' wallets. */
    public List<String> players() {
        return producer.players();
    }

    /** The casino's pool ids. */
    public List<String> poolIds() {
        return producer.poolIds();
    }

    /** Produces {@code slots} more slots now (manual clock only). */
    public void advance(int slots) {
        if (clock != null) {
            throw new IllegalStateException("advance() needs a devnet built with manualClock()");
        }
        producer.produceUntil(producer.tip() + slots);
    }

    /** Produces slots until the tip reaches {@code slot} (manual clock only). */
    public void advanceTo(long slot) {
        if (clock != null) {
            throw new IllegalStateException("advanceTo() needs a devnet built with manualClock()");
        }
        producer.produceUntil(slot);
    }

    /**
     * Makes the next produced slot start a fork of {@code length} blocks: visible at processed and
     * confirmed while the chain builds on it, then abandoned; its slots end up skipped at finalized
     * and its transactions dropped or re-included (see {@link Builder#forks}).
     */
    public void forkNext(int length) {
        producer.forkNext(length);
    }

    private void tick() {
        try {
            long due =
                    config.startSlot
                            + (System.currentTimeMillis() - startMillis) / config.slotMillis;
            producer.produceUntil(due);
        } catch (RuntimeException e) {
            LOG.error("Slot production failed; the devnet stops producing", e);
            throw e;
        }
    }

    @Override
    public void close() {
        if (clock != null) {
            clock.shutdownNow();
        }
        server.close();
    }

    /** Devnet settings; every one has a default that works for a local run. */
    public static final class Builder {
        String host = "127.0.0.1";
        int port;
        Long seed;
        int players = 100;
        double transactionsPerSecond = 10;
        Duration slotTime = Duration.ofMillis(400);
        boolean manualClock;
        Long startSlot;
        Instant genesisTime;
        int confirmedLag = 1;
        int finalizedLag = 32;
        double skippedSlotFraction = 0.05;
        double failedTransactionFraction = 0.02;
        double mafiaShare = 0.3;
        double routerShare = 0.2;
        double selfCpiShare = 0.2;
        double legacyShare = 0.2;
        double forkProbability;
        int forkLength = 4;
        double reincludeFraction = 0.5;
        Duration earningsInterval = Duration.ofSeconds(MafiaRules.SECONDS_PER_DAY);
        EarningsDiscrepancy earningsDiscrepancy = EarningsDiscrepancy.none();
        long retainSlots;
        long localLedgerSlots = 10_000;
        private Faults faults;

        private Builder() {}

        /** Interface to listen on; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Port; 0 (the default) picks a free one, see {@link #port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Everything random derives from it: same seed and genesis time, same ledger. Default: the
         * genesis time in milliseconds, so a restarted devnet never repeats a signature.
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Distinct player wallets (shared by both games); default 100. */
        public Builder players(int players) {
            if (players < 1) {
                throw new IllegalArgumentException("players must be at least 1");
            }
            this.players = players;
            return this;
        }

        /**
         * Player-initiated transactions per second of ledger time (bets, business moves); bet
         * resolutions and earnings updates follow from them. Default 10.
         */
        public Builder transactionsPerSecond(double rate) {
            this.transactionsPerSecond = atLeastZero(rate, "transactionsPerSecond");
            return this;
        }

        /** Time between slots; default 400 ms. Block times advance by it in either clock mode. */
        public Builder slotTime(Duration slotTime) {
            if (slotTime.toMillis() < 1) {
                throw new IllegalArgumentException("slotTime must be at least 1 ms");
            }
            this.slotTime = slotTime;
            return this;
        }

        /** No clock: slots are produced only by {@link SolanaDevnet#advance}. */
        public Builder manualClock() {
            this.manualClock = true;
            return this;
        }

        /**
         * The genesis slot (an empty first block). Default: the slots of the slot time since
         * mainnet's genesis (2020-03-16T14:29:00Z) up to the genesis time, so slot numbers look
         * like mainnet's and grow across restarts.
         */
        public Builder startSlot(long startSlot) {
            this.startSlot = startSlot;
            return this;
        }

        /**
         * The genesis block's time; default now. Set it (and the seed) for a reproducible ledger.
         */
        public Builder genesisTime(Instant genesisTime) {
            this.genesisTime = genesisTime;
            return this;
        }

        /** Slots between the tip and {@code confirmed}; default 1. */
        public Builder confirmedLag(int slots) {
            this.confirmedLag = (int) atLeastZero(slots, "confirmedLag");
            return this;
        }

        /** Slots between the tip and {@code finalized}; default 32. */
        public Builder finalizedLag(int slots) {
            this.finalizedLag = (int) atLeastZero(slots, "finalizedLag");
            return this;
        }

        /** Share of slots without a block; default 0.05, about mainnet's. */
        public Builder skippedSlotFraction(double fraction) {
            this.skippedSlotFraction = fraction(fraction, "skippedSlotFraction");
            return this;
        }

        /** Share of transactions that fail (err set, logs ending "failed"); default 0.02. */
        public Builder failedTransactionFraction(double fraction) {
            this.failedTransactionFraction = fraction(fraction, "failedTransactionFraction");
            return this;
        }

        /** Share of player transactions that are Solana Mafia moves; default 0.3 (rest casino). */
        public Builder mafiaShare(double fraction) {
            this.mafiaShare = fraction(fraction, "mafiaShare");
            return this;
        }

        /** Share of transactions that reach the game through a router program (CPI); 0.2. */
        public Builder routerShare(double fraction) {
            this.routerShare = fraction(fraction, "routerShare");
            return this;
        }

        /** Share of transactions whose events go out through emit_cpi!; default 0.2. */
        public Builder selfCpiShare(double fraction) {
            this.selfCpiShare = fraction(fraction, "selfCpiShare");
            return this;
        }

        /** Share of legacy (not v0) transactions; default 0.2. */
        public Builder legacyShare(double fraction) {
            this.legacyShare = fraction(fraction, "legacyShare");
            return this;
        }

        /**
         * Dropped transactions at confirmed: each produced slot starts, with this probability, a
         * fork of {@code length} blocks that is visible at processed and confirmed and then
         * abandoned (its slots end up skipped at finalized); a {@code reincludeFraction} of its
         * casino transactions is re-included unchanged in the next canonical block, the rest is
         * dropped. Default probability 0, length 4, re-include 0.5.
         */
        public Builder forks(double probability, int length, double reincludeFraction) {
            this.forkProbability = fraction(probability, "fork probability");
            this.forkLength = length;
            this.reincludeFraction = fraction(reincludeFraction, "reincludeFraction");
            return this;
        }

        /**
         * The Solana Mafia earnings schedule: how often each player's update_earnings runs. Default
         * the program's EARNINGS_INTERVAL, 86,400 s; shorten it to see updates in a demo (rates
         * stay per 86,400 s).
         */
        public Builder earningsInterval(Duration interval) {
            if (interval.toSeconds() < 1) {
                throw new IllegalArgumentException("earningsInterval must be at least 1 s");
            }
            this.earningsInterval = interval;
            return this;
        }

        /** Makes EarningsUpdated report other amounts than the rules give. */
        public Builder earningsDiscrepancy(EarningsDiscrepancy discrepancy) {
            this.earningsDiscrepancy = Objects.requireNonNull(discrepancy);
            return this;
        }

        /** Forget slots more than this many behind the tip (0, the default, keeps all). */
        public Builder retainSlots(long slots) {
            this.retainSlots = (long) atLeastZero(slots, "retainSlots");
            return this;
        }

        /**
         * Slots the node's local ledger covers behind the root; older ones are answered as from
         * long-term storage, where a skipped slot is error -32009 instead of -32007. Default
         * 10,000.
         */
        public Builder localLedgerSlots(long slots) {
            this.localLedgerSlots = (long) atLeastZero(slots, "localLedgerSlots");
            return this;
        }

        /** HTTP faults from the start; see {@link SolanaDevnet#faults()} to change them later. */
        public Builder faults(java.util.function.Consumer<Faults> settings) {
            if (faults == null) {
                faults = new Faults(seed != null ? seed : System.nanoTime());
            }
            settings.accept(faults);
            return this;
        }

        /** Starts the node: binds the port and, unless the clock is manual, produces slots. */
        public SolanaDevnet start() {
            DevnetConfig config = new DevnetConfig(this);
            try {
                return new SolanaDevnet(config, faults != null ? faults : new Faults(config.seed));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
            }
        }

        private static double fraction(double value, String name) {
            if (value < 0 || value > 1) {
                throw new IllegalArgumentException(name + " is a fraction in [0, 1], got " + value);
            }
            return value;
        }

        private static double atLeastZero(double value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }
    }
}
