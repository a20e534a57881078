package io.chainplay.pipelines.earnings;

import io.chainplay.connectors.solana.source.SolanaSourceOptions;
import io.chainplay.devnet.solana.Commitment;
import io.chainplay.devnet.solana.EarningsDiscrepancy;
import io.chainplay.devnet.solana.Fate;
import io.chainplay.devnet.solana.GeneratedEvent;
import io.chainplay.devnet.solana.SolanaDevnet;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.embedded.junit.PostgresExtension;
import io.chainplay.pipelines.common.FailOnceSink;
import io.chainplay.pipelines.common.KafkaTopics;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.pipelines.ingest.SolanaIngestJob;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.dlq.DeadLetter;
import io.chainplay.schemas.earnings.EarningsDue;
import io.chainplay.schemas.feed.FeedMessage;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.chainplay.pipelines.earnings.EarningsFixtures.ALICE;
import static io.chainplay.pipelines.earnings.EarningsFixtures.BOB;
import static io.chainplay.pipelines.earnings.EarningsFixtures.CAROL;
import static io.chainplay.pipelines.earnings.EarningsFixtures.HOUR;
import static io.chainplay.pipelines.earnings.EarningsFixtures.SOL;
import static io.chainplay.pipelines.earnings.EarningsFixtures.T0;
import static io.chainplay.pipelines.earnings.EarningsFixtures.claimed;
import static io.chainplay.pipelines.earnings.EarningsFixtures.created;
import static io.chainplay.pipelines.earnings.EarningsFixtures.earn;
import static io.chainplay.pipelines.earnings.EarningsFixtures.joined;
import static io.chainplay.pipelines.earnings.EarningsFixtures.tx;
import static io.chainplay.pipelines.earnings.EarningsFixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The earnings job end to end: real Kafka in, real Postgres and Kafka out, on a MiniCluster with
 * parallelism 2; the devnet's Solana Mafia activity through the real ingest path; batch equals
 * streaming equals the canonical chain; a savepoint restored into a new job.
 */
class EarningsJobITCase {

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
    void writesPlayersBusinessesDuesClaimsAndTheProgramsMismatches() throws Exception {
        long aliceUpdate = earn(SOL, 200, HOUR - 100);
        long bobCorrect = earn(2 * SOL, 180, 2 * HOUR - 60) + earn(SOL, 250, 2 * HOUR - 70);
        long bobSkimmed = bobCorrect - bobCorrect / 100;
        MafiaEvent carol = joined(CAROL, T0 + 5, T0 + HOUR);
        List<MafiaEvent> events = new ArrayList<>();
        events.add(joined(ALICE, T0, T0 + HOUR));
        events.add(created(ALICE, 0, 0, SOL, T0 + 100));
        events.add(updated(ALICE, aliceUpdate, aliceUpdate, T0 + HOUR + 86_400, 1, T0 + HOUR));
        events.add(joined(BOB, T0 + 50, T0 + 2 * HOUR));
        events.add(created(BOB, 0, 1, 2 * SOL, T0 + 60));
        events.add(created(BOB, 3, 0, SOL, 250, T0 + 70)); // premium slot: +50
        events.add(updated(BOB, bobSkimmed, bobSkimmed, T0 + 2 * HOUR + 86_400, 2, T0 + 2 * HOUR));
        long bobLater = earn(2 * SOL, 180, HOUR) + earn(SOL, 250, HOUR);
        events.addAll(
                List.of(
                        tx(
                                "bob-claims",
                                updated(
                                        BOB,
                                        bobLater,
                                        bobSkimmed + bobLater,
                                        T0 + 2 * HOUR + 86_400,
                                        2,
                                        T0 + 3 * HOUR),
                                claimed(BOB, bobSkimmed + bobLater, T0 + 3 * HOUR))));
        events.add(carol);
        events.add(carol.withKind(EventKind.RETRACTED));
        events.add(created(ALICE, 1, 0, SOL, T0 + 3 * HOUR).withKind(EventKind.FINALIZED));
        Run run = new Run(3);
        run.produce(events);
        run.produceRaw("garbage".getBytes(StandardCharsets.UTF_8));

        run.execute(RuntimeExecutionMode.STREAMING, run.config(), null);

        String db = run.db.jdbcUrl();
        Map<String, String> history = EarningsSnapshot.table(db, "earnings_history");
        assertThat(history.keySet())
                .containsExactlyInAnyOrder(
                        ALICE + " due:" + (T0 + HOUR),
                        BOB + " due:" + (T0 + 2 * HOUR),
                        BOB + " solana:bob-claims:1:1");
        assertThat(history.get(ALICE + " due:" + (T0 + HOUR)))
                .contains("|update|")
                .contains("|" + aliceUpdate + "|0|" + aliceUpdate + "|1|");
        assertThat(history.get(BOB + " due:" + (T0 + 2 * HOUR)))
                .contains("|" + bobCorrect + "|0|" + bobCorrect + "|2|");
        assertThat(history.get(BOB + " solana:bob-claims:1:1"))
                .contains("|claim|")
                .contains("|" + (bobSkimmed + bobLater) + "|" + (bobCorrect + bobLater) + "|0|");
        Map<String, String> reconciliation = EarningsSnapshot.table(db, "reconciliation");
        String bobUpdate =
                "solana:earnings_updated-" + BOB.substring(0, 8) + "-" + (T0 + 2 * HOUR) + ":1:0";
        assertThat(reconciliation.keySet())
                .containsExactlyInAnyOrder(
                        bobUpdate + " earnings_added",
                        bobUpdate + " total_pending",
                        "solana:bob-claims:1:0 total_pending",
                        "solana:bob-claims:1:1 claim_amount");
        assertThat(reconciliation.get(bobUpdate + " earnings_added"))
                .contains(
                        "|"
                                + bobCorrect
                                + "|"
                                + bobSkimmed
                                + "|"
                                + (bobSkimmed - bobCorrect)
                                + "|");
        assertThat(EarningsSnapshot.table(db, "players").keySet())
                .containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(EarningsSnapshot.table(db, "players").get(BOB))
                .contains("|" + (bobSkimmed + bobLater) + "|0|"); // claimed, nothing pending
        assertThat(EarningsSnapshot.table(db, "businesses")).hasSize(4);
        assertThat(EarningsSnapshot.table(db, "global_stats").values())
                .singleElement()
                .satisfies(
                        row ->
                                assertThat(row)
                                        .contains("|2|4|")
                                        .contains("\"TobaccoShop\": 3")
                                        .contains("\"FuneralService\": 1"));
        List<FeedMessage> feed = run.feed();
        assertThat(feed).extracting(FeedMessage::type).containsOnly("earnings.updated").hasSize(2);
        assertThat(run.dues())
                .extracting(EarningsDue::getId)
                .containsExactlyInAnyOrder(
                        "earnings:" + ALICE + ":" + (T0 + HOUR),
                        "earnings:" + BOB + ":" + (T0 + 2 * HOUR));
        assertThat(run.deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.getReason()).startsWith("Not a ChainEvent"));
    }

    @Test
    void aBackfillInBatchWritesWhatTheLiveRunWritesThroughReorgsLateEventsAndACrash()
            throws Exception {
        Scenario scenario = Scenario.generate(17);
        assertThat(scenario.dropped).as("fork copies to retract").isGreaterThan(5);

        Run live = new Run(3);
        live.produce(scenario.stream);
        Run backfill = live.sameInputNewDatabase();
        Run canonical = new Run(3);
        canonical.produce(scenario.canonical);

        // Live: one second of out-of-orderness, so partitions read unevenly deliver late events and
        // retractions after the dues they change; and a crash in the middle.
        String failure = UUID.randomUUID().toString();
        EarningsJob.Config config = live.config().withInterval(Scenario.INTERVAL);
        live.execute(
                RuntimeExecutionMode.STREAMING,
                config.withOutOfOrderness(Duration.ofSeconds(1)),
                failure);
        backfill.execute(RuntimeExecutionMode.BATCH, config, null);
        canonical.execute(RuntimeExecutionMode.BATCH, config, null);

        assertThat(FailOnceSink.failures(failure)).as("a failure was injected").isEqualTo(1);
        Map<String, Map<String, String>> batch = EarningsSnapshot.all(backfill.db.jdbcUrl());
        assertThat(batch.get("earnings_history")).hasSizeGreaterThan(300);
        assertThat(batch.get("reconciliation")).as("the devnet pays by the rules").isEmpty();
        Map<String, Map<String, String>> streaming = EarningsSnapshot.all(live.db.jdbcUrl());
        for (String table : EarningsSnapshot.TABLES) {
            assertThat(streaming.get(table)).as(table).containsExactlyEntriesOf(batch.get(table));
        }
        Map<String, Map<String, String>> chain = EarningsSnapshot.all(canonical.db.jdbcUrl());
        for (String table : EarningsSnapshot.TABLES) {
            assertThat(chain.get(table))
                    .as(table + " of the canonical chain alone")
                    .containsExactlyEntriesOf(batch.get(table));
        }
        // The job's due and the program's own scheduled update at the same second agree.
        int agreeing = 0;
        for (GeneratedEvent update : scenario.scheduledUpdates) {
            JsonNode f = update.fields();
            String row =
                    batch.get("earnings_history")
                            .get(f.get("player").asText() + " due:" + update.blockTime());
            if (row != null) {
                assertThat(row).contains("|" + f.get("total_pending").asText() + "|");
                agreeing++;
            }
        }
        assertThat(agreeing).isGreaterThan(50);
    }

    @Test
    void catchesTheDiscrepancyTheDevnetInjectsThroughTheRealIngestPath() throws Exception {
        Map<String, long[]> skims = new ConcurrentHashMap<>();
        EarningsDiscrepancy skim =
                (player, correct, time) -> {
                    long reported = player.hashCode() % 3 == 0 ? correct - correct / 50 : correct;
                    skims.put(player + "@" + time + "/" + reported, new long[] {correct, reported});
                    return reported;
                };
        try (SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(29)
                        .genesisTime(Instant.parse("2026-04-01T00:00:00Z"))
                        .players(30)
                        .transactionsPerSecond(20)
                        .mafiaShare(0.9)
                        .earningsInterval(Duration.ofSeconds(60))
                        .earningsDiscrepancy(skim)
                        .start()) {
            devnet.advance(700);
            long from = devnet.startSlot();
            long to = devnet.slot(Commitment.FINALIZED);
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            ingest(devnet, from, to, suffix);

            Run run = new Run(Topics.rawSolanaName("solana_mafia_" + suffix));
            run.execute(
                    RuntimeExecutionMode.BATCH,
                    run.config().withInterval(Duration.ofSeconds(60)),
                    null);

            Map<String, String> expected = new TreeMap<>();
            int updates = 0;
            for (GeneratedEvent g : devnet.groundTruth().finalEvents(from, to)) {
                if (!g.eventName().equals("EarningsUpdated")) {
                    continue;
                }
                updates++;
                JsonNode f = g.fields();
                long[] skimmed =
                        skims.get(
                                f.get("player").asText()
                                        + "@"
                                        + g.blockTime()
                                        + "/"
                                        + f.get("earnings_added").asText());
                assertThat(skimmed).as("the hook saw every update").isNotNull();
                if (skimmed[0] != skimmed[1]) {
                    expected.put(g.eventId() + " earnings_added", skimmed[0] + "|" + skimmed[1]);
                }
            }
            assertThat(updates).isGreaterThan(100);
            assertThat(expected).hasSizeGreaterThan(10);
            Map<String, String> found = new TreeMap<>();
            for (Map.Entry<String, String> row :
                    EarningsSnapshot.table(run.db.jdbcUrl(), "reconciliation").entrySet()) {
                if (row.getKey().endsWith(" earnings_added")) {
                    String[] columns = row.getValue().split("\\|");
                    found.put(row.getKey(), columns[6] + "|" + columns[7]);
                }
            }
            assertThat(found).containsExactlyEntriesOf(expected);
            assertThat(
                            EarningsSnapshot.count(
                                    run.db.jdbcUrl(),
                                    "SELECT count(*) FROM earnings.reconciliation WHERE check_name NOT IN ('earnings_added', 'total_pending', 'claim_amount')"))
                    .as("nothing but the skimming is reported")
                    .isZero();
        }
    }

    @Test
    void timersSurviveASavepointAndFireOnceInTheRestoredJob(@TempDir Path savepoints)
            throws Exception {
        // One partition, no out-of-orderness: the watermark is the newest block time, exactly.
        Run run = new Run(1);
        List<MafiaEvent> first = new ArrayList<>();
        Set<String> expectedDues = new java.util.TreeSet<>();
        for (int i = 0; i < 20; i++) {
            String player = EarningsFixtures.pubkey("savepoint-" + i);
            long next = T0 + 600 + i * 700L;
            first.add(joined(player, T0, next));
            first.add(created(player, 0, i % 6, SOL * (i + 1), T0 + i));
            for (long due = next; due <= T0 + 10 * HOUR; due += HOUR) {
                expectedDues.add("earnings:" + player + ":" + due);
            }
        }
        first.add(joined(EarningsFixtures.pubkey("tick-1"), T0 + 4 * HOUR, 0));
        run.produce(first);
        // RocksDB with the settings the job runs with (heap timers, bloom filters).
        Configuration conf =
                EarningsJob.withStateDefaults(run.conf(RuntimeExecutionMode.STREAMING))
                        .set(StateBackendOptions.STATE_BACKEND, "rocksdb")
                        .set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true)
                        .set(
                                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                                savepoints.resolve("checkpoints").toUri().toString());
        EarningsJob.Config config =
                run.config().withInterval(Duration.ofHours(1)).withOutOfOrderness(Duration.ZERO);

        JobClient job = run.start(conf, config);
        await().atMost(Duration.ofSeconds(90))
                .until(
                        () ->
                                EarningsSnapshot.count(
                                                run.db.jdbcUrl(),
                                                "SELECT count(*) FROM earnings.earnings_history WHERE at <= to_timestamp("
                                                        + (T0 + 4 * HOUR)
                                                        + ")")
                                        >= dueCount(expectedDues, T0 + 4 * HOUR - 1));
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
        List<EarningsDue> before = run.dues();

        run.produce(List.of(joined(EarningsFixtures.pubkey("tick-2"), T0 + 10 * HOUR + 1, 0)));
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        JobClient restored = run.start(conf, config);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> run.dues().size() >= expectedDues.size());
            Thread.sleep(2_000); // anything fired twice would have arrived by now
        } finally {
            restored.cancel().get(30, TimeUnit.SECONDS);
        }

        List<EarningsDue> dues = run.dues();
        assertThat(before).hasSizeBetween(1, expectedDues.size() - 1);
        assertThat(dues).extracting(EarningsDue::getId).doesNotHaveDuplicates();
        assertThat(dues)
                .extracting(EarningsDue::getId)
                .containsExactlyInAnyOrderElementsOf(expectedDues);
        assertThat(EarningsSnapshot.table(run.db.jdbcUrl(), "earnings_history"))
                .hasSize(expectedDues.size());
    }

    private static long dueCount(Set<String> dues, long until) {
        return dues.stream()
                .filter(d -> Long.parseLong(d.substring(d.lastIndexOf(':') + 1)) <= until)
                .count();
    }

    /** The devnet's range through the real Solana source and ingest job, at finalized. */
    private static void ingest(SolanaDevnet devnet, long from, long to, String suffix)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(SolanaSourceOptions.RPC_ENDPOINTS, List.of(devnet.url()));
        conf.set(
                SolanaSourceOptions.IDLS,
                List.of(
                        "idl=classpath:idl/fare_vault.json, name=fare_vault_" + suffix,
                        "idl=classpath:idl/solana_mafia.json, name=solana_mafia_" + suffix));
        conf.set(SolanaSourceOptions.COMMITMENT, "finalized");
        conf.set(SolanaSourceOptions.START_SLOT, from);
        conf.set(SolanaSourceOptions.END_SLOT, to);
        conf.set(SolanaSourceOptions.SLOTS_PER_SPLIT, 100L);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        SolanaIngestJob.build(
                env,
                SolanaSourceOptions.source(conf),
                SolanaIngestJob.kafkaSink(KAFKA.bootstrapServers(), "ingest-" + suffix));
        env.execute("ingest-" + suffix);
        KafkaTopics.awaitSettled(
                KAFKA.bootstrapServers(),
                List.of("raw.solana.fare_vault_" + suffix, "raw.solana.solana_mafia_" + suffix),
                Duration.ofSeconds(30));
    }

    /**
     * Solana Mafia activity from the devnet (with forks), written as a Solana source at confirmed
     * writes it: each event observed, then finalized 32 slots later, or retracted a few slots later
     * if its block left the chain; and the same chain as a finalized-only read would give it.
     */
    private static final class Scenario {
        static final Duration INTERVAL = Duration.ofSeconds(60);

        final List<ChainEvent> stream = new ArrayList<>();
        final List<ChainEvent> canonical = new ArrayList<>();
        final List<GeneratedEvent> scheduledUpdates = new ArrayList<>();
        int dropped;

        static Scenario generate(long seed) {
            Scenario s = new Scenario();
            try (SolanaDevnet devnet =
                    SolanaDevnet.builder()
                            .manualClock()
                            .seed(seed)
                            .genesisTime(Instant.parse("2026-03-01T00:00:00Z"))
                            .players(50)
                            .transactionsPerSecond(20)
                            .mafiaShare(0.9)
                            .forks(0.03, 3, 0.5)
                            .earningsInterval(INTERVAL)
                            .start()) {
                devnet.advance(1_200);
                Random random = new Random(seed);
                List<Object[]> timed = new ArrayList<>(); // {position, ChainEvent}
                Map<String, Long> next = new HashMap<>();
                for (GeneratedEvent g :
                        devnet.groundTruth().events(devnet.startSlot(), devnet.tipSlot())) {
                    if (!g.programName().equals("solana_mafia")) {
                        continue;
                    }
                    double position = g.slot() + random.nextDouble() * 0.5;
                    timed.add(new Object[] {position, envelope(g, Finality.OBSERVED, false)});
                    if (g.fate() == Fate.DROPPED) {
                        s.dropped++;
                        timed.add(
                                new Object[] {
                                    g.slot() + 2 + random.nextInt(6) + 0.7,
                                    envelope(g, Finality.OBSERVED, true)
                                });
                    } else {
                        timed.add(
                                new Object[] {
                                    g.slot() + 32 + 0.9, envelope(g, Finality.FINALIZED, false)
                                });
                        s.canonical.add(envelope(g, Finality.FINALIZED, false));
                        if (g.eventName().equals("EarningsUpdated")) {
                            JsonNode f = g.fields();
                            String player = f.get("player").asText();
                            long n = f.get("next_earnings_time").asLong();
                            Long previous = next.put(player, n);
                            if (previous != null && previous != n) {
                                s.scheduledUpdates.add(g);
                            }
                        }
                    }
                }
                timed.sort(Comparator.comparingDouble(o -> (Double) o[0]));
                for (Object[] t : timed) {
                    s.stream.add((ChainEvent) t[1]);
                }
            }
            return s;
        }

        private static ChainEvent envelope(GeneratedEvent g, Finality finality, boolean retracted) {
            return ChainEvent.newBuilder()
                    .setEventId(g.eventId())
                    .setChain(Chain.SOLANA)
                    .setProgram(g.programId())
                    .setProgramName(g.programName())
                    .setEventName(g.eventName())
                    .setTxSignature(g.txSignature())
                    .setSlot(g.slot())
                    .setInstructionIndex(g.instructionIndex())
                    .setEventIndex(g.eventIndex())
                    .setEventTime(Instant.ofEpochSecond(g.blockTime()))
                    .setCommitment(finality == Finality.FINALIZED ? "finalized" : "confirmed")
                    .setFinality(finality)
                    .setRetracted(retracted)
                    .setPayload(g.fieldsJson())
                    .build();
        }
    }

    /** One job run: its input topic, output topics and a fresh, migrated database. */
    private static final class Run {
        final String input;
        final String feedTopic = "feed-" + UUID.randomUUID();
        final String dueTopic = "due-" + UUID.randomUUID();
        final String deadLetterTopic = "dlq-" + UUID.randomUUID();
        final String transactionalIdPrefix = "earnings-" + UUID.randomUUID();
        final EmbeddedPostgres.Database db;

        Run(int partitions) {
            this(KAFKA.createTopic(partitions));
        }

        Run(String input) {
            this.input = input;
            this.db = POSTGRES.createDatabase();
            KAFKA.createTopic(feedTopic, 2);
            KAFKA.createTopic(dueTopic, 2);
            KAFKA.createTopic(deadLetterTopic, 1);
            Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();
        }

        Run sameInputNewDatabase() {
            return new Run(input);
        }

        void produce(List<?> events) throws Exception {
            try (KafkaProducer<String, byte[]> producer =
                    KafkaTopics.producer(KAFKA.bootstrapServers())) {
                for (Object o : events) {
                    ChainEvent e =
                            o instanceof MafiaEvent m
                                    ? EarningsFixtures.envelope(m)
                                    : (ChainEvent) o;
                    producer.send(
                            new ProducerRecord<>(
                                    input,
                                    null,
                                    e.getEventTime().toEpochMilli(),
                                    e.getTxSignature(),
                                    Topics.RAW_SOLANA_SOLANA_MAFIA.serializeValue(e)));
                }
                producer.flush();
            }
        }

        void produceRaw(byte[] value) throws Exception {
            try (KafkaProducer<String, byte[]> producer =
                    KafkaTopics.producer(KAFKA.bootstrapServers())) {
                producer.send(new ProducerRecord<>(input, "garbage", value)).get();
            }
        }

        EarningsJob.Config config() {
            return EarningsJob.Config.defaults();
        }

        Configuration conf(RuntimeExecutionMode mode) {
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
            conf.set(PipelineOptions.JDBC_URL, db.jdbcUrl());
            conf.set(PipelineOptions.JDBC_BATCH_SIZE, 500);
            conf.set(EarningsOptions.INPUT_TOPIC, input);
            conf.set(EarningsOptions.GROUP_ID, "earnings-" + UUID.randomUUID());
            conf.set(EarningsOptions.FEED_TOPIC, feedTopic);
            conf.set(EarningsOptions.DUE_TOPIC, dueTopic);
            conf.set(EarningsOptions.DEAD_LETTER_TOPIC, deadLetterTopic);
            conf.set(EarningsOptions.TRANSACTIONAL_ID_PREFIX, transactionalIdPrefix);
            conf.set(ExecutionOptions.RUNTIME_MODE, mode);
            conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(100));
            return conf;
        }

        private StreamExecutionEnvironment environment(
                Configuration conf, EarningsJob.Config config, String failureRun, boolean bounded) {
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(PARALLELISM);
            EarningsSinks sinks = EarningsSinks.production(conf);
            if (failureRun != null) {
                sinks =
                        new EarningsSinks(
                                new FailOnceSink<>(sinks.history(), failureRun, 200),
                                sinks.players(),
                                sinks.businesses(),
                                sinks.reconciliation(),
                                sinks.globalStats(),
                                sinks.feed(),
                                sinks.dues(),
                                sinks.deadLetters());
            }
            var source = EarningsJob.kafkaSource(conf);
            if (bounded) {
                source.setBounded(OffsetsInitializer.latest());
            }
            EarningsJob.build(env, source.build(), sinks, config);
            return env;
        }

        /** Runs the job over everything produced so far. */
        void execute(RuntimeExecutionMode mode, EarningsJob.Config config, String failureRun)
                throws Exception {
            environment(conf(mode), config, failureRun, true).execute("earnings-" + mode);
            KafkaTopics.awaitSettled(
                    KAFKA.bootstrapServers(),
                    List.of(feedTopic, dueTopic, deadLetterTopic),
                    Duration.ofSeconds(30));
        }

        /** Starts the job, unbounded. */
        JobClient start(Configuration conf, EarningsJob.Config config) throws Exception {
            return environment(conf, config, null, false).executeAsync("earnings-live");
        }

        List<FeedMessage> feed() {
            List<FeedMessage> messages = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaTopics.readAll(KAFKA.bootstrapServers(), feedTopic)) {
                messages.add(FeedMessage.parse(new String(r.value(), StandardCharsets.UTF_8)));
            }
            return messages;
        }

        List<EarningsDue> dues() {
            List<EarningsDue> dues = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaTopics.readAll(KAFKA.bootstrapServers(), dueTopic)) {
                dues.add(Topics.EARNINGS_DUE.deserializeValue(r.value()));
            }
            return dues;
        }

        List<DeadLetter> deadLetters() {
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaTopics.readAll(KAFKA.bootstrapServers(), deadLetterTopic)) {
                letters.add(Topics.DLQ_EARNINGS.deserializeValue(r.value()));
            }
            return letters;
        }
    }
}
