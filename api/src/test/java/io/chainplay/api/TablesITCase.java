package io.chainplay.api;

import io.chainplay.api.auth.JwtCodec;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.PostgresExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * REST over the casino (V2) and earnings (V3) tables against a real, migrated Postgres: rows go in
 * as the jobs write them; replies are compared as JSON (amounts as strings past 2^64), pages are
 * followed by cursor to the end, and every filter and bound is checked.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "chainplay.feed.enabled=false",
            "chainplay.flink.url=",
            "chainplay.rate-limit.enabled=false",
            "chainplay.api.leaderboard-cache-ttl=2s",
            "chainplay.auth.jwt-secret=tables-itcase-secret-tables-itcase",
            "chainplay.auth.admins=" + TablesITCase.ADMIN,
        })
@DirtiesContext
class TablesITCase {

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

    static final String ADMIN = "586Z7H2vpX9qNhN2T4e9Utugie3ogjbxzGaMtM3E6HR5";
    private static final String POOL = TestKeys.of("pool-1");
    private static final String ALICE = TestKeys.of("alice");
    private static final String BOB = TestKeys.of("bob");
    private static final String BIG = "123456789012345678901234567890"; // past 2^64
    private static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
    private static EmbeddedPostgres.Database database;
    private static boolean inserted;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort private int port;
    @Autowired private JdbcClient jdbc;
    @Autowired private JwtCodec jwt;

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
    }

    private static synchronized EmbeddedPostgres.Database database() {
        if (database == null) {
            database = POSTGRES.createDatabase();
        }
        return database;
    }

    @BeforeEach
    void insertOnce() {
        if (inserted) {
            return;
        }
        inserted = true;
        jdbc.sql(
                        """
                        INSERT INTO casino.pools VALUES (:pool, :mgr, 1.5, 0.5, 0.1, 0.3, 0.2, 10.0,
                          0.001, 'Lucky Dice', 'lucky-dice', 'dice', 'ev-p', 'sig-p', 300000000,
                          300000000000000000, :t)
                        """)
                .param("pool", POOL)
                .param("mgr", BOB)
                .param("t", Timestamp.from(T0.minusSeconds(86400)))
                .update();
        jdbc.sql(
                        """
                        INSERT INTO casino.pool_stats VALUES (:pool, 10, 4, 2, :big, 500, 600, 30,
                          10, 10, 5, 5, 777, 1, 1000)
                        """)
                .param("pool", POOL)
                .param("big", new java.math.BigDecimal(BIG))
                .update();
        for (int h = 0; h < 3; h++) {
            jdbc.sql("INSERT INTO casino.pool_volume VALUES (:pool, 'hour', :t, :p, 100, 40, 60)")
                    .param("pool", POOL)
                    .param("t", Timestamp.from(T0.plusSeconds(3600L * h)))
                    .param("p", h + 1)
                    .update();
        }
        LocalDate day = LocalDate.of(2025, 6, 2);
        board("day", day, "net", ALICE, "500");
        board("day", day, "net", BOB, "900");
        board("day", day, "net", TestKeys.of("carol"), "500"); // ties break by player
        board("week", LocalDate.of(2025, 6, 2), "volume", ALICE, BIG);
        for (int i = 0; i < 5; i++) {
            jdbc.sql(
                            """
                            INSERT INTO casino.jackpots VALUES (:id, 1, :pool, :trial, :who, :amt,
                              'sig', 1, :t)
                            """)
                    .param("id", "jp-" + i)
                    .param("pool", POOL)
                    .param("trial", TestKeys.of("trial-" + i))
                    .param("who", i % 2 == 0 ? ALICE : BOB)
                    .param(
                            "amt",
                            new java.math.BigDecimal(BIG).add(java.math.BigDecimal.valueOf(i)))
                    .param("t", Timestamp.from(T0.plusSeconds(i == 4 ? 3 : i))) // two share a time
                    .update();
        }
        jdbc.sql(
                        """
                        INSERT INTO casino.anomalies VALUES ('a-1', 'qk_out_of_range', :pool,
                          'trial', :p, 'ev', :t, '{"resultIndex": "7", "k": 1.98}')
                        """)
                .param("pool", POOL)
                .param("p", ALICE)
                .param("t", Timestamp.from(T0))
                .update();
        jdbc.sql(
                        """
                        INSERT INTO earnings.players VALUES (:p, 'prog', :t, 1000, 2, :big, 10, 5, 0,
                          0, 300, 42, :t, 99, :t, :t, :t, 86400, 40, 3, 1)
                        """)
                .param("p", ALICE)
                .param("t", Timestamp.from(T0))
                .param("big", new java.math.BigDecimal(BIG))
                .update();
        for (int b = 1; b <= 2; b++) {
            jdbc.sql(
                            """
                            INSERT INTO earnings.businesses VALUES (:p, :b, :b, 0, 'TobaccoShop', 0,
                              1000, 0, 0, 1000, 200, :t, false, 5, :t, :s, null, null, null, null,
                              null, null, null)
                            """)
                    .param("p", ALICE)
                    .param("b", b)
                    .param("t", Timestamp.from(T0))
                    .param("s", b == 1 ? "active" : "sold")
                    .update();
        }
        for (int i = 0; i < 7; i++) {
            jdbc.sql(
                            """
                            INSERT INTO earnings.earnings_history VALUES (:p, :id, :type, :t, 10, 0,
                              10, 1, 100, null)
                            """)
                    .param("p", ALICE)
                    .param("id", "due:" + i)
                    .param("type", i == 6 ? "claim" : "update")
                    .param("t", Timestamp.from(T0.plusSeconds(60L * (i / 2)))) // pairs tie
                    .update();
        }
        jdbc.sql(
                        """
                        INSERT INTO earnings.reconciliation VALUES ('ev-1', 'total_pending', :p, :t,
                          5, 'sig', 100, 101, 1, 'off by one')
                        """)
                .param("p", ALICE)
                .param("t", Timestamp.from(T0))
                .update();
        jdbc.sql(
                        """
                        INSERT INTO earnings.global_stats VALUES ('prog', 'solana_mafia', 1, 1,
                          '{"TobaccoShop": 1}', :big, 1000, 42, 300, :t)
                        """)
                .param("big", new java.math.BigDecimal(BIG))
                .param("t", Timestamp.from(T0))
                .update();
    }

    @Test
    void poolsBySlugOrIdWithStatsAsStrings() throws Exception {
        JsonNode bySlug = get("/api/pools/lucky-dice", 200);
        assertThat(bySlug.path("poolId").asString()).isEqualTo(POOL);
        assertThat(bySlug.path("wagered").asString()).isEqualTo(BIG);
        assertThat(bySlug.path("jackpot").asString()).isEqualTo("777");
        assertThat(bySlug.path("probability").asDouble()).isEqualTo(0.001);
        assertThat(bySlug.path("feeSplit").toString())
                .isEqualTo(
                        "{\"fees\":\"30\",\"feeHost\":\"10\",\"feePool\":\"10\",\"feeNetwork\":\"5\",\"feeBurn\":\"5\"}");
        assertThat(get("/api/pools/" + POOL, 200)).isEqualTo(bySlug);
        assertThat(get("/api/pools", 200).path("pools").size()).isEqualTo(1);
        assertError("/api/pools/no-such-pool", 404, "pool_not_found");
        assertError("/api/pools/Bad%20Slug", 400, "invalid_pool");
        assertThat(get("/api/casino/totals", 200).path("wagered").asString()).isEqualTo(BIG);
    }

    @Test
    void volumeSeriesIsBoundedAndOrdered() throws Exception {
        JsonNode volume =
                get(
                        "/api/pools/lucky-dice/volume?granularity=hour&from=2025-06-02T00:00:00Z&to=2025-06-03T00:00:00Z",
                        200);
        assertThat(volume.path("buckets").size()).isEqualTo(3);
        assertThat(volume.path("buckets").get(0).toString())
                .isEqualTo(
                        "{\"bucketStart\":\"2025-06-02T10:00:00Z\",\"plays\":1,\"wagered\":\"100\",\"paidOut\":\"40\",\"houseProfit\":\"60\"}");
        assertError("/api/pools/lucky-dice/volume?granularity=minute", 400, "invalid_granularity");
        assertError(
                "/api/pools/lucky-dice/volume?granularity=hour&from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z",
                400,
                "invalid_range");
        assertError("/api/pools/lucky-dice/volume?from=yesterday", 400, "invalid_from");
    }

    @Test
    void servesALeaderboardFromMemoryUntilTheCacheTtlThenReadsItAgain() throws Exception {
        String url = "/api/leaderboards?pool=" + POOL + "&period=day&metric=wins&date=2025-06-10";
        assertThat(get(url, 200).path("entries").size()).isZero();

        String dave = TestKeys.of("dave");
        board("day", LocalDate.parse("2025-06-10"), "wins", dave, "7");
        assertThat(get(url, 200).path("entries").size()).isZero(); // the cached response

        // Once the entry is older than the TTL this class sets (2 s), the new row shows.
        await().pollInterval(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                get(url, 200)
                                                        .path("entries")
                                                        .path(0)
                                                        .path("player")
                                                        .asString())
                                        .isEqualTo(dave));
        // A different request (limit) is a different entry.
        assertThat(get(url + "&limit=5", 200).path("entries").size()).isEqualTo(1);
    }

    @Test
    void leaderboardRanksByValueThenPlayer() throws Exception {
        JsonNode board =
                get("/api/leaderboards?pool=lucky-dice&period=day&metric=net&date=2025-06-02", 200);
        assertThat(board.path("periodStart").asString()).isEqualTo("2025-06-02");
        List<String> order = new ArrayList<>();
        board.path("entries")
                .forEach(
                        e -> order.add(e.path("rank").asInt() + ":" + e.path("player").asString()));
        String carol = TestKeys.of("carol");
        List<String> tied = new ArrayList<>(List.of(ALICE, carol));
        tied.sort(null);
        assertThat(order).containsExactly("1:" + BOB, "2:" + tied.get(0), "3:" + tied.get(1));

        // The ISO week of Wednesday 2025-06-04 starts on Monday 2025-06-02.
        JsonNode week =
                get(
                        "/api/leaderboards?pool="
                                + POOL
                                + "&period=week&metric=volume&date=2025-06-04",
                        200);
        assertThat(week.path("entries").get(0).path("value").asString()).isEqualTo(BIG);

        JsonNode places = get("/api/players/" + ALICE + "/leaderboards", 200);
        assertThat(places.path("places").size()).isEqualTo(2);
        for (JsonNode place : places.path("places")) {
            assertThat(place.path("rank").asLong())
                    .isEqualTo(
                            place.path("metric").asString().equals("net")
                                    ? (ALICE.compareTo(carol) < 0 ? 2 : 3)
                                    : 1);
        }
        assertError("/api/leaderboards?pool=lucky-dice&period=month", 400, "invalid_period");
        assertError("/api/leaderboards?pool=lucky-dice&metric=luck", 400, "invalid_metric");
        assertError("/api/leaderboards?pool=lucky-dice&date=June", 400, "invalid_date");
        assertError("/api/leaderboards?pool=lucky-dice&limit=101", 400, "invalid_limit");
        assertError("/api/leaderboards", 400, "bad_request");
    }

    @Test
    void jackpotPagesFollowTheCursorToTheEnd() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page =
                    get("/api/jackpots?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), 200);
            page.path("jackpots").forEach(j -> seen.add(j.path("eventId").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        // Newest first; jp-3 and jp-4 share a time and break the tie by id, descending.
        assertThat(seen).containsExactly("jp-4", "jp-3", "jp-2", "jp-1", "jp-0");
        assertThat(get("/api/jackpots?receiver=" + BOB, 200).path("jackpots").size()).isEqualTo(2);
        assertError("/api/jackpots?cursor=garbage!", 400, "invalid_cursor");
    }

    @Test
    void earningsPlayerBusinessesAndHistoryPages() throws Exception {
        JsonNode player = get("/api/earnings/players/" + ALICE, 200);
        assertThat(player.path("totalInvested").asString()).isEqualTo(BIG);
        assertThat(player.path("nextEarningsTime").asString()).isEqualTo("2025-06-02T10:00:00Z");
        assertError("/api/earnings/players/" + BOB, 404, "player_not_found");

        assertThat(
                        get("/api/earnings/players/" + ALICE + "/businesses", 200)
                                .path("businesses")
                                .size())
                .isEqualTo(2);
        assertThat(
                        get("/api/earnings/players/" + ALICE + "/businesses?status=sold", 200)
                                .path("businesses")
                                .get(0)
                                .path("businessNo")
                                .asInt())
                .isEqualTo(2);

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page =
                    get(
                            "/api/earnings/players/"
                                    + ALICE
                                    + "/history?limit=3"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            200);
            page.path("history").forEach(h -> ids.add(h.path("entryId").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(ids)
                .containsExactly("due:6", "due:5", "due:4", "due:3", "due:2", "due:1", "due:0");
        assertThat(get("/api/earnings/history?type=claim", 200).path("history").size())
                .isEqualTo(1);
        assertError("/api/earnings/history?type=bonus", 400, "invalid_type");

        JsonNode stats = get("/api/earnings/stats", 200);
        assertThat(stats.path("games").get(0).path("businessesByType").toString())
                .isEqualTo("{\"TobaccoShop\":1}");
        assertThat(stats.path("topPending").get(0).path("player").asString()).isEqualTo(ALICE);
    }

    @Test
    void adminTablesNeedAnAdminToken() throws Exception {
        assertError("/api/admin/anomalies", 401, "unauthorized");
        String token =
                jwt.issue(
                        Map.of("walletAddress", ADMIN, "playerId", "p"),
                        Instant.now().plusSeconds(600));
        JsonNode anomalies = get("/api/admin/anomalies?kind=qk_out_of_range", 200, token);
        assertThat(anomalies.path("anomalies").get(0).path("details").toString())
                .isEqualTo("{\"k\":1.98,\"resultIndex\":\"7\"}"); // jsonb orders keys
        JsonNode checks = get("/api/admin/reconciliation?mismatches=true", 200, token);
        assertThat(checks.path("checks").get(0).path("difference").asString()).isEqualTo("1");
        String player =
                jwt.issue(
                        Map.of("walletAddress", ALICE, "playerId", "p"),
                        Instant.now().plusSeconds(600));
        assertThat(status("/api/admin/reconciliation", player)).isEqualTo(403);
    }

    // --- helpers

    private void board(String period, LocalDate start, String metric, String player, String value) {
        jdbc.sql(
                        "INSERT INTO casino.leaderboard_entries VALUES (:pool, :period, :start, :metric, :player, :value)")
                .param("pool", POOL)
                .param("period", period)
                .param("start", start)
                .param("metric", metric)
                .param("player", player)
                .param("value", new java.math.BigDecimal(value))
                .update();
    }

    private JsonNode get(String path, int status) throws Exception {
        return get(path, status, null);
    }

    private JsonNode get(String path, int status, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private int status(String path, String token) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void assertError(String path, int status, String code) throws Exception {
        JsonNode body = get(path, status);
        assertThat(body.path("code").asString()).as(path).isEqualTo(code);
    }
}
