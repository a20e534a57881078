package io.chainplay.bench.casino;

import io.chainplay.bench.Benchmark;
import io.chainplay.bench.Report;
import io.chainplay.embedded.EmbeddedKafka;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.pipelines.casino.CasinoJob;
import io.chainplay.pipelines.casino.CasinoOptions;
import io.chainplay.pipelines.casino.CasinoSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code casino-job}: the casino job end to end, fare_vault envelopes in Kafka to the casino tables
 * in Postgres and {@code feed.casino}, in events/s; parallelism 2 on a local Flink cluster, with a
 * real Kafka broker and Postgres in the same JVM (they share the 2 cores), checkpoints every 10 s.
 *
 * <p>Ceiling: the same Kafka source and Avro deserializer into a keyed count, discarded: what
 * reading and decoding the envelopes costs here, before any casino logic or output. Baseline: the
 * seed's processor design ({@link SeedProcessor}): one Postgres transaction per event, four
 * connections, {@code synchronous_commit=on}. The server runs with {@code synchronous_commit=on}
 * for all three (the embedded server's default is off). Target: at least 100x the baseline and 25%
 * of the ceiling.
 */
public final class CasinoJobBench implements Benchmark {

    private static final int PARALLELISM = 2;
    static final int PARTITIONS = 4;
    static final double BETS_PER_SECOND = 1_500;

    /** The project default (JobConfig), 10 s; {@code -Dcasino.bench.checkpoint-seconds=60}. */
    static final Duration CHECKPOINT_INTERVAL =
            Duration.ofSeconds(Long.getLong("casino.bench.checkpoint-seconds", 10));

    /** {@code hashmap} (the default) or {@code rocksdb}: {@code -Dcasino.bench.state=rocksdb}. */
    static final String STATE_BACKEND = System.getProperty("casino.bench.state", "hashmap");

    static final int PLAYERS = 20_000;

    /**
     * A diagnostic, not a figure of the report: {@code -Dcasino.bench.sinks=discard} runs the job
     * with sinks that drop every row and feed message, so the job's own cost shows apart from
     * Postgres's and the feed's.
     */
    static final boolean DISCARD_SINKS =
            "discard".equals(System.getProperty("casino.bench.sinks", "production"));

    @Override
    public String name() {
        return "casino-job";
    }

    @Override
    public String description() {
        return "Kafka -> casino job (all tables, feed) -> Postgres, events/s, parallelism 2";
    }

    @Override
    public Report run(boolean quick) throws Exception {
        long events = quick ? 20_000 : Long.getLong("casino.bench.events", 1_000_000);
        long baselineEvents = quick ? 2_000 : 20_000;
        Path data = Files.createTempDirectory("casino-bench");
        try (EmbeddedPostgres postgres =
                        EmbeddedPostgres.builder()
                                .serverConfig("synchronous_commit", "on")
                                .start();
                EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            String topic = "raw.solana.fare_vault.bench";
            kafka.createTopic(topic, PARTITIONS);
            System.out.printf("  writing %,d+ fare_vault events to Kafka%n", events);
            long start = System.nanoTime();
            long produced =
                    BenchInput.produce(
                            kafka.bootstrapServers(), topic, events, BETS_PER_SECOND, PLAYERS);
            double generation = (System.nanoTime() - start) / 1e9;

            // Warm-up: the first jobs in a JVM run slower while the JIT compiles.
            System.out.println("  warm-up: ceiling, then the job over a quarter of the input");
            ceiling(kafka.bootstrapServers(), topic);
            job(kafka, postgres, topic, data, produced / 4);

            double ceilingSeconds = ceiling(kafka.bootstrapServers(), topic);
            double ceilingRate = produced / ceilingSeconds;
            System.out.printf("  ceiling  %,.0f events/s (%.1f s)%n", ceilingRate, ceilingSeconds);
            JobRun run = job(kafka, postgres, topic, data, 0);
            double jobRate = produced / run.seconds;
            System.out.printf("  job      %,.0f events/s (%.1f s)%n", jobRate, run.seconds);

            EmbeddedPostgres.Database seedDb = postgres.createDatabase();
            SeedProcessor.createSchema(seedDb.jdbcUrl());
            double baselineSeconds =
                    SeedProcessor.run(
                            kafka.bootstrapServers(), topic, seedDb.jdbcUrl(), baselineEvents);
            double baselineRate = baselineEvents / baselineSeconds;
            System.out.printf(
                    "  baseline %,.0f events/s (%.1f s)%n", baselineRate, baselineSeconds);

            return new Report(name())
                    .add(Report.Role.MEASURED, "casino job, end to end", jobRate, "events/s")
                    .add(
                            Report.Role.CEILING,
                            "Kafka source + Avro decode -> keyed count",
                            ceilingRate,
                            "events/s")
                    .add(
                            Report.Role.BASELINE,
                            "1 transaction per event, 4 connections",
                            baselineRate,
                            "events/s")
                    .add(Report.Role.TARGET, "100 x baseline", 100 * baselineRate, "events/s")
                    .add(Report.Role.TARGET, "25% of ceiling", 0.25 * ceilingRate, "events/s")
                    .note(
                            String.format(
                                    "%,d fare_vault events (%,d bets) from the devnet, generated"
                                            + " in %.0f s; the job wrote %s",
                                    produced, run.bets, generation, run.rows))
                    .note(
                            String.format(
                                    "baseline over the first %,d events; Kafka, Postgres and"
                                            + " Flink share the machine's cores",
                                    baselineEvents));
        }
    }

    /** Seconds the ceiling job takes over the topic. */
    static double ceiling(String bootstrapServers, String topic) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        conf.set(CasinoOptions.INPUT_TOPIC, topic);
        conf.set(CasinoOptions.GROUP_ID, "ceiling-" + UUID.randomUUID());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.fromSource(
                        CasinoJob.kafkaSource(conf).setBounded(OffsetsInitializer.latest()).build(),
                        WatermarkStrategy.noWatermarks(),
                        "fare_vault events")
                .map(raw -> Topics.RAW_SOLANA_FARE_VAULT.deserializeValue(raw.value).getEventId())
                .keyBy(id -> id)
                .process(new Count())
                .sinkTo(new DiscardingSink<>());
        long start = System.nanoTime();
        env.execute("casino-ceiling");
        return (System.nanoTime() - start) / 1e9;
    }

    /** Counts records per key: the least keyed work there is. */
    static final class Count extends KeyedProcessFunction<String, String, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(String id, Context ctx, Collector<Long> out) throws Exception {
            Long n = count.value();
            count.update(n == null ? 1 : n + 1);
            out.collect(n == null ? 1L : n + 1);
        }
    }

    /** A run of the job: how long it took, and the database it wrote. */
    record JobRun(double seconds, long bets, String rows, EmbeddedPostgres.Database db) {}

    /**
     * Runs the casino job over the topic into a fresh database; with a limit, over about that many
     * events only (a warm-up).
     */
    static JobRun job(
            EmbeddedKafka kafka, EmbeddedPostgres postgres, String topic, Path data, long limit)
            throws Exception {
        EmbeddedPostgres.Database db = postgres.createDatabase();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();
        String feed = "feed.casino." + UUID.randomUUID();
        kafka.createTopic(feed, 2);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(PipelineOptions.JDBC_URL, db.jdbcUrl());
        conf.set(CasinoOptions.INPUT_TOPIC, topic);
        conf.set(CasinoOptions.GROUP_ID, "casino-" + UUID.randomUUID());
        conf.set(CasinoOptions.FEED_TOPIC, feed);
        conf.set(CasinoOptions.DEAD_LETTER_TOPIC, "dlq.casino.bench");
        // A reorg window of two minutes of chain time (finality is ~13 s): the state the job
        // keeps is what a live run keeps, not the whole input.
        conf.set(CasinoOptions.RETENTION, Duration.ofMinutes(2));
        conf.set(CasinoOptions.PENDING_TIMEOUT, Duration.ofMinutes(10));
        conf.set(CasinoOptions.BET_EXPIRY, Duration.ofMinutes(5));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                data.resolve("checkpoints").toUri().toString());
        conf.set(StateBackendOptions.STATE_BACKEND, STATE_BACKEND);
        if (STATE_BACKEND.equals("rocksdb")) {
            // As in production: incremental checkpoints, and RocksDB's memory sized for the
            // state instead of a MiniCluster's 128 MB default.
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(1024));
        }
        conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        var source = CasinoJob.kafkaSource(conf);
        if (limit > 0) {
            source.setBounded(
                    OffsetsInitializer.offsets(
                            offsets(kafka.bootstrapServers(), topic, limit / PARTITIONS)));
        } else {
            source.setBounded(OffsetsInitializer.latest());
        }
        CasinoSinks sinks =
                DISCARD_SINKS
                        ? new CasinoSinks(
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>())
                        : CasinoSinks.production(conf);
        CasinoJob.build(env, source.build(), sinks, CasinoJob.Config.from(conf));
        long start = System.nanoTime();
        env.execute("casino-bench");
        double seconds = (System.nanoTime() - start) / 1e9;
        return new JobRun(seconds, count(db, "casino.bets"), rows(db) + statements(db), db);
    }

    private static java.util.Map<org.apache.kafka.common.TopicPartition, Long> offsets(
            String bootstrapServers, String topic, long perPartition) {
        java.util.Map<org.apache.kafka.common.TopicPartition, Long> offsets =
                new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            offsets.put(new org.apache.kafka.common.TopicPartition(topic, p), perPartition);
        }
        return offsets;
    }

    private static long count(EmbeddedPostgres.Database db, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * What the writes cost Postgres: the row versions it wrote (inserted, updated, deleted) over
     * all casino tables, against the rows the tables hold in the end.
     */
    private static String statements(EmbeddedPostgres.Database db) throws Exception {
        Thread.sleep(1_000); // the statistics reach pg_stat a moment after the commit
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT sum(n_tup_ins), sum(n_tup_upd), sum(n_tup_del),"
                                        + " sum(n_live_tup) FROM pg_stat_user_tables"
                                        + " WHERE schemaname = 'casino'")) {
            rs.next();
            return String.format(
                    "; Postgres wrote %,d inserts, %,d updates, %,d deletes for %,d rows",
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    private static String rows(EmbeddedPostgres.Database db) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (String table :
                new String[] {
                    "bets",
                    "fees",
                    "pool_accumulations",
                    "jackpots",
                    "player_stats",
                    "leaderboard_entries",
                    "pool_volume",
                    "anomalies"
                }) {
            rows.append(rows.length() > 0 ? ", " : "")
                    .append(String.format("%,d", count(db, "casino." + table)))
                    .append(' ')
                    .append(table);
        }
        return rows.toString();
    }
}
