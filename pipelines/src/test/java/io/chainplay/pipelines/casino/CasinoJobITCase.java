package io.chainplay.pipelines.casino;

import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.embedded.junit.PostgresExtension;
import io.chainplay.pipelines.common.FailOnceSink;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;
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

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import static io.chainplay.pipelines.casino.CasinoFixtures.registered;
import static io.chainplay.pipelines.casino.CasinoFixtures.resolved;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The casino job end to end: real Kafka in, real Postgres and Kafka out, on a MiniCluster with
 * parallelism 2 so that keying mistakes show.
 */
class CasinoJobITCase {

    private static final int PARALLELISM = 2;

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
                                                + "|700|placed|null|null|null|null|null",
                                        trial(6),
                                        trial(6)
                                                + "|"
                                                + POOL_B
                                                + "|"
                                                + BOB
                                                + "|900|placed|null|null|null|null|null")));
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
    void recoversFromAFailureMidStreamWithoutCountingTwice() throws Exception {
        CasinoScenario scenario = CasinoScenario.generate(3_000, 11);
        Run run = new Run();
        run.produce(scenario.events.toArray(CasinoEvent[]::new));

        String failureRun = UUID.randomUUID().toString();
        run.execute(RuntimeExecutionMode.STREAMING, failureRun);

        assertThat(FailOnceSink.failures(failureRun)).as("a failure was injected").isEqualTo(1);
        assertThat(TableSnapshot.bets(run.db.jdbcUrl()))
                .containsExactlyEntriesOf(scenario.expectedBets);
        assertThat(TableSnapshot.playerStats(run.db.jdbcUrl()))
                .containsExactlyEntriesOf(scenario.expectedStats);
    }

    @Test
    void batchAndStreamingWriteTheSameTables() throws Exception {
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

    private static Map<String, String> sorted(Map<String, String> rows) {
        return new java.util.TreeMap<>(rows);
    }

    /** One job run: its input topic, output topics and a fresh, migrated database. */
    private static final class Run {
        final String input;
        final String feedTopic = "feed-" + UUID.randomUUID();
        final String deadLetterTopic = "dlq-" + UUID.randomUUID();
        final EmbeddedPostgres.Database db;

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
            return new Run(input);
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
            return new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            KAFKA.bootstrapServers(),
                            ProducerConfig.LINGER_MS_CONFIG,
                            "5"),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }

        /** Everything on a topic: the job has finished, so what is there now is all. */
        private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    KAFKA.bootstrapServers(),
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    "read-" + UUID.randomUUID(),
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest"),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                int emptyPolls = 0;
                while (emptyPolls < 5) {
                    var batch = consumer.poll(Duration.ofMillis(500));
                    if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
                        emptyPolls++;
                    }
                    batch.forEach(records::add);
                }
            }
            return records;
        }
    }
}
