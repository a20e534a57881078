package io.chainplay.api;

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

import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service over HTTP against a real Postgres: Flyway migrates a fresh database at start,
 * rows go in with JDBC as the casino job would write them, and the replies are compared as JSON
 * trees, so a number where a string belongs (or the reverse) fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // the database dies with this class; its pool must not be reused by another
class ApiITCase {

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final String ALICE = TestKeys.of("alice");
    private static final String BOB = TestKeys.of("bob");
    private static final String CAROL = TestKeys.of("carol");
    private static final String NOBODY = TestKeys.of("nobody");
    private static final String POOL_A = "PoolA" + TestKeys.of("pool-a").substring(5);
    private static final String POOL_B = "PoolB" + TestKeys.of("pool-b").substring(5);

    private static final String U64_MAX = "18446744073709551615";
    private static final String TWO_TO_64 = "18446744073709551616";
    private static final String TEN_TO_30 = "1000000000000000000000000000000";
    // 78 digits: the widest value numeric(78,0) holds.
    private static final String SEVENTY_EIGHT_NINES = "9".repeat(78);

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final int FILLER_BETS = 22;

    private static EmbeddedPostgres.Database database;
    private static boolean inserted;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort private int port;
    @Autowired private JdbcClient jdbc;

    // Called when the context starts, which is after the extension has started the server.
    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().user());
        registry.add("spring.datasource.password", () -> database().password());
        // REST only here: FeedITCase runs the relay against a real Kafka.
        registry.add("chainplay.feed.enabled", () -> "false");
        registry.add("chainplay.flink.url", () -> "");
    }

    private static synchronized EmbeddedPostgres.Database database() {
        if (database == null) {
            database = POSTGRES.createDatabase();
        }
        return database;
    }

    // Once per class, but after Flyway: the context (and so the schema) exists only once a test
    // instance does, which is after the extension's beforeAll started Postgres. A PER_CLASS
    // lifecycle would build the context before Postgres is up.
    @BeforeEach
    void insertRowsOnce() {
        if (inserted) {
            return;
        }
        inserted = true;
        // Stats: Alice in two pools (amounts past 2^64 once summed), Bob with a 78-digit amount.
        stats(ALICE, POOL_A, 3, 1, 1, 1, U64_MAX, TWO_TO_64, "1");
        stats(
                ALICE,
                POOL_B,
                2,
                0,
                2,
                0,
                TEN_TO_30,
                "250000000000000000000000000000",
                "-750000000000000000000000000000");
        stats(BOB, POOL_A, 1, 1, 0, 0, "1", SEVENTY_EIGHT_NINES, "9".repeat(77) + "8");
        // What is not a sum, for Alice in pool A only (pool B keeps the columns' defaults).
        jdbc.sql(
                        """
                        UPDATE casino.player_stats
                        SET biggest_win = 1, biggest_win_trial = 'won', current_streak = -1,
                            best_streak = 1, first_seen = ?, last_seen = ?
                        WHERE player = ? AND pool_id = ?
                        """)
                .params(
                        java.sql.Timestamp.from(T0.plusSeconds(10)),
                        java.sql.Timestamp.from(T0.plusSeconds(50)),
                        ALICE,
                        POOL_A)
                .update();

        // Bets. "won" is settled; "open" is unresolved; "tie-3"/"tie-2" share registered_at so
        // trial_id DESC decides; "old" is Alice's oldest; Carol's fillers are older still.
        settledBet("won", ALICE, T0.plusSeconds(10));
        placedBet("open", BOB, T0.plusSeconds(20));
        placedBet("tie-2", ALICE, T0.plusSeconds(30));
        placedBet("tie-3", BOB, T0.plusSeconds(30));
        placedBet("old", ALICE, T0.plusSeconds(5));
        for (int i = 0; i < FILLER_BETS; i++) {
            placedBet("filler-" + (100 + i), CAROL, T0.minusSeconds(60L * (i + 1)));
        }
    }

    @Test
    void healthIsUp() throws Exception {
        Reply reply = get("/health");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body)
                .isEqualTo(
                        tree(
                                """
                                {"status":"UP","components":{"db":{"status":"UP"},
                                 "kafka":{"status":"DISABLED",
                                  "reason":"the feed relay is off (chainplay.feed.enabled=false)"},
                                 "flink":{"status":"DISABLED",
                                  "reason":"chainplay.flink.url (CHAINPLAY_FLINK_URL) is not set"}}}
                                """));
    }

    @Test
    void flywayMigratedTheDatabase() {
        assertThat(
                        jdbc.sql(
                                        "SELECT count(*) FROM flyway_schema_history"
                                                + " WHERE success AND script LIKE 'V1\\_\\_%'")
                                .query(Long.class)
                                .single())
                .isEqualTo(1L);
    }

    @Test
    void playerStatsSumAllPoolsAndKeepAmountsAsStrings() throws Exception {
        Reply reply = get("/api/players/" + ALICE + "/stats");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.contentType).startsWith("application/json");
        assertThat(reply.body)
                .isEqualTo(
                        tree(
                                """
                                {"player": "%s",
                                 "totals": {"bets": 5, "wins": 1, "losses": 3, "pushes": 1,
                                   "wagered": "1000000000018446744073709551615",
                                   "paidOut": "250000000018446744073709551616",
                                   "net": "-749999999999999999999999999999"},
                                 "pools": [
                                   {"poolId": "%s", "bets": 3, "wins": 1, "losses": 1, "pushes": 1,
                                    "wagered": "18446744073709551615",
                                    "paidOut": "18446744073709551616", "net": "1",
                                    "biggestWin": "1", "biggestWinTrial": "won",
                                    "currentStreak": -1, "bestStreak": 1,
                                    "firstSeen": "2025-06-01T12:00:10Z",
                                    "lastSeen": "2025-06-01T12:00:50Z"},
                                   {"poolId": "%s", "bets": 2, "wins": 0, "losses": 2, "pushes": 0,
                                    "wagered": "1000000000000000000000000000000",
                                    "paidOut": "250000000000000000000000000000",
                                    "net": "-750000000000000000000000000000",
                                    "biggestWin": null, "biggestWinTrial": null,
                                    "currentStreak": 0, "bestStreak": 0,
                                    "firstSeen": null, "lastSeen": null}]}
                                """
                                        .formatted(ALICE, POOL_A, POOL_B)));
        // The sums above, computed independently.
        assertThat(new BigInteger(U64_MAX).add(new BigInteger(TEN_TO_30)))
                .hasToString("1000000000018446744073709551615");
    }

    @Test
    void seventyEightDigitAmountsRoundTrip() throws Exception {
        Reply reply = get("/api/players/" + BOB + "/stats");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.get("totals").get("paidOut").isString()).isTrue();
        assertThat(reply.body.get("totals").get("paidOut").asString())
                .isEqualTo(SEVENTY_EIGHT_NINES);
        assertThat(reply.body.get("pools").get(0).get("net").asString())
                .isEqualTo("9".repeat(77) + "8");
    }

    @Test
    void unknownPlayerIs404() throws Exception {
        Reply reply = get("/api/players/" + NOBODY + "/stats");

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.body)
                .isEqualTo(
                        error(
                                "player_not_found",
                                "No casino stats for player " + NOBODY + " (no settled bets)"));
    }

    @Test
    void malformedWalletIs400() throws Exception {
        Reply reply = get("/api/players/0xdeadbeef/stats");

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body)
                .isEqualTo(
                        error(
                                "invalid_wallet",
                                "Wallet must be a Solana public key (base58 of 32 bytes), got"
                                        + " '0xdeadbeef'"));
    }

    @Test
    void betsAreNewestFirstWithTheDefaultLimit() throws Exception {
        Reply reply = get("/api/bets");

        assertThat(reply.status).isEqualTo(200);
        List<String> expected = new ArrayList<>(List.of("tie-3", "tie-2", "open", "won", "old"));
        for (int i = 0; i < 20 - 5; i++) {
            expected.add("filler-" + (100 + i));
        }
        assertThat(trialIds(reply)).containsExactlyElementsOf(expected);
    }

    @Test
    void aSettledAndAnUnresolvedBetInFull() throws Exception {
        JsonNode bets = get("/api/bets?limit=4").body.get("bets");

        assertThat(bets.get(2))
                .isEqualTo(
                        tree(
                                """
                                {"trialId": "open", "poolId": "%s", "player": "%s",
                                 "wager": "1000", "qk": [[0.5, 2.0], [0.5, 0.0]],
                                 "extraDataHash": "hash-open", "status": "placed",
                                 "resultIndex": null, "randomness": null, "resultK": null,
                                 "payout": null, "deltaAmount": null, "won": null,
                                 "registeredSignature": "sig-open", "registeredSlot": 300000020,
                                 "registeredAt": "2025-06-01T12:00:20.123456Z",
                                 "resolvedSignature": null, "resolvedSlot": null,
                                 "resolvedAt": null, "expiredAt": null}
                                """
                                        .formatted(POOL_A, BOB)));
        assertThat(bets.get(3))
                .isEqualTo(
                        tree(
                                """
                                {"trialId": "won", "poolId": "%s", "player": "%s",
                                 "wager": "18446744073709551615",
                                 "qk": [[0.25, 4.5], [0.75, 0.0]],
                                 "extraDataHash": "hash-won", "status": "settled",
                                 "resultIndex": "18446744073709551615",
                                 "randomness": 0.123456789, "resultK": 4.5,
                                 "payout": "83010348331692982267",
                                 "deltaAmount": "64563604257983430652", "won": true,
                                 "registeredSignature": "sig-won", "registeredSlot": 300000010,
                                 "registeredAt": "2025-06-01T12:00:10.123456Z",
                                 "resolvedSignature": "sig-won-resolved",
                                 "resolvedSlot": 300000012,
                                 "resolvedAt": "2025-06-01T12:00:12Z", "expiredAt": null}
                                """
                                        .formatted(POOL_A, ALICE)));
    }

    @Test
    void limitCutsTheList() throws Exception {
        assertThat(trialIds(get("/api/bets?limit=2"))).containsExactly("tie-3", "tie-2");
        assertThat(trialIds(get("/api/bets?limit=100"))).hasSize(5 + FILLER_BETS);
    }

    @Test
    void playerFilter() throws Exception {
        assertThat(trialIds(get("/api/bets?player=" + ALICE)))
                .containsExactly("tie-2", "won", "old");
        assertThat(trialIds(get("/api/bets?player=" + CAROL + "&limit=100"))).hasSize(FILLER_BETS);
        assertThat(trialIds(get("/api/bets?player=" + NOBODY))).isEmpty();
    }

    @Test
    void badParametersAre400() throws Exception {
        Reply limit = get("/api/bets?limit=101");
        assertThat(limit.status).isEqualTo(400);
        assertThat(limit.body)
                .isEqualTo(
                        error(
                                "invalid_limit",
                                "Parameter 'limit' must be between 1 and 100, got 101"));

        Reply notANumber = get("/api/bets?limit=ten");
        assertThat(notANumber.status).isEqualTo(400);
        assertThat(notANumber.body)
                .isEqualTo(
                        error("invalid_limit", "Parameter 'limit' must be an integer, got 'ten'"));

        Reply player = get("/api/bets?player=alice");
        assertThat(player.status).isEqualTo(400);
        assertThat(player.body.get("code").asString()).isEqualTo("invalid_player");
    }

    @Test
    void unknownRoutesAndMethodsAreJson() throws Exception {
        Reply route = get("/api/nope");
        assertThat(route.status).isEqualTo(404);
        assertThat(route.body).isEqualTo(error("not_found", "No endpoint GET /api/nope"));

        HttpResponse<String> post =
                http.send(
                        HttpRequest.newBuilder(uri("/api/bets"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(tree(post.body()))
                .isEqualTo(error("method_not_allowed", "Method 'POST' is not supported."));
    }

    @Test
    void requestsTomcatRefusesAreJsonToo() throws Exception {
        // An encoded slash never reaches Spring: Tomcat refuses it and JsonErrorReportValve
        // answers.
        Reply slash = get("/api/players/%2F/stats");
        assertThat(slash.status).isEqualTo(400);
        assertThat(slash.contentType).startsWith("application/json");
        assertThat(slash.body)
                .isEqualTo(
                        error(
                                "bad_request",
                                "Bad Request (refused by the web server before reaching the API)"));

        // A bad %-escape in the query fails when Spring reads the parameter. (java.net.URI
        // refuses to build such a request, hence the raw socket.)
        Reply query = rawGet("/api/bets?limit=%zz");
        assertThat(query.status).isEqualTo(400);
        assertThat(query.body)
                .isEqualTo(
                        error("bad_request", "The query string is malformed (invalid %-encoding)"));
    }

    // --- rows, as the casino job writes them ---

    private void stats(
            String player,
            String pool,
            long bets,
            long wins,
            long losses,
            long pushes,
            String wagered,
            String paidOut,
            String net) {
        jdbc.sql(
                        """
                        INSERT INTO casino.player_stats
                          (player, pool_id, bets, wins, losses, pushes, wagered, paid_out, net)
                        VALUES (?, ?, ?, ?, ?, ?, ?::numeric, ?::numeric, ?::numeric)
                        """)
                .params(player, pool, bets, wins, losses, pushes, wagered, paidOut, net)
                .update();
    }

    private void placedBet(String trialId, String player, Instant registeredAt) {
        jdbc.sql(
                        """
                        INSERT INTO casino.bets
                          (trial_id, pool_id, player, wager, qk, extra_data_hash, status,
                           registered_event_id, registered_signature, registered_slot,
                           registered_at)
                        VALUES (?, ?, ?, 1000, '[[0.5, 2.0], [0.5, 0.0]]', ?, 'placed', ?, ?, ?,
                                ?::timestamptz)
                        """)
                .params(
                        trialId,
                        POOL_A,
                        player,
                        "hash-" + trialId,
                        "event-" + trialId,
                        "sig-" + trialId,
                        300_000_000L + registeredAt.getEpochSecond() - T0.getEpochSecond(),
                        // microseconds survive the round trip
                        registeredAt.plusNanos(123_456_000).toString())
                .update();
    }

    private void settledBet(String trialId, String player, Instant registeredAt) {
        placedBet(trialId, player, registeredAt);
        // payout = floor(wager * 4.5) for wager = 2^64 - 1
        jdbc.sql(
                        """
                        UPDATE casino.bets SET
                          wager = 18446744073709551615, qk = '[[0.25, 4.5], [0.75, 0.0]]',
                          status = 'settled', result_index = 18446744073709551615,
                          randomness = 0.123456789, result_k = 4.5,
                          payout = 83010348331692982267, delta_amount = 64563604257983430652,
                          won = true, resolved_event_id = ?, resolved_signature = ?,
                          resolved_slot = ?, resolved_at = ?::timestamptz
                        WHERE trial_id = ?
                        """)
                .params(
                        "event-" + trialId + "-resolved",
                        "sig-" + trialId + "-resolved",
                        300_000_012L,
                        T0.plusSeconds(12).toString(),
                        trialId)
                .update();
    }

    // --- HTTP and JSON ---

    private record Reply(int status, String contentType, JsonNode body) {}

    private Reply get(String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                tree(response.body()));
    }

    /** An HTTP/1.0 GET written by hand, so the reply is neither chunked nor kept alive. */
    private Reply rawGet(String target) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(
                            ("GET " + target + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            String reply =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = reply.indexOf("\r\n\r\n");
            String head = reply.substring(0, headersEnd);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            String contentType =
                    head.lines()
                            .filter(line -> line.toLowerCase().startsWith("content-type:"))
                            .map(line -> line.substring("content-type:".length()).trim())
                            .findFirst()
                            .orElse("");
            return new Reply(status, contentType, tree(reply.substring(headersEnd + 4)));
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private JsonNode tree(String text) {
        return json.readTree(text);
    }

    private JsonNode error(String code, String message) {
        return json.createObjectNode().put("code", code).put("message", message);
    }

    private static List<String> trialIds(Reply reply) {
        assertThat(reply.status).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.body.get("bets").forEach(bet -> ids.add(bet.get("trialId").asString()));
        return ids;
    }
}
