package io.chainplay.pipelines.trading;

import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.embedded.junit.PostgresExtension;
import io.chainplay.pipelines.common.FailOnceSink;
import io.chainplay.pipelines.common.KafkaTopics;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.pipelines.common.ThrottledSource;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.dlq.DeadLetter;
import io.chainplay.schemas.exchange.ExchangeFill;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static io.chainplay.pipelines.trading.TradingFixtures.ALICE;
import static io.chainplay.pipelines.trading.TradingFixtures.BOB;
import static io.chainplay.pipelines.trading.TradingFixtures.DAY;
import static io.chainplay.pipelines.trading.TradingFixtures.T0;
import static io.chainplay.pipelines.trading.TradingFixtures.avro;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trading job end to end: real Kafka in, real Postgres and Kafka out, on a MiniCluster with
 * parallelism 2; exact positions, PnL, fees, volume and daily rows of a hand-written sequence;
 * batch equals streaming, through a crash in the middle of the stream.
 */
class TradingJobITCase {

    private static final int PARALLELISM = 2;
    private static final String[] TABLES = {"positions", "daily_trades", "fills"};

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
    void writesExactPositionsPnlFeesVolumeAndTheDailyLedger() throws Exception {
        String btc = "BTC-USD";
        String eth = "ETH-USD";
        List<ExchangeFill> fills = new ArrayList<>();
        fills.add(avro(101, ALICE, btc, true, "60000", "0.5", "3", T0 + 1_000));
        fills.add(avro(102, ALICE, btc, true, "63000", "0.25", "1.5", T0 + 2_000));
        fills.add(avro(103, ALICE, eth, true, "3000.5", "2", "0.6", T0 + 2_500));
        fills.add(avro(104, ALICE, btc, false, "62000", "0.25", "-0.2", T0 + 3_000)); // rebate
        fills.add(avro(102, ALICE, btc, true, "63000", "0.25", "1.5", T0 + 2_000)); // again
        fills.add(avro(108, BOB, btc, false, "61500", "1", "3.075", T0 + 3_500));
        // One taker order crossing three levels in one millisecond, written out of id order: the
        // second flips the long into a short.
        fills.add(avro(107, ALICE, btc, false, "59800", "0.1", "0.3", T0 + 4_000));
        fills.add(avro(105, ALICE, btc, false, "60000", "0.3", "0.9", T0 + 4_000));
        fills.add(avro(106, ALICE, btc, false, "59900", "0.5", "1.5", T0 + 4_000));
        fills.add(avro(109, BOB, btc, true, "60000", "0.4", "1.2", T0 + 4_500));
        fills.add(avro(111, BOB, btc, true, "60000", "-1", "0", T0 + 4_600)); // invalid
        fills.add(avro(110, ALICE, btc, true, "59000", "0.4", "1.2", T0 + DAY + 5_000));
        Run run = new Run(3);
        run.produce(fills);
        run.produceRaw("garbage".getBytes(StandardCharsets.UTF_8));

        run.execute(RuntimeExecutionMode.STREAMING, null);

        String db = run.db.jdbcUrl();
        // venue|player|market|size|avg|realized|fees|net|volume|count|last|opened|updated
        Map<String, String> positions = table(db, "positions");
        assertThat(positions)
                .containsOnlyKeys(
                        "extended " + ALICE + " " + btc,
                        "extended " + ALICE + " " + eth,
                        "extended " + BOB + " " + btc);
        // ALICE BTC: 0.5@60000 + 0.25@63000 → 0.75@61000; sell 0.25@62000 +250; at one ms:
        // sell 0.3@60000 -300 (0.2 left), sell 0.5@59900 closes 0.2 -220 and opens -0.3@59900,
        // sell 0.1@59800 → -0.4@59875; next day buy 0.4@59000 +350, flat. 250-300-220+350 = 80.
        assertThat(positions.get("extended " + ALICE + " " + btc))
                .isEqualTo(
                        row(
                                "extended",
                                ALICE,
                                btc,
                                "0",
                                null,
                                "80",
                                "8.2",
                                "71.8",
                                "138780",
                                "7",
                                "110",
                                null,
                                time(T0 + DAY + 5_000)));
        assertThat(positions.get("extended " + ALICE + " " + eth))
                .isEqualTo(
                        row(
                                "extended",
                                ALICE,
                                eth,
                                "2",
                                "3000.5",
                                "0",
                                "0.6",
                                "-0.6",
                                "6001",
                                "1",
                                "103",
                                time(T0 + 2_500),
                                time(T0 + 2_500)));
        // BOB: short 1@61500, buys back 0.4@60000: +600.
        assertThat(positions.get("extended " + BOB + " " + btc))
                .isEqualTo(
                        row(
                                "extended",
                                BOB,
                                btc,
                                "-0.6",
                                "61500",
                                "600",
                                "4.275",
                                "595.725",
                                "85500",
                                "2",
                                "109",
                                time(T0 + 3_500),
                                time(T0 + 4_500)));

        // player|day|count|volume|fees|realized|first venue|first id|first at|last at
        Map<String, String> days = table(db, "daily_trades");
        assertThat(days)
                .containsOnlyKeys(
                        ALICE + " 2026-03-01", ALICE + " 2026-03-02", BOB + " 2026-03-01");
        assertThat(days.get(ALICE + " 2026-03-01"))
                .isEqualTo(
                        row(
                                ALICE,
                                "2026-03-01",
                                "7",
                                "121181",
                                "7.6",
                                "-270",
                                "extended",
                                "101",
                                time(T0 + 1_000),
                                time(T0 + 4_000)));
        assertThat(days.get(ALICE + " 2026-03-02"))
                .isEqualTo(
                        row(
                                ALICE,
                                "2026-03-02",
                                "1",
                                "23600",
                                "1.2",
                                "350",
                                "extended",
                                "110",
                                time(T0 + DAY + 5_000),
                                time(T0 + DAY + 5_000)));
        assertThat(days.get(BOB + " 2026-03-01"))
                .isEqualTo(
                        row(
                                BOB,
                                "2026-03-01",
                                "2",
                                "85500",
                                "4.275",
                                "600",
                                "extended",
                                "108",
                                time(T0 + 3_500),
                                time(T0 + 4_500)));

        // realized_pnl|position_size|avg_entry_price of each fill
        Map<String, String> applied = new TreeMap<>();
        table(db, "fills")
                .forEach(
                        (key, value) -> {
                            String[] c = value.split("\\|", -1);
                            applied.put(key, c[14] + "|" + c[15] + "|" + c[16]);
                        });
        assertThat(applied)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "extended 101", "0|0.5|60000",
                                "extended 102", "0|0.75|61000",
                                "extended 103", "0|2|3000.5",
                                "extended 104", "250|0.5|61000",
                                "extended 105", "-300|0.2|61000",
                                "extended 106", "-220|-0.3|59900",
                                "extended 107", "0|-0.4|59875",
                                "extended 108", "0|-1|61500",
                                "extended 109", "600|-0.6|61500",
                                "extended 110", "350|0|null"));

        List<FeedMessage> feed = run.feed();
        List<FeedMessage> trades =
                feed.stream().filter(m -> m.type().equals("trade.filled")).toList();
        assertThat(trades)
                .extracting(FeedMessage::id)
                .containsExactlyInAnyOrder(
                        "trade:extended:101",
                        "trade:extended:102",
                        "trade:extended:103",
                        "trade:extended:104",
                        "trade:extended:105",
                        "trade:extended:106",
                        "trade:extended:107",
                        "trade:extended:108",
                        "trade:extended:109",
                        "trade:extended:110");
        FeedMessage flip =
                trades.stream().filter(m -> m.id().endsWith(":106")).findFirst().orElseThrow();
        assertThat(flip.timestamp()).isEqualTo(T0 + 4_000);
        assertThat(flip.data().get("player").asText()).isEqualTo(ALICE);
        assertThat(flip.data().get("market").asText()).isEqualTo(btc);
        assertThat(flip.data().get("side").asText()).isEqualTo("SELL");
        assertThat(flip.data().get("price").asText()).isEqualTo("59900");
        assertThat(flip.data().get("qty").asText()).isEqualTo("0.5");
        assertThat(flip.data().get("value").asText()).isEqualTo("29950");
        assertThat(flip.data().get("fee").asText()).isEqualTo("1.5");
        assertThat(flip.data().get("realizedPnl").asText()).isEqualTo("-220");
        assertThat(flip.data().get("positionSize").asText()).isEqualTo("-0.3");
        assertThat(flip.data().get("avgEntryPrice").asText()).isEqualTo("59900");
        assertThat(flip.data().get("tradeCount").asLong()).isEqualTo(6);
        assertThat(feed.stream().filter(m -> m.type().equals("position.updated")))
                .anySatisfy(
                        m -> {
                            assertThat(m.id())
                                    .isEqualTo(
                                            "position.updated:extended:"
                                                    + btc
                                                    + ":"
                                                    + ALICE
                                                    + ":107");
                            assertThat(m.data().get("size").asText()).isEqualTo("-0.4");
                            assertThat(m.data().get("avgEntryPrice").asText()).isEqualTo("59875");
                        });
        assertThat(run.feedKeys()).containsOnly(ALICE, BOB);

        assertThat(run.deadLetters())
                .extracting(DeadLetter::getReason)
                .satisfiesExactlyInAnyOrder(
                        r -> assertThat(r).startsWith("Not an ExchangeFill"),
                        r ->
                                assertThat(r)
                                        .isEqualTo(
                                                "Invalid fill extended:111: qty must be"
                                                        + " positive: -1"));
    }

    @Test
    void workflowAnswersKeepEachRequestsFurthestStatusWhateverTheReplays() throws Exception {
        Run run = new Run(1);
        String a =
                "{\"requestId\":\"r-1\",\"player\":\""
                        + ALICE
                        + "\",\"day\":\"2026-12-07\","
                        + "\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"0.001\","
                        + "\"requestedAt\":1796659258614,";
        String accepted = a + "\"status\":\"ACCEPTED\",\"updatedAt\":1796659258614}";
        String submitted =
                a
                        + "\"status\":\"SUBMITTED\",\"externalId\":\"cp-r-1\","
                        + "\"orderId\":7535734445106535043,\"updatedAt\":1796659258929}";
        String filled =
                a
                        + "\"status\":\"FILLED\",\"externalId\":\"cp-r-1\","
                        + "\"orderId\":7535734445106535043,\"filledQty\":\"0.001\","
                        + "\"avgPrice\":\"64337.3\",\"fee\":\"0.03217\","
                        + "\"updatedAt\":1796659258950}";
        String rejected =
                "{\"requestId\":\"r-2\",\"player\":\""
                        + ALICE
                        + "\",\"day\":\"2026-12-07\",\"status\":\"REJECTED\","
                        + "\"reason\":\"daily trade already used\",\"market\":\"BTC-USD\","
                        + "\"side\":\"BUY\",\"qty\":\"0.001\",\"requestedAt\":1796659270000,"
                        + "\"updatedAt\":1796659270000}";
        // In order, then replayed out of order after the final answer (a restart re-reading the
        // topic, an answer delivered again): the row must stay FILLED with the fill's figures.
        for (String answer : List.of(accepted, submitted, filled, submitted, accepted, rejected)) {
            run.produceRaw(answer.getBytes(StandardCharsets.UTF_8));
        }
        run.produceRaw(
                "{\"requestId\":\"r-3\",\"status\":\"MAYBE\"}".getBytes(StandardCharsets.UTF_8));

        run.executeTradeRequests();

        assertThat(table(run.db.jdbcUrl(), "trade_requests"))
                .containsOnlyKeys("r-1", "r-2")
                .hasEntrySatisfying(
                        "r-1",
                        row ->
                                assertThat(row)
                                        .isEqualTo(
                                                "r-1|"
                                                        + ALICE
                                                        + "|2026-12-07|FILLED|4|null|null|BTC-USD|BUY|0.001|cp-r-1"
                                                        + "|7535734445106535043|0.001|64337.3|0.03217|"
                                                        + "2026-12-07T16:00:58.614Z|2026-12-07T16:00:58.950Z"))
                .hasEntrySatisfying(
                        "r-2",
                        row -> assertThat(row).contains("|REJECTED|4|daily trade already used|"));
        assertThat(run.deadLetters())
                .extracting(DeadLetter::getReason)
                .containsExactly("Invalid trade result: player is missing");
    }

    @Test
    void aBatchBackfillWritesWhatTheLiveRunWritesThroughACrash() throws Exception {
        Scenario scenario = Scenario.generate(11);
        Run live = new Run(3);
        live.produce(scenario.fills);
        Run backfill = live.sameInputNewDatabase();

        String failure = UUID.randomUUID().toString();
        live.execute(RuntimeExecutionMode.STREAMING, failure);
        backfill.execute(RuntimeExecutionMode.BATCH, null);

        assertThat(FailOnceSink.failures(failure)).as("a failure was injected").isEqualTo(1);
        for (String t : TABLES) {
            Map<String, String> batch = table(backfill.db.jdbcUrl(), t);
            assertThat(table(live.db.jdbcUrl(), t)).as(t).containsExactlyEntriesOf(batch);
        }
        // Nothing counted twice, nothing lost: the tables hold what applying the distinct fills
        // in (time, id) order gives.
        Map<String, String> positions = table(backfill.db.jdbcUrl(), "positions");
        assertThat(positions).hasSize(scenario.expected.size());
        for (Map.Entry<String, Position> e : scenario.expected.entrySet()) {
            Position p = e.getValue();
            assertThat(positions.get(e.getKey()))
                    .as(e.getKey())
                    .startsWith(
                            row(
                                    p.venue,
                                    p.player,
                                    p.market,
                                    plain(p.size),
                                    p.isFlat() ? null : plain(p.avgEntryPrice),
                                    plain(p.realizedPnl),
                                    plain(p.fees),
                                    plain(p.realizedPnl.subtract(p.fees)),
                                    plain(p.volume),
                                    Long.toString(p.tradeCount)));
        }
        assertThat(table(backfill.db.jdbcUrl(), "fills")).hasSize(scenario.distinct);
        assertThat(scenario.flips).as("positions flip, where order matters").isPositive();
    }

    /**
     * Random fills of 12 players over three days: taker orders that cross up to four levels in one
     * millisecond (written in random order), duplicates of earlier fills as a re-delivering source
     * writes them, and the positions expected by applying the distinct fills in order.
     */
    private static final class Scenario {
        final List<ExchangeFill> fills = new ArrayList<>();
        final Map<String, Position> expected = new TreeMap<>();
        int distinct;
        int flips;

        static Scenario generate(long seed) {
            Scenario s = new Scenario();
            Random random = new Random(seed);
            String[] markets = {"BTC-USD", "ETH-USD"};
            long id = 1_000;
            long time = T0;
            List<ExchangeFill> written = new ArrayList<>();
            while (time < T0 + 6 * DAY) {
                time += 1 + random.nextInt(1_500_000);
                String player = TradingFixtures.pubkey("player-" + random.nextInt(12));
                String market = markets[random.nextInt(2)];
                boolean buy = random.nextBoolean();
                int levels = 1 + (random.nextInt(3) == 0 ? random.nextInt(4) : 0);
                List<ExchangeFill> order = new ArrayList<>();
                for (int l = 0; l < levels; l++) {
                    String price =
                            BigDecimal.valueOf(50_000_00 + random.nextInt(2_000_00) + l * 10, 2)
                                    .toPlainString();
                    String qty = BigDecimal.valueOf(1 + random.nextInt(5_000), 4).toPlainString();
                    String fee = BigDecimal.valueOf(random.nextInt(100) - 20, 4).toPlainString();
                    order.add(avro(id++, player, market, buy, price, qty, fee, time));
                }
                Collections.shuffle(order, random);
                s.fills.addAll(order);
                written.addAll(order);
                if (random.nextInt(15) == 0) {
                    s.fills.add(written.get(random.nextInt(written.size()))); // re-delivered
                }
            }
            // Expected: distinct fills, per player in (time, venue, id) order.
            Map<String, Fill> byId = new HashMap<>();
            for (ExchangeFill f : written) {
                byId.put(f.getVenue() + ":" + f.getFillId(), Fill.of(f, "-"));
            }
            s.distinct = byId.size();
            List<Fill> ordered = new ArrayList<>(byId.values());
            ordered.sort(Fill.ORDER);
            for (Fill f : ordered) {
                Position p =
                        s.expected.computeIfAbsent(
                                f.venue + " " + f.player + " " + f.market,
                                k -> new Position(f.venue, f.player, f.market));
                int before = p.size.signum();
                p.apply(f);
                if (before != 0 && p.size.signum() == -before) {
                    s.flips++;
                }
            }
            return s;
        }
    }

    private static String plain(BigDecimal d) {
        return TradingFeed.plain(d);
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static String row(String... columns) {
        return String.join(
                "|", java.util.Arrays.stream(columns).map(c -> c == null ? "null" : c).toList());
    }

    /**
     * Every row of a trading table: key → columns joined by |, numerics without trailing zeros,
     * times as UTC instants.
     */
    static Map<String, String> table(String jdbcUrl, String table) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM trading." + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    columns.add(
                            value == null
                                    ? null
                                    : value instanceof BigDecimal d
                                            ? plain(d)
                                            : value instanceof java.sql.Timestamp ts
                                                    ? ts.toInstant().toString()
                                                    : value.toString());
                }
                String key =
                        switch (table) {
                            case "positions" ->
                                    columns.get(0) + " " + columns.get(1) + " " + columns.get(2);
                            case "daily_trades" -> columns.get(0) + " " + columns.get(1);
                            case "trade_requests" -> columns.get(0);
                            default -> columns.get(0) + " " + columns.get(1);
                        };
                rows.put(key, row(columns.toArray(new String[0])));
            }
        }
        return rows;
    }

    /** One job run: its input topic, output topics and a fresh, migrated database. */
    private static final class Run {
        final String input;
        final String feedTopic = "feed-" + UUID.randomUUID();
        final String deadLetterTopic = "dlq-" + UUID.randomUUID();
        final EmbeddedPostgres.Database db;

        Run(int partitions) {
            this(KAFKA.createTopic(partitions));
        }

        Run(String input) {
            this.input = input;
            this.db = POSTGRES.createDatabase();
            KAFKA.createTopic(feedTopic, 2);
            KAFKA.createTopic(deadLetterTopic, 1);
            Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();
        }

        Run sameInputNewDatabase() {
            return new Run(input);
        }

        /** As the fills source writes them: keyed by player, timestamped with createdTime. */
        void produce(List<ExchangeFill> fills) throws Exception {
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (ExchangeFill f : fills) {
                    producer.send(
                            new ProducerRecord<>(
                                    input,
                                    null,
                                    f.getCreatedTime().toEpochMilli(),
                                    f.getPlayer(),
                                    Topics.RAW_EXCHANGE_FILLS.serializeValue(f)));
                }
                producer.flush();
            }
        }

        void produceRaw(byte[] value) throws Exception {
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(input, "garbage", value)).get();
            }
        }

        Configuration conf(RuntimeExecutionMode mode) {
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
            conf.set(PipelineOptions.JDBC_URL, db.jdbcUrl());
            conf.set(PipelineOptions.JDBC_BATCH_SIZE, 50);
            conf.set(TradingOptions.INPUT_TOPIC, input);
            conf.set(TradingOptions.GROUP_ID, "trading-" + UUID.randomUUID());
            conf.set(TradingOptions.FEED_TOPIC, feedTopic);
            conf.set(TradingOptions.DEAD_LETTER_TOPIC, deadLetterTopic);
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

        /** Runs the answers' branch alone over everything produced to the input so far. */
        void executeTradeRequests() throws Exception {
            Configuration conf = conf(RuntimeExecutionMode.STREAMING);
            conf.set(TradingOptions.RESULTS_TOPIC, input);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1); // one partition: the answers arrive in the order produced
            var source = TradingJob.resultsSource(conf);
            source.setBounded(OffsetsInitializer.latest());
            TradingJob.buildTradeRequests(env, source.build(), TradingSinks.production(conf));
            env.execute("trade-requests");
        }

        /** Runs the job over everything produced so far. */
        void execute(RuntimeExecutionMode mode, String failureRun) throws Exception {
            Configuration conf = conf(mode);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(PARALLELISM);
            TradingSinks sinks = TradingSinks.production(conf);
            if (failureRun != null) {
                // The positions sink fails once, mid-stream, after a checkpoint: the job restarts
                // from it and replays the fills after it.
                sinks =
                        new TradingSinks(
                                sinks.fills(),
                                new FailOnceSink<>(sinks.positions(), failureRun, 150),
                                sinks.daily(),
                                sinks.feed(),
                                sinks.deadLetters(),
                                sinks.tradeRequests());
            }
            var source = TradingJob.kafkaSource(conf);
            source.setBounded(OffsetsInitializer.latest());
            // The crash run reads slowly enough (a record per 2 ms per reader) for checkpoints to
            // complete mid-stream on a fast machine too; without that an idle machine read all
            // of it before the first checkpoint, and no failure was ever injected.
            TradingJob.build(
                    env,
                    failureRun == null ? source.build() : new ThrottledSource<>(source.build(), 2),
                    sinks,
                    TradingJob.Config.from(conf));
            env.execute("trading-" + mode);
            KafkaTopics.awaitSettled(
                    KAFKA.bootstrapServers(),
                    List.of(feedTopic, deadLetterTopic),
                    Duration.ofSeconds(30));
        }

        List<FeedMessage> feed() {
            List<FeedMessage> messages = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(feedTopic)) {
                messages.add(FeedMessage.parse(new String(r.value(), StandardCharsets.UTF_8)));
            }
            return messages;
        }

        List<String> feedKeys() {
            return readAll(feedTopic).stream()
                    .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .toList();
        }

        List<DeadLetter> deadLetters() {
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(deadLetterTopic)) {
                letters.add(Topics.DLQ_TRADING.deserializeValue(r.value()));
            }
            return letters;
        }

        private static KafkaProducer<String, byte[]> producer() {
            return KafkaTopics.producer(KAFKA.bootstrapServers());
        }

        private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
            return KafkaTopics.readAll(KAFKA.bootstrapServers(), topic);
        }
    }
}
