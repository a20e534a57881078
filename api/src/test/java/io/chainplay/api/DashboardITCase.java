package io.chainplay.api;

import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.embedded.junit.PostgresExtension;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /} in a real headless Chromium (Debian's {@code /usr/bin/chromium},
 * driven by playwright-core from npm): a bet produced into Kafka appears on the page within 10 s,
 * and a screenshot is saved as {@code target/dashboard.png}.
 *
 * <p>Needs Chromium and Node.js on the machine ({@code .ci/run} installs Chromium when it is
 * missing); the test fails, rather than skips, without them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chainplay.flink.url=", "chainplay.feed.topic-refresh=500ms"})
@DirtiesContext
class DashboardITCase {

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.forked();

    static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path E2E_SOURCES = Path.of("src/test/e2e");
    static final Path E2E = Path.of("target/e2e");
    static final Path SCREENSHOT = Path.of("target/dashboard.png");

    private static final String PLAYER = TestKeys.of("dashboard-player");
    private static final String POOL = TestKeys.of("dashboard-pool");
    private static final String TRADER = TestKeys.of("dashboard-trader");
    private static EmbeddedPostgres.Database database;
    private static String bootstrap;

    @LocalServerPort private int port;
    @Autowired private JdbcClient jdbc;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("chainplay.kafka.bootstrap-servers", DashboardITCase::kafka);
    }

    private static synchronized EmbeddedPostgres.Database database() {
        if (database == null) {
            database = POSTGRES.createDatabase();
        }
        return database;
    }

    private static synchronized String kafka() {
        if (bootstrap == null) {
            KAFKA.createTopic("feed.casino", 2);
            KAFKA.createTopic("feed.trades", 1);
            bootstrap = KAFKA.bootstrapServers();
        }
        return bootstrap;
    }

    @Test
    void aBetProducedIntoKafkaAppearsOnThePageWithinTenSeconds() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as(CHROMIUM + " is missing: apt-get install -y chromium (.ci/run does)")
                .isTrue();
        seedTables();
        installPlaywright();
        Files.deleteIfExists(SCREENSHOT);

        Process browser =
                new ProcessBuilder(
                                "node",
                                E2E.resolve("dashboard.mjs").toString(),
                                "http://localhost:" + port + "/",
                                SCREENSHOT.toAbsolutePath().toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    browser.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (IOException e) {
                                // the process ended
                            }
                        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(lines.poll(60, TimeUnit.SECONDS))
                    .as("the page loaded and its feed connected")
                    .isEqualTo("READY");

            String trial = TestKeys.of("trial-" + System.nanoTime());
            produce(
                    PLAYER,
                    "{\"type\":\"bet.placed\",\"data\":{\"signature\":\"5sigDashboard\",\"player\":\""
                            + PLAYER
                            + "\",\"amount\":\"2500000000\",\"trialId\":\""
                            + trial
                            + "\",\"poolId\":\""
                            + POOL
                            + "\"},\"timestamp\":"
                            + System.currentTimeMillis()
                            + ",\"id\":\"solana:5sigDashboard:0:0\"}");
            String fill = "trade:extended:" + System.nanoTime();
            produce(
                    "feed.trades",
                    TRADER,
                    "{\"type\":\"trade.filled\",\"data\":{\"player\":\""
                            + TRADER
                            + "\",\"venue\":\"extended\",\"fillId\":106,\"market\":\"BTC-USD\","
                            + "\"side\":\"SELL\",\"price\":\"59900\",\"qty\":\"0.5\","
                            + "\"value\":\"29950\",\"fee\":\"1.5\",\"isTaker\":true,"
                            + "\"tradeType\":\"TRADE\",\"realizedPnl\":\"-220\","
                            + "\"positionSize\":\"-0.3\",\"avgEntryPrice\":\"59900\","
                            + "\"tradeCount\":6},\"timestamp\":"
                            + System.currentTimeMillis()
                            + ",\"id\":\""
                            + fill
                            + "\"}");
            long produced = System.nanoTime();
            try (Writer stdin =
                    new java.io.OutputStreamWriter(
                            browser.getOutputStream(), StandardCharsets.UTF_8)) {
                // The trader leads the seeded trading leaderboard.
                stdin.write(trial + " " + fill + " " + TRADER + "\n");
            }
            String seen = lines.poll(15, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - produced) / 1_000_000;
            assertThat(seen).as("the bet row appeared").startsWith("SEEN ");
            assertThat(millis).as("ms from produce to the row on the page").isLessThan(10_000);
            assertThat(lines.poll(25, TimeUnit.SECONDS))
                    .as("the fill and the top trader appeared")
                    .startsWith("TRADE ");
            assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("SHOT");
            assertThat(browser.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(browser.exitValue()).isZero();
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        } finally {
            browser.destroyForcibly();
        }
    }

    // npm ci into target/e2e once (the lock file pins playwright-core); no browser download.
    private static void installPlaywright() throws Exception {
        Files.createDirectories(E2E);
        for (String file : List.of("package.json", "package-lock.json", "dashboard.mjs")) {
            Files.copy(
                    E2E_SOURCES.resolve(file),
                    E2E.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(E2E.resolve("node_modules/playwright-core"))) {
            return;
        }
        Process npm =
                new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(E2E.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci in " + E2E).isZero();
    }

    // Something to look at besides the live row: a settled bet, and, where the casino (V2) and
    // earnings (V3) tables exist, a pool with a day of volume, a leaderboard and earnings stats.
    private void seedTables() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        jdbc.sql(
                        """
                        INSERT INTO casino.bets (trial_id, pool_id, player, wager, qk, extra_data_hash,
                          status, payout, won, registered_event_id, registered_signature,
                          registered_slot, registered_at, resolved_at)
                        VALUES (:trial, :pool, :player, 1000000000, '[[0.5, 1.98], [0.5, 0]]', '00',
                          'settled', 1980000000, true, 'ev-seed', 'sig-seed', 1, :t, :t)
                        """)
                .param("trial", TestKeys.of("seed-trial"))
                .param("pool", POOL)
                .param("player", TestKeys.of("seed-player"))
                .param("t", Timestamp.from(Instant.now().minusSeconds(30)))
                .update();
        if (tableExists("casino", "pools")) {
            jdbc.sql(
                            """
                            INSERT INTO casino.pools VALUES (:pool, :mgr, 1, 1, 1, 0.3, 0.2, 1, 0.001,
                              'Lucky Dice', 'lucky-dice', 'dice', 'ev', 'sig', 1, 1, :t)
                            """)
                    .param("pool", POOL)
                    .param("mgr", PLAYER)
                    .param("t", Timestamp.from(now.minusSeconds(86400)))
                    .update();
            jdbc.sql(
                            """
                            INSERT INTO casino.pool_stats VALUES (:pool, 1280, 611, 214,
                              4210000000000, 4120000000000, 90000000000, 1200000000, 400000000,
                              400000000, 200000000, 200000000, 35000000000, 3, 12000000000)
                            """)
                    .param("pool", POOL)
                    .update();
            for (int h = 0; h < 24; h++) {
                long wagered =
                        40_000_000_000L
                                + (long) (Math.sin(h / 3.0) * 25_000_000_000L)
                                + h * 3_000_000_000L;
                jdbc.sql(
                                "INSERT INTO casino.pool_volume VALUES (:pool, 'hour', :t, :p, :w, :o, :h)")
                        .param("pool", POOL)
                        .param("t", Timestamp.from(now.minusSeconds(3600L * (23 - h))))
                        .param("p", 40 + h)
                        .param("w", wagered)
                        .param("o", wagered * 97 / 100)
                        .param("h", wagered * 3 / 100)
                        .update();
            }
            LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC);
            for (int i = 0; i < 8; i++) {
                jdbc.sql(
                                "INSERT INTO casino.leaderboard_entries VALUES (:pool, 'day', :d, 'net', :p, :v)")
                        .param("pool", POOL)
                        .param("d", today)
                        .param("p", TestKeys.of("leader-" + i))
                        .param("v", 9_000_000_000L / (i + 1))
                        .update();
            }
        }
        // Trading (V5): a leaderboard of six traders, TRADER first.
        for (int i = 0; i < 6; i++) {
            jdbc.sql(
                            """
                            INSERT INTO trading.positions (venue, player, market, size,
                              avg_entry_price, realized_pnl, fees, volume, trade_count,
                              last_fill_id, opened_at, updated_at)
                            VALUES ('extended', :p, 'BTC-USD', 0, NULL, :r, 1.5, :v, 4, :f,
                              NULL, now())
                            """)
                    .param("p", i == 0 ? TRADER : TestKeys.of("trader-" + i))
                    .param("r", new java.math.BigDecimal(4200 - 900 * i + ".25"))
                    .param("v", 50_000 + 10_000 * i)
                    .param("f", 100 + i)
                    .update();
        }
        if (tableExists("earnings", "global_stats")) {
            jdbc.sql(
                            """
                            INSERT INTO earnings.global_stats VALUES ('GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU',
                              'solana_mafia', 300, 742, '{"TobaccoShop": 300}', 812000000000,
                              640000000000, 12500000000, 98000000000, now())
                            """)
                    .update();
        }
    }

    private boolean tableExists(String schema, String table) {
        return jdbc.sql("SELECT to_regclass(:name) IS NOT NULL")
                .param("name", schema + "." + table)
                .query(Boolean.class)
                .single();
    }

    private static void produce(String key, String value) throws Exception {
        produce("feed.casino", key, value);
    }

    private static void produce(String topic, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }
}
