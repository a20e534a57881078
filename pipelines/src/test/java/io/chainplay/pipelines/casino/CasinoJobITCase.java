package io.chainplay.pipelines.casino;

import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.embedded.junit.PostgresExtension;
import io.chainplay.pipelines.common.FailOnceSink;
import io.chainplay.pipelines.common.KafkaTopics;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.dlq.DeadLetter;
import io.chainplay.schemas.feed.FeedMessage;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.BOB;
import static io.chainplay.pipelines.casino.CasinoFixtures.COIN_FLIP;
import static io.chainplay.pipelines.casino.CasinoFixtures.DIE;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_B;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.accumulated;
import static io.chainplay.pipelines.casino.CasinoFixtures.fee;
import static io.chainplay.pipelines.casino.CasinoFixtures.poolRegistered;
import static io.chainplay.pipelines.casino.CasinoFixtures.registered;
import static io.chainplay.pipelines.casino.CasinoFixtures.released;
import static io.chainplay.pipelines.casino.CasinoFixtures.resolved;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static io.chainplay.pipelines.casino.CasinoFixtures.vaultAddress;
import static io.chainplay.pipelines.casino.CasinoFixtures.vaultValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The casino job end to end: real Kafka in, real Postgres and Kafka out, on a MiniCluster with
 * parallelism 2 so that keying mistakes show. Exact tables for hand-made input; and over the
 * devnet's fare_vault activity (all twelve events, forks with dropped and re-included
 * transactions): a reorg gives the canonical chain's tables, BATCH gives STREAMING's, a crash in
 * the middle gives an uninterrupted run's.
 */
class CasinoJobITCase {

    private static final int PARALLELISM = 2;

    /** About 1,400 bets over 500 slots, with their fees, jackpots, admin updates and forks. */
    private static final DevnetFareVault DEVNET = DevnetFareVault.generate(5, 500, 12);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void writesExactlyTheBetsAndStatsTheTrialsGive() throws Exception {
        CasinoEvent t1 = registered(trial(1), ALICE, POOL_A, 1_000_000, COIN_FLIP, T0);
        CasinoEvent t2 = registered(trial(2), ALICE, POOL_A, 2_000_000, COIN_FLIP, T0 + 1_000);
        CasinoEvent t3 = registered(trial(3), BOB, POOL_B, -1L, DIE, T0 + 2_000); // u64 max
        CasinoEvent t4 = registered(trial(4), BOB, POOL_A, 500, DIE, T0 + 3_000);
        CasinoEvent t5 = registered(trial(5), ALICE, POOL_B, 700, COIN_FLIP, T0 + 4_000);
        CasinoEvent t6 = registered(trial(6), BOB, POOL_B, 900, COIN_FLIP, T0 + 5_000);
        Run run = new Run();
        run.produce(
                t1,
                t1, // a duplicate
                resolved(trial(1), 1, T0 + 400),
                resolved(trial(1), 1, T0 + 400).withKind(EventKind.FINALIZED),
                resolved(trial(2), 0, T0 + 1_400), // before its registration
                t2,
                t3,
                resolved(trial(3), 3, T0 + 2_400),
                t4,
                resolved(trial(4), 1, T0 + 3_400),
                t5, // never resolved
                t6,
                resolved(trial(6), 9, T0 + 5_400)); // outside the table
        run.produceRaw("not an envelope".getBytes(StandardCharsets.UTF_8));

        run.execute(RuntimeExecutionMode.STREAMING, null);

        assertThat(TableSnapshot.bets(run.db.jdbcUrl()))
                .containsExactlyEntriesOf(
                        sorted(
                                Map.of(
                                        trial(1),
                                        trial(1)
                                                + "|"
                                                + POOL_A
                                                + "|"
                                                + ALICE
                                                + "|1000000|settled|1|1.98|1980000|980000|true",
                                        trial(2),
                                        trial(2)
                                                + "|"
                                                + POOL_A
                                                + "|"
                                                + ALICE
                                                + "|2000000|settled|0|0.0|0|-2000000|false",
                                        trial(3),
                                        trial(3)
                                                + "|"
                                                + POOL_B
                                                + "|"
                                                + BOB
                                                + "|18446744073709551615|settled|3|3.0"
                                                + "|55340232221128654845|36893488147419103230|true",
                                        trial(4),
                                        trial(4)
                                                + "|"
                                                + POOL_A
                                                + "|"
                                                + BOB
                                                + "|500|settled|1|1.0|500|0|false",
                                        trial(5),
                                        trial(5)
                                                + "|"
                                                + POOL_B
                                                + "|"
                                                + ALICE
                                                + "|700|expired|null|null|null|null|null",
                                        trial(6),
                                        trial(6)
                                                + "|"
                                                + POOL_B
                                                + "|"
                                                + BOB
                                                + "|900|invalid|null|null|null|null|null")));
        assertThat(TableSnapshot.playerStats(run.db.jdbcUrl()))
                .containsExactlyEntriesOf(
                        sorted(
                                Map.of(
                                        ALICE + "|" + POOL_A,
                                        ALICE + "|" + POOL_A + "|2|1|1|0|3000000|1980000|-1020000",
                                        BOB + "|" + POOL_B,
                                        BOB
                                                + "|"
                                                + POOL_B
                                                + "|1|1|0|0|18446744073709551615"
                                                + "|55340232221128654845|36893488147419103230",
                                        BOB + "|" + POOL_A,
                                        BOB + "|" + POOL_A + "|1|0|0|1|500|500|0")));

        List<FeedMessage> feed = run.feed();
        assertThat(feed.stream().filter(m -> m.type().equals("bet.placed"))).hasSize(6);
        assertThat(feed.stream().filter(m -> m.type().equals("bet.settled"))).hasSize(4);
        List<DeadLetter> deadLetters = run.deadLetters();
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters)
                .anySatisfy(d -> assertThat(d.getReason()).startsWith("Not a ChainEvent"))
                .anySatisfy(d -> assertThat(d.getReason()).contains("result_index 9 is outside"));
    }

    @Test
    void writesPoolsFeesJackpotsAndTheVaultConfiguration() throws Exception {
        CasinoEvent t1 = registered(trial(1), ALICE, POOL_A, 1_000_000, COIN_FLIP, T0);
        CasinoEvent t2 = registered(trial(2), BOB, POOL_A, 2_000_000, COIN_FLIP, T0 + 6_000);
        CasinoEvent fee1 = fee(trial(1), POOL_A, 0, 10_000, T0, 1);
        CasinoEvent fee2 = fee(trial(1), POOL_A, 2, 333, T0, 2);
        CasinoEvent fee3 = fee(trial(2), POOL_A, 0, 10_000, T0 + 6_000, 1);
        Run run = new Run();
        run.produce(
                poolRegistered(POOL_A, 0.15, 0.05, T0 - 10_000),
                vaultValue("FeeNetworkPercentUpdated", 0.5, T0 - 9_000, "admin-1"),
                vaultValue("MinimumFeeBurnPercentUpdated", 0.1, T0 - 9_000, "admin-2"),
                vaultAddress("AdminAddressUpdated", ALICE, T0 - 9_000, "admin-3"),
                t1,
                fee1,
                fee2,
                accumulated(trial(1), POOL_A, 50_000, T0),
                resolved(trial(1), 1, T0 + 400),
                released(trial(1), POOL_A, ALICE, 50_000, T0 + 400),
                vaultValue("FeeNetworkPercentUpdated", 0.3, T0 + 5_000, "admin-4"),
                t2,
                fee3);

        run.execute(RuntimeExecutionMode.STREAMING, null);

        Map<String, Map<String, String>> tables = TableSnapshot.all(run.db.jdbcUrl());
        // F = 10,000 at h 0.15, p 0.05, n 0.5: 1,500 + 500 + 5,000, the rest burnt
        assertThat(split(tables, fee1)).isEqualTo("1500|500|5000|3000");
        // F = 333: floor(49.95), floor(16.65), floor(166.5); burn 333 - 231
        assertThat(split(tables, fee2)).isEqualTo("49|16|166|102");
        // after FeeNetworkPercentUpdated(0.3)
        assertThat(split(tables, fee3)).isEqualTo("1500|500|3000|5000");
        assertThat(value(tables, CasinoTables.FEES, fee2.eventId, "fee_type_name"))
                .isEqualTo("FeeMint");

        String stats = POOL_A;
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "plays")).isEqualTo("1");
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "players")).isEqualTo("1");
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "house_profit"))
                .isEqualTo("-980000");
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "fees")).isEqualTo("20333");
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "fee_burn")).isEqualTo("8102");
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "jackpot")).isEqualTo("0");
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "jackpots_won")).isEqualTo("1");
        assertThat(value(tables, CasinoTables.POOL_STATS, stats, "jackpot_released"))
                .isEqualTo("50000");
        assertThat(value(tables, CasinoTables.POOLS, POOL_A, "fee_host_percent")).isEqualTo("0.15");
        assertThat(tables.get(CasinoTables.JACKPOTS.name())).hasSize(1);
        assertThat(tables.get(CasinoTables.POOL_ACCUMULATIONS.name())).hasSize(1);
        String vault = io.chainplay.schemas.casino.FareVaultEvents.PROGRAM_ID;
        assertThat(value(tables, CasinoTables.VAULT_CONFIG, vault, "admin")).isEqualTo(ALICE);
        assertThat(value(tables, CasinoTables.VAULT_CONFIG, vault, "fee_network_pct"))
                .isEqualTo("0.3");
        assertThat(value(tables, CasinoTables.VAULT_CONFIG, vault, "min_fee_burn_pct"))
                .isEqualTo("0.1");
        assertThat(tables.get(CasinoTables.VAULT_EVENTS.name())).hasSize(4);
        // ALICE on the day, week and all-time boards of POOL_A by net, volume and wins
        assertThat(tables.get(CasinoTables.LEADERBOARD_ENTRIES.name()))
                .hasSize(9)
                .allSatisfy((key, row) -> assertThat(key).contains(ALICE));
        assertThat(tables.get(CasinoTables.POOL_VOLUME.name())).hasSize(2);
        assertThat(tables.get(CasinoTables.OUTCOME_TESTS.name())).hasSize(1);
        assertThat(value(tables, CasinoTables.BETS, trial(2), "status")).isEqualTo("expired");

        List<String> types = run.feed().stream().map(FeedMessage::type).toList();
        assertThat(types)
                .contains(
                        "bet.placed",
                        "bet.settled",
                        "jackpot.won",
                        "player.joined",
                        "stats.updated",
                        "bet.expired");
        assertThat(types.stream().filter(t -> t.equals("player.joined"))).hasSize(2);
    }

    @Test
    void aReorgLeavesTheTablesOfTheCanonicalChainAlone() throws Exception {
        assertThat(DEVNET.dropped()).as("copies on abandoned forks").isPositive();
        assertThat(DEVNET.reIncluded()).as("re-included transactions").isPositive();
        Run forked = new Run();
        forked.produce(DEVNET.asStreamed());
        Run canonical = new Run();
        canonical.produce(DEVNET.canonical());

        forked.execute(RuntimeExecutionMode.STREAMING, null);
        canonical.execute(RuntimeExecutionMode.STREAMING, null);

        Map<String, Map<String, String>> expected = TableSnapshot.all(canonical.db.jdbcUrl());
        Map<String, Map<String, String>> actual = TableSnapshot.all(forked.db.jdbcUrl());
        assertThat(TableSnapshot.diff(expected, actual)).isEmpty();
        assertThat(actual).isEqualTo(expected);
        for (CasinoTables.Table table : CasinoTables.all()) {
            if (!table.equals(CasinoTables.ANOMALIES)) {
                assertThat(expected.get(table.name())).as(table.name()).isNotEmpty();
            }
        }
        assertThat(forked.deadLetters()).isEmpty();
    }

    @Test
    void recoversFromAFailureMidStreamWithoutCountingTwice() throws Exception {
        Run crashing = new Run();
        crashing.produce(DEVNET.asStreamed());
        Run uninterrupted = crashing.sameInputNewDatabase();

        String failureRun = UUID.randomUUID().toString();
        crashing.execute(RuntimeExecutionMode.STREAMING, failureRun);
        uninterrupted.execute(RuntimeExecutionMode.STREAMING, null);

        assertThat(FailOnceSink.failures(failureRun)).as("a failure was injected").isEqualTo(1);
        Map<String, Map<String, String>> expected = TableSnapshot.all(uninterrupted.db.jdbcUrl());
        Map<String, Map<String, String>> actual = TableSnapshot.all(crashing.db.jdbcUrl());
        assertThat(TableSnapshot.diff(expected, actual)).isEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void batchAndStreamingWriteTheSameTables() throws Exception {
        Run streaming = new Run();
        streaming.produce(DEVNET.asStreamed());
        Run batch = streaming.sameInputNewDatabase();

        streaming.execute(RuntimeExecutionMode.STREAMING, null);
        batch.execute(RuntimeExecutionMode.BATCH, null);

        Map<String, Map<String, String>> expected = TableSnapshot.all(streaming.db.jdbcUrl());
        Map<String, Map<String, String>> actual = TableSnapshot.all(batch.db.jdbcUrl());
        assertThat(TableSnapshot.diff(expected, actual)).isEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void betsAndPlayerStatsAreThoseOfAPlainReadingOfTheRules() throws Exception {
        CasinoScenario scenario = CasinoScenario.generate(2_000, 23);
        Run streaming = new Run();
        streaming.produce(scenario.events.toArray(CasinoEvent[]::new));
        Run batch = streaming.sameInputNewDatabase();

        streaming.execute(RuntimeExecutionMode.STREAMING, null);
        batch.execute(RuntimeExecutionMode.BATCH, null);

        assertThat(TableSnapshot.bets(streaming.db.jdbcUrl()))
                .containsExactlyEntriesOf(scenario.expectedBets);
        assertThat(TableSnapshot.bets(batch.db.jdbcUrl()))
                .containsExactlyEntriesOf(scenario.expectedBets);
        assertThat(TableSnapshot.playerStats(batch.db.jdbcUrl()))
                .containsExactlyEntriesOf(TableSnapshot.playerStats(streaming.db.jdbcUrl()))
                .containsExactlyEntriesOf(scenario.expectedStats);
    }

    /** host|pool|network|burn of a fee's row. */
    private static String split(Map<String, Map<String, String>> tables, CasinoEvent fee) {
        return String.join(
                "|",
                value(tables, CasinoTables.FEES, fee.eventId, "host_amount"),
                value(tables, CasinoTables.FEES, fee.eventId, "pool_amount"),
                value(tables, CasinoTables.FEES, fee.eventId, "network_amount"),
                value(tables, CasinoTables.FEES, fee.eventId, "burn_amount"));
    }

    private static String value(
            Map<String, Map<String, String>> tables,
            CasinoTables.Table table,
            String key,
            String column) {
        String row = tables.get(table.name()).get(key);
        assertThat(row).as(table.name() + " " + key).isNotNull();
        return row.split("\\|", -1)[table.columns().indexOf(column)];
    }

    private static Map<String, String> sorted(Map<String, String> rows) {
        return new java.util.TreeMap<>(rows);
    }

    /** One job run: its input topic, output topics and a fresh, migrated database. */
    private static final class Run {
        final String input;
        final String feedTopic = "feed-" + UUID.randomUUID();
        final String deadLetterTopic = "dlq-" + UUID.randomUUID();
        final EmbeddedPostgres.Database db;

        /** Devnet runs: a one-minute reorg window. */
        boolean shortWindows;

        Run() {
            this(KAFKA.createTopic(3));
        }

        private Run(String input) {
            this.input = input;
            this.db = POSTGRES.createDatabase();
            KAFKA.createTopic(feedTopic, 2);
            KAFKA.createTopic(deadLetterTopic, 1);
            Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();
        }

        Run sameInputNewDatabase() {
            Run run = new Run(input);
            run.shortWindows = shortWindows;
            return run;
        }

        /**
         * Writes events as a Solana source would: keyed by transaction, stamped with block time.
         */
        void produce(CasinoEvent... events) throws Exception {
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (CasinoEvent event : events) {
                    producer.send(
                            new ProducerRecord<>(
                                    input,
                                    null,
                                    event.eventTime,
                                    event.txSignature,
                                    Topics.RAW_SOLANA_FARE_VAULT.serializeValue(
                                            CasinoFixtures.envelope(event))));
                }
                producer.flush();
            }
        }

        /** Writes envelopes as the Solana source would, in the order given. */
        void produce(List<ChainEvent> events) throws Exception {
            shortWindows = true;
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (ChainEvent event : events) {
                    producer.send(
                            new ProducerRecord<>(
                                    input,
                                    null,
                                    event.getEventTime().toEpochMilli(),
                                    event.getTxSignature(),
                                    Topics.RAW_SOLANA_FARE_VAULT.serializeValue(event)));
                }
                producer.flush();
            }
        }

        void produceRaw(byte[] value) throws Exception {
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(input, "garbage", value)).get();
            }
        }

        /** Runs the job over everything produced so far; a failure run crashes it once. */
        void execute(RuntimeExecutionMode mode, String failureRun) throws Exception {
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
            conf.set(PipelineOptions.JDBC_URL, db.jdbcUrl());
            conf.set(PipelineOptions.JDBC_BATCH_SIZE, 200);
            conf.set(CasinoOptions.INPUT_TOPIC, input);
            conf.set(CasinoOptions.GROUP_ID, "casino-" + UUID.randomUUID());
            conf.set(CasinoOptions.FEED_TOPIC, feedTopic);
            conf.set(CasinoOptions.DEAD_LETTER_TOPIC, deadLetterTopic);
            conf.set(ExecutionOptions.RUNTIME_MODE, mode);
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(100));
            conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
            if (shortWindows) {
                // A reorg window shorter than the devnet's chain time, so that folding and state
                // expiry are part of what the tests check; still longer than finality (32 slots,
                // 13 s) and the transport's disorder (the shuffled scenarios keep the defaults).
                conf.set(CasinoOptions.RETENTION, Duration.ofSeconds(60));
                conf.set(CasinoOptions.PENDING_TIMEOUT, Duration.ofMinutes(10));
                conf.set(CasinoOptions.BET_EXPIRY, Duration.ofMinutes(2));
            }
            conf.set(CasinoOptions.FLUSH_INTERVAL, Duration.ofMillis(200));
            conf.set(CasinoOptions.STATS_DEBOUNCE, Duration.ofMillis(500));
            conf.set(CasinoOptions.OUTCOME_TEST_BUCKET, Duration.ofSeconds(10));
            conf.set(CasinoOptions.OUTCOME_TEST_WINDOW, Duration.ofSeconds(60));
            conf.set(CasinoOptions.OUTCOME_TEST_MIN_BETS, 20L);
            conf.set(CasinoOptions.SINK_BATCH_ROWS, 500);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(100));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(PARALLELISM);

            CasinoSinks sinks = CasinoSinks.production(conf);
            if (failureRun != null) {
                sinks =
                        new CasinoSinks(
                                new FailOnceSink<>(sinks.tables(), failureRun, 1_500),
                                sinks.feed(),
                                sinks.deadLetters());
            }
            CasinoJob.build(
                    env,
                    CasinoJob.kafkaSource(conf).setBounded(OffsetsInitializer.latest()).build(),
                    sinks,
                    CasinoJob.Config.from(conf));
            env.execute("casino-" + mode);
        }

        List<FeedMessage> feed() {
            List<FeedMessage> messages = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(feedTopic)) {
                messages.add(FeedMessage.parse(new String(r.value(), StandardCharsets.UTF_8)));
            }
            return messages;
        }

        List<DeadLetter> deadLetters() {
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(deadLetterTopic)) {
                letters.add(Topics.DLQ_CASINO.deserializeValue(r.value()));
            }
            return letters;
        }

        private static KafkaProducer<String, byte[]> producer() {
            return KafkaTopics.producer(KAFKA.bootstrapServers());
        }

        /** Everything on a topic: the job has finished, so what is there now is all. */
        private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
            return KafkaTopics.readAll(KAFKA.bootstrapServers(), topic);
        }
    }
}
