package io.chainplay.local.demo;

import io.chainplay.schemas.Topics;
import io.chainplay.schemas.casino.FareVaultEvents;
import io.chainplay.schemas.casino.QkPair;
import io.chainplay.schemas.casino.TrialRegistered;
import io.chainplay.schemas.casino.TrialResolved;
import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventMeta;
import io.chainplay.schemas.chain.EventMetas;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.solana.Base58;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live demo activity for {@code ./chainplay up}: players betting in several fare_vault pools,
 * written to {@code raw.solana.fare_vault} as a Solana source would write them.
 *
 * <p>Each bet is a TrialRegistered at block time now, its TrialResolved one to three seconds later
 * with an outcome drawn by the pool's qk probabilities, and both sent again as finalized about 13 s
 * after (Solana's time to finality), as the Solana connector does. Players and pools are derived
 * from fixed names, so a restart continues the same players' histories.
 *
 * <p>A stand-in until the Solana connector and the devnet node feed this topic (issue 3).
 */
public final class FareVaultActivity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FareVaultActivity.class);

    /** Wagers in base units of an 18-decimal token: 0.05 to 5 tokens. */
    private static final long TOKEN = 1_000_000_000_000_000_000L;

    private static final long FINALITY_MILLIS = 13_000;
    private static final long SOLANA_SLOT_MILLIS = 400;

    /** The demo casino's pools: name and qk table. House edges from 2 % to 14 %. */
    static final List<Pool> POOLS =
            List.of(
                    new Pool("coin-flip", new double[][] {{0.5, 0.0}, {0.5, 1.96}}),
                    new Pool("dice-over-50", new double[][] {{0.51, 0.0}, {0.49, 2.0}}),
                    new Pool(
                            "slots",
                            new double[][] {{0.7, 0.0}, {0.2, 1.5}, {0.08, 4.0}, {0.02, 12.0}}),
                    new Pool(
                            "wheel",
                            new double[][] {{0.55, 0.0}, {0.3, 1.5}, {0.12, 2.5}, {0.03, 4.0}}));

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final List<String> players = new ArrayList<>();
    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(
                    1,
                    runnable -> {
                        Thread thread = new Thread(runnable, "demo-activity");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final AtomicLong bets = new AtomicLong();
    private final AtomicReference<String> lastSettledPlayer = new AtomicReference<>();
    private final long genesisMillis = Instant.parse("2020-03-16T14:29:00Z").toEpochMilli();

    /**
     * Starts betting.
     *
     * @param betsPerSecond how many bets are placed each second
     * @param playerCount how many distinct players bet
     */
    public FareVaultActivity(
            String bootstrapServers, String topic, double betsPerSecond, int playerCount) {
        this.topic = topic;
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                ProducerConfig.LINGER_MS_CONFIG, "20",
                                ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(),
                        new ByteArraySerializer());
        for (int i = 0; i < playerCount; i++) {
            players.add(pubkey("chainplay-demo-player-" + i));
        }
        long periodMicros = Math.max(1, (long) (1_000_000 / betsPerSecond));
        scheduler.scheduleAtFixedRate(this::placeBet, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** The pool id of a demo pool, a public key derived from its name. */
    public static String poolId(String name) {
        return pubkey("chainplay-demo-pool-" + name);
    }

    public long betsPlaced() {
        return bets.get();
    }

    /** A player whose bet has been settled, or null before the first settlement. */
    public String lastSettledPlayer() {
        return lastSettledPlayer.get();
    }

    private void placeBet() {
        try {
            Random random = ThreadLocalRandom.current();
            Pool pool = POOLS.get(random.nextInt(POOLS.size()));
            String player = players.get(random.nextInt(players.size()));
            long wager = TOKEN / 20 + (long) (random.nextDouble() * (5 * TOKEN - TOKEN / 20));
            String trialId = Base58.encode(randomBytes(random, 32));
            long now = System.currentTimeMillis();
            List<QkPair> qk = new ArrayList<>();
            for (double[] pair : pool.qk) {
                qk.add(new QkPair(pair[0], pair[1]));
            }
            TrialRegistered registration =
                    new TrialRegistered(
                            meta(random, now, Finality.OBSERVED),
                            trialId,
                            player,
                            poolId(pool.name),
                            wager,
                            qk,
                            "0x" + Long.toHexString(random.nextLong()));
            send(FareVaultEvents.envelope(registration));
            bets.incrementAndGet();
            scheduler.schedule(
                    () -> finalize(registration), FINALITY_MILLIS, TimeUnit.MILLISECONDS);

            long resolveDelay = 1_000 + random.nextInt(2_000);
            scheduler.schedule(
                    () -> resolve(registration, pool), resolveDelay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.warn("Demo bet not placed", e); // keep the schedule alive
        }
    }

    private void resolve(TrialRegistered registration, Pool pool) {
        try {
            Random random = ThreadLocalRandom.current();
            double draw = random.nextDouble();
            int index = 0;
            double cumulative = pool.qk[0][0];
            while (draw >= cumulative && index < pool.qk.length - 1) {
                index++;
                cumulative += pool.qk[index][0];
            }
            TrialResolved resolution =
                    new TrialResolved(
                            meta(random, System.currentTimeMillis(), Finality.OBSERVED),
                            registration.getTrialId(),
                            (long) index,
                            draw);
            send(FareVaultEvents.envelope(resolution));
            lastSettledPlayer.set(registration.getWho());
            scheduler.schedule(() -> finalize(resolution), FINALITY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.warn("Demo bet not resolved", e);
        }
    }

    private void finalize(TrialRegistered registration) {
        TrialRegistered finalized = TrialRegistered.newBuilder(registration).build();
        finalized.getMeta().setFinality(Finality.FINALIZED);
        send(FareVaultEvents.envelope(finalized));
    }

    private void finalize(TrialResolved resolution) {
        TrialResolved finalized = TrialResolved.newBuilder(resolution).build();
        finalized.getMeta().setFinality(Finality.FINALIZED);
        send(FareVaultEvents.envelope(finalized));
    }

    private EventMeta meta(Random random, long time, Finality finality) {
        String signature = Base58.encode(randomBytes(random, 64));
        return EventMeta.newBuilder()
                .setEventId(EventMetas.eventId(Chain.SOLANA, signature, 0, 0))
                .setTxSignature(signature)
                .setSlot((time - genesisMillis) / SOLANA_SLOT_MILLIS)
                .setInstructionIndex(0)
                .setEventIndex(0)
                .setEventTime(Instant.ofEpochMilli(time))
                .setFinality(finality)
                .setRetracted(false)
                .build();
    }

    private void send(ChainEvent event) {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        null,
                        event.getEventTime().toEpochMilli(),
                        event.getTxSignature(),
                        Topics.RAW_SOLANA_FARE_VAULT.serializeValue(event)),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("Demo event not written", error);
                    }
                });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String pubkey(String name) {
        try {
            return Base58.encode(
                    MessageDigest.getInstance("SHA-256")
                            .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A demo pool. */
    record Pool(String name, double[][] qk) {}
}
