package io.chainplay.bench.casino;

import io.chainplay.schemas.Topics;
import io.chainplay.schemas.casino.FareVaultEvents;
import io.chainplay.schemas.casino.FareVaultRecords;
import io.chainplay.schemas.casino.FeeCharged;
import io.chainplay.schemas.casino.TrialRegistered;
import io.chainplay.schemas.casino.TrialResolved;
import io.chainplay.schemas.chain.ChainEvent;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline: the design of FarePlay's processor ({@code seeds/003}), where each chain event is a
 * job whose worker opens a database transaction that records the event, inserts or updates the bet
 * and updates the player's and the casino's stats with {@code += delta}, then commits; four
 * workers, each with its connection, Postgres defaults ({@code synchronous_commit=on}).
 *
 * <p>Events are read from the same Kafka topic and decoded the same way as by the job; a trial's
 * events go to one worker (by trial id), so a resolution finds its bet. The trial's QK table is
 * read back from the bet row when it is resolved, as the seed's Prisma queries do.
 */
final class SeedProcessor {

    private static final int WORKERS = 4;
    private static final ChainEvent STOP = new ChainEvent();

    private SeedProcessor() {}

    static void createSchema(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS seed CASCADE");
            s.execute("CREATE SCHEMA seed");
            s.execute(
                    "CREATE TABLE seed.events (event_id text PRIMARY KEY, name text NOT NULL,"
                            + " slot bigint NOT NULL, block_time timestamptz NOT NULL,"
                            + " payload jsonb NOT NULL)");
            s.execute(
                    "CREATE TABLE seed.trials (trial_id text PRIMARY KEY, pool_id text NOT NULL,"
                            + " who text NOT NULL, multiplier numeric(78,0) NOT NULL,"
                            + " qk jsonb NOT NULL, result_index numeric(20,0), result_k float8,"
                            + " payout numeric(78,0), delta_amount numeric(78,0))");
            s.execute("CREATE INDEX ON seed.trials (who)");
            s.execute("CREATE INDEX ON seed.trials (pool_id)");
            s.execute(
                    "CREATE TABLE seed.fees (event_id text PRIMARY KEY, trial_id text NOT NULL,"
                            + " pool_id text NOT NULL, fee_type int NOT NULL,"
                            + " fee_amount numeric(78,0) NOT NULL)");
            s.execute(
                    "CREATE TABLE seed.players (pool_id text, wallet text, total_bets bigint,"
                            + " total_wins bigint, total_wagered numeric(78,0),"
                            + " total_payout numeric(78,0), PRIMARY KEY (pool_id, wallet))");
            s.execute(
                    "CREATE TABLE seed.casino_stats (pool_id text PRIMARY KEY, total_plays bigint,"
                            + " total_wagered numeric(78,0), total_payout numeric(78,0),"
                            + " total_fees numeric(78,0))");
        }
    }

    /** Processes the first {@code limit} events of the topic; returns the seconds it took. */
    static double run(String bootstrapServers, String topic, String jdbcUrl, long limit)
            throws Exception {
        List<BlockingQueue<ChainEvent>> queues = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            BlockingQueue<ChainEvent> queue = new ArrayBlockingQueue<>(10_000);
            queues.add(queue);
            done.add(workers.submit(() -> work(queue, jdbcUrl)));
        }
        long start = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "seed-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (read < limit) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (read++ >= limit) {
                        break;
                    }
                    ChainEvent event = Topics.RAW_SOLANA_FARE_VAULT.deserializeValue(r.value());
                    queues.get(Math.floorMod(trialOf(event).hashCode(), WORKERS)).put(event);
                }
            }
        }
        for (BlockingQueue<ChainEvent> queue : queues) {
            queue.put(STOP);
        }
        for (Future<?> f : done) {
            f.get();
        }
        workers.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The key a trial's events share; other events spread by their id. */
    private static String trialOf(ChainEvent event) {
        String trial = BenchInput.trialId(event.getPayload());
        return trial != null ? trial : event.getEventId();
    }

    private static Void work(BlockingQueue<ChainEvent> queue, String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            PreparedStatement event =
                    c.prepareStatement(
                            "INSERT INTO seed.events VALUES (?, ?, ?, ?, ?::jsonb)"
                                    + " ON CONFLICT DO NOTHING");
            PreparedStatement trial =
                    c.prepareStatement(
                            "INSERT INTO seed.trials (trial_id, pool_id, who, multiplier, qk)"
                                    + " VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING");
            PreparedStatement placedPlayer =
                    c.prepareStatement(
                            "INSERT INTO seed.players VALUES (?, ?, 1, 0, ?, 0)"
                                    + " ON CONFLICT (pool_id, wallet) DO UPDATE SET total_bets ="
                                    + " seed.players.total_bets + 1, total_wagered ="
                                    + " seed.players.total_wagered + EXCLUDED.total_wagered");
            PreparedStatement placedCasino =
                    c.prepareStatement(
                            "INSERT INTO seed.casino_stats VALUES (?, 1, ?, 0, 0)"
                                    + " ON CONFLICT (pool_id) DO UPDATE SET total_plays ="
                                    + " seed.casino_stats.total_plays + 1, total_wagered ="
                                    + " seed.casino_stats.total_wagered + EXCLUDED.total_wagered");
            PreparedStatement findTrial =
                    c.prepareStatement(
                            "SELECT pool_id, who, multiplier, qk::text FROM seed.trials"
                                    + " WHERE trial_id = ?");
            PreparedStatement resolve =
                    c.prepareStatement(
                            "UPDATE seed.trials SET result_index = ?, result_k = ?, payout = ?,"
                                    + " delta_amount = ? WHERE trial_id = ?");
            PreparedStatement settledPlayer =
                    c.prepareStatement(
                            "UPDATE seed.players SET total_wins = total_wins + ?, total_payout ="
                                    + " total_payout + ? WHERE pool_id = ? AND wallet = ?");
            PreparedStatement settledCasino =
                    c.prepareStatement(
                            "UPDATE seed.casino_stats SET total_payout = total_payout + ?"
                                    + " WHERE pool_id = ?");
            PreparedStatement fee =
                    c.prepareStatement(
                            "INSERT INTO seed.fees VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
            PreparedStatement feeCasino =
                    c.prepareStatement(
                            "INSERT INTO seed.casino_stats VALUES (?, 0, 0, 0, ?)"
                                    + " ON CONFLICT (pool_id) DO UPDATE SET total_fees ="
                                    + " seed.casino_stats.total_fees + EXCLUDED.total_fees");
            // Resolutions read before their bet's registration (it was in another partition) are
            // parked, as the seed's queue retries a failed job, and run once the bet is written.
            Map<String, ChainEvent> parked = new HashMap<>();
            Deque<ChainEvent> due = new ArrayDeque<>();
            while (true) {
                ChainEvent e = due.isEmpty() ? queue.take() : due.poll();
                if (e == STOP) {
                    return null;
                }
                event.setString(1, e.getEventId());
                event.setString(2, e.getEventName());
                event.setLong(3, e.getSlot());
                event.setObject(4, java.sql.Timestamp.from(e.getEventTime()));
                event.setString(5, e.getPayload());
                event.executeUpdate();
                switch (e.getEventName()) {
                    case FareVaultEvents.TRIAL_REGISTERED -> {
                        TrialRegistered t = FareVaultEvents.trialRegistered(e);
                        BigDecimal wager = new BigDecimal(Long.toUnsignedString(t.getMultiplier()));
                        trial.setString(1, t.getTrialId());
                        trial.setString(2, t.getPoolId());
                        trial.setString(3, t.getWho());
                        trial.setBigDecimal(4, wager);
                        trial.setString(5, qkJson(t));
                        trial.executeUpdate();
                        placedPlayer.setString(1, t.getPoolId());
                        placedPlayer.setString(2, t.getWho());
                        placedPlayer.setBigDecimal(3, wager);
                        placedPlayer.executeUpdate();
                        placedCasino.setString(1, t.getPoolId());
                        placedCasino.setBigDecimal(2, wager);
                        placedCasino.executeUpdate();
                        ChainEvent waiting = parked.remove(t.getTrialId());
                        if (waiting != null) {
                            due.add(waiting);
                        }
                    }
                    case FareVaultEvents.TRIAL_RESOLVED -> {
                        TrialResolved r = FareVaultEvents.trialResolved(e);
                        if (!resolve(r, findTrial, resolve, settledPlayer, settledCasino)) {
                            c.rollback();
                            parked.put(r.getTrialId(), e);
                            continue;
                        }
                    }
                    case FareVaultRecords.FEE_CHARGED -> {
                        FeeCharged f = FareVaultRecords.feeCharged(e);
                        BigDecimal amount = new BigDecimal(Long.toUnsignedString(f.getFeeAmount()));
                        fee.setString(1, e.getEventId());
                        fee.setString(2, f.getTrialId());
                        fee.setString(3, f.getPoolId());
                        fee.setInt(4, f.getFeeType());
                        fee.setBigDecimal(5, amount);
                        fee.executeUpdate();
                        feeCasino.setString(1, f.getPoolId());
                        feeCasino.setBigDecimal(2, amount);
                        feeCasino.executeUpdate();
                    }
                    default -> {} // recorded as an event only
                }
                c.commit();
            }
        }
    }

    /** Settles the bet; false when its registration is not written yet. */
    private static boolean resolve(
            TrialResolved r,
            PreparedStatement findTrial,
            PreparedStatement resolve,
            PreparedStatement settledPlayer,
            PreparedStatement settledCasino)
            throws SQLException {
        findTrial.setString(1, r.getTrialId());
        String pool;
        String who;
        BigDecimal wager;
        double k;
        try (var rs = findTrial.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            pool = rs.getString(1);
            who = rs.getString(2);
            wager = rs.getBigDecimal(3);
            String qk = rs.getString(4);
            String[] pairs = qk.replace("[[", "").replace("]]", "").split("\\],\\s*\\[");
            int index = (int) r.getResultIndex();
            if (index < 0 || index >= pairs.length) {
                return true; // the seed logs it and drops the job
            }
            k = Double.parseDouble(pairs[index].split(",")[1].trim());
        }
        BigInteger payout =
                wager.multiply(BigDecimal.valueOf(k))
                        .setScale(0, RoundingMode.FLOOR)
                        .toBigIntegerExact();
        resolve.setBigDecimal(1, BigDecimal.valueOf(r.getResultIndex()));
        resolve.setDouble(2, k);
        resolve.setBigDecimal(3, new BigDecimal(payout));
        resolve.setBigDecimal(4, new BigDecimal(payout).subtract(wager));
        resolve.setString(5, r.getTrialId());
        resolve.executeUpdate();
        settledPlayer.setInt(1, payout.compareTo(wager.toBigInteger()) > 0 ? 1 : 0);
        settledPlayer.setBigDecimal(2, new BigDecimal(payout));
        settledPlayer.setString(3, pool);
        settledPlayer.setString(4, who);
        settledPlayer.executeUpdate();
        settledCasino.setBigDecimal(1, new BigDecimal(payout));
        settledCasino.setString(2, pool);
        settledCasino.executeUpdate();
        return true;
    }

    private static String qkJson(TrialRegistered t) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < t.getQk().size(); i++) {
            json.append(i > 0 ? "," : "")
                    .append('[')
                    .append(t.getQk().get(i).getQ())
                    .append(',')
                    .append(t.getQk().get(i).getK())
                    .append(']');
        }
        return json.append(']').toString();
    }
}
