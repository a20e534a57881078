package io.chainplay.api.trading;

import io.chainplay.api.TestKeys;
import io.chainplay.api.auth.JwtCodec;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.embedded.junit.PostgresExtension;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trading endpoints against a real, migrated Postgres (rows inserted as the trading job writes
 * them, replies compared as exact JSON) and a real Kafka 3.9 broker in a child JVM ({@code POST
 * /api/trades} read back from {@code wf.trade.requests}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "chainplay.feed.enabled=false",
            "chainplay.flink.url=",
            "chainplay.auth.jwt-secret=trading-itcase-secret-trading-itcase",
            // Small enough for one test to reach, large enough for the others' requests.
            "chainplay.rate-limit.api-per-wallet.requests=1",
            "chainplay.rate-limit.api-per-wallet.per=1m",
            "chainplay.rate-limit.api-per-wallet.burst=12",
        })
@DirtiesContext
class TradingITCase {

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.forked();

    private static final String TOPIC = "wf.trade.requests";
    private static final String ALICE = TestKeys.of("trading-alice");
    private static final String BOB = TestKeys.of("trading-bob");
    private static final String CAROL = TestKeys.of("trading-carol");
    private static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
    private static EmbeddedPostgres.Database database;
    private static String bootstrap;
    private static boolean inserted;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort private int port;
    @Autowired private JdbcClient jdbc;
    @Autowired private JwtCodec jwt;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("chainplay.kafka.bootstrap-servers", TradingITCase::kafka);
    }

    private static synchronized EmbeddedPostgres.Database database() {
        if (database == null) {
            database = POSTGRES.createDatabase();
        }
        return database;
    }

    private static synchronized String kafka() {
        if (bootstrap == null) {
            KAFKA.createTopic(TOPIC, 2);
            bootstrap = KAFKA.bootstrapServers();
        }
        return bootstrap;
    }

    @BeforeEach
    void insertOnce() {
        if (inserted) {
            return;
        }
        inserted = true;
        // Alice: an open BTC long, a closed ETH trade (+200) and a short on a second venue.
        position("extended", ALICE, "BTC-USD", "0.8", "60037.5", "0", "1.2", "48030", 2, 102, 0, 1);
        position("extended", ALICE, "ETH-USD", "0", null, "200", "3.05", "12200", 2, 104, -1, 2);
        position("paradex", ALICE, "ETH-USD", "-1", "3100", "0", "0.5", "3100", 1, 104, 2, 2);
        // Bob trades the most, Carol ties Alice on net PnL (195.25): the wallet breaks the tie.
        position("extended", BOB, "BTC-USD", "0", null, "150.5", "0.25", "100000", 4, 201, -1, 5);
        position("extended", CAROL, "SOL-USD", "0", null, "195.5", "0.25", "10", 2, 301, -1, 6);

        fill("extended", 101, "BTC-USD", "BUY", "60000", "0.5", "30000", "0.75", 0, "0", "0.5");
        fill("extended", 102, "BTC-USD", "BUY", "60100", "0.3", "18030", "0.45", 1, "0", "0.8");
        fill("extended", 103, "ETH-USD", "BUY", "3000", "2", "6000", "1.5", 1, "0", "2");
        fill("extended", 104, "ETH-USD", "SELL", "3100", "2", "6200", "1.55", 2, "200", "0");
        fill("paradex", 104, "ETH-USD", "SELL", "3100", "1", "3100", "0.5", 2, "0", "-1");

        day(ALICE, LocalDate.of(2025, 6, 1), 1, "30000", "0.75", "0", 101, T0.minusSeconds(86400));
        day(ALICE, LocalDate.of(2025, 6, 2), 4, "33330", "4", "200", 102, T0.plusSeconds(1));
        day(ALICE, LocalDate.of(2025, 7, 15), 1, "5", "0.01", "-1.5", 900, T0.plusSeconds(99));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        day(BOB, today.minusDays(3), 1, "1", "0", "0", 202, T0);
        day(BOB, today.minusDays(40), 1, "1", "0", "0", 203, T0);
    }

    @Test
    void positionsWithTotalsAsExactDecimals() throws Exception {
        assertThat(get("/api/trading/players/" + ALICE + "/positions", 200).toString())
                .isEqualTo(
                        ("{'player':'%s','totals':{'markets':3,'openPositions':2,'realizedPnl':'200',"
                                        + "'fees':'4.75','netPnl':'195.25','volume':'63330','tradeCount':5},"
                                        + "'positions':["
                                        + "{'venue':'extended','market':'BTC-USD','size':'0.8',"
                                        + "'avgEntryPrice':'60037.5','realizedPnl':'0','fees':'1.2',"
                                        + "'netPnl':'-1.2','volume':'48030','tradeCount':2,"
                                        + "'lastFillId':102,'openedAt':'2025-06-02T10:00:00Z',"
                                        + "'updatedAt':'2025-06-02T10:00:01Z'},"
                                        + "{'venue':'extended','market':'ETH-USD','size':'0',"
                                        + "'avgEntryPrice':null,'realizedPnl':'200','fees':'3.05',"
                                        + "'netPnl':'196.95','volume':'12200','tradeCount':2,"
                                        + "'lastFillId':104,'openedAt':null,"
                                        + "'updatedAt':'2025-06-02T10:00:02Z'},"
                                        + "{'venue':'paradex','market':'ETH-USD','size':'-1',"
                                        + "'avgEntryPrice':'3100','realizedPnl':'0','fees':'0.5',"
                                        + "'netPnl':'-0.5','volume':'3100','tradeCount':1,"
                                        + "'lastFillId':104,'openedAt':'2025-06-02T10:00:02Z',"
                                        + "'updatedAt':'2025-06-02T10:00:02Z'}]}")
                                .formatted(ALICE)
                                .replace('\'', '"'));
        String nobody = TestKeys.of("trading-nobody");
        assertThat(get("/api/trading/players/" + nobody + "/positions", 200).toString())
                .isEqualTo(
                        ("{'player':'%s','totals':{'markets':0,'openPositions':0,'realizedPnl':'0',"
                                        + "'fees':'0','netPnl':'0','volume':'0','tradeCount':0},"
                                        + "'positions':[]}")
                                .formatted(nobody)
                                .replace('\'', '"'));
        assertError("/api/trading/players/not-a-wallet/positions", 400, "invalid_wallet");
        // Base58 of 31 bytes, of a key's length, is not a key either.
        byte[] short31 = new byte[31];
        java.util.Arrays.fill(short31, (byte) 0xff);
        assertThat(TestKeys.encode(short31)).hasSizeGreaterThanOrEqualTo(32);
        assertError(
                "/api/trading/players/" + TestKeys.encode(short31) + "/positions",
                400,
                "invalid_wallet");
    }

    @Test
    void fillsNewestFirstFollowTheCursorToTheEnd() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page =
                    get(
                            "/api/trading/players/"
                                    + ALICE
                                    + "/fills?limit=2"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            200);
            page.path("fills")
                    .forEach(f -> seen.add(f.path("venue").asString() + ":" + f.path("fillId")));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        // Same time: the higher fill id first; same time and id: the venue breaks the tie.
        assertThat(seen)
                .containsExactly(
                        "paradex:104",
                        "extended:104",
                        "extended:103",
                        "extended:102",
                        "extended:101");
        assertThat(pages).isEqualTo(3);

        JsonNode btc = get("/api/trading/players/" + ALICE + "/fills?market=BTC-USD&limit=1", 200);
        assertThat(btc.path("fills").toString())
                .isEqualTo(
                        ("[{'venue':'extended','fillId':102,'market':'BTC-USD','orderId':1102,"
                                        + "'side':'BUY','price':'60100','qty':'0.3','value':'18030',"
                                        + "'fee':'0.45','isTaker':true,'tradeType':'TRADE',"
                                        + "'createdAt':'2025-06-02T10:00:01Z','realizedPnl':'0',"
                                        + "'positionSize':'0.8','avgEntryPrice':'60037.5'}]")
                                .replace('\'', '"'));
        assertThat(btc.path("nextCursor").isString()).isTrue();
        assertThat(get("/api/trading/players/" + BOB + "/fills", 200).toString())
                .isEqualTo("{\"fills\":[],\"nextCursor\":null}");

        String fills = "/api/trading/players/" + ALICE + "/fills";
        assertError(fills + "?limit=0", 400, "invalid_limit");
        assertError(fills + "?limit=101", 400, "invalid_limit");
        assertError(fills + "?limit=many", 400, "invalid_limit");
        assertError(fills + "?market=btc-usd", 400, "invalid_market");
        assertError(fills + "?market=BTC_USD", 400, "invalid_market");
        assertError(fills + "?cursor=garbage!", 400, "invalid_cursor");
        // A well-formed cursor of another list (its id is not "<fillId>/<venue>").
        String foreign =
                java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("2025-06-02T10:00:00Z\njp-1".getBytes());
        assertError(fills + "?cursor=" + foreign, 400, "invalid_cursor");
        assertError("/api/trading/players/0OIl/fills", 400, "invalid_wallet");
    }

    @Test
    void dailyLedgerOverABoundedRange() throws Exception {
        assertThat(
                        get(
                                        "/api/trading/players/"
                                                + ALICE
                                                + "/daily?from=2025-06-01&to=2025-06-30",
                                        200)
                                .toString())
                .isEqualTo(
                        ("{'player':'%s','from':'2025-06-01','to':'2025-06-30','tradedDays':2,'days':["
                                        + "{'day':'2025-06-01','tradeCount':1,'volume':'30000',"
                                        + "'fees':'0.75','realizedPnl':'0','firstFillVenue':'extended',"
                                        + "'firstFillId':101,'firstTradeAt':'2025-06-01T10:00:00Z',"
                                        + "'lastTradeAt':'2025-06-01T10:00:00Z'},"
                                        + "{'day':'2025-06-02','tradeCount':4,'volume':'33330',"
                                        + "'fees':'4','realizedPnl':'200','firstFillVenue':'extended',"
                                        + "'firstFillId':102,'firstTradeAt':'2025-06-02T10:00:01Z',"
                                        + "'lastTradeAt':'2025-06-02T10:00:01Z'}]}")
                                .formatted(ALICE)
                                .replace('\'', '"'));
        // One day; and 366 days (2025 plus New Year's Day) is the most one request may cover.
        assertThat(
                        get(
                                        "/api/trading/players/"
                                                + ALICE
                                                + "/daily?from=2025-07-15&to=2025-07-15",
                                        200)
                                .path("days")
                                .get(0)
                                .path("realizedPnl")
                                .asString())
                .isEqualTo("-1.5");
        assertThat(
                        get(
                                        "/api/trading/players/"
                                                + ALICE
                                                + "/daily?from=2025-01-01&to=2026-01-01",
                                        200)
                                .path("tradedDays")
                                .asInt())
                .isEqualTo(3);

        // Default: the last 30 days up to today (UTC); Bob's day 40 days ago is outside.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode recent = get("/api/trading/players/" + BOB + "/daily", 200);
        assertThat(recent.path("to").asString()).isEqualTo(today.toString());
        assertThat(recent.path("from").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(recent.path("days").size()).isEqualTo(1);
        assertThat(recent.path("days").get(0).path("day").asString())
                .isEqualTo(today.minusDays(3).toString());

        String daily = "/api/trading/players/" + ALICE + "/daily";
        assertError(daily + "?from=2025-06-30&to=2025-06-01", 400, "invalid_range");
        assertError(daily + "?from=2025-01-01&to=2026-01-02", 400, "invalid_range");
        assertError(daily + "?from=June&to=2025-06-01", 400, "invalid_from");
        assertError(daily + "?from=2025-06-01&to=2025-02-30", 400, "invalid_to");
        assertError("/api/trading/players/x/daily", 400, "invalid_wallet");
    }

    @Test
    void leaderboardRanksByNetPnlOrVolumeOverAllPositions() throws Exception {
        List<String> tied = new ArrayList<>(List.of(ALICE, CAROL));
        tied.sort(null);
        JsonNode net = get("/api/trading/leaderboard", 200);
        assertThat(net.path("metric").asString()).isEqualTo("net");
        assertThat(net.path("entries").toString())
                .isEqualTo(
                        ("[{'rank':1,'player':'%s','netPnl':'195.25','realizedPnl':'%s','fees':'%s',"
                                        + "'volume':'%s','tradeCount':%s},"
                                        + "{'rank':2,'player':'%s','netPnl':'195.25','realizedPnl':'%s',"
                                        + "'fees':'%s','volume':'%s','tradeCount':%s},"
                                        + "{'rank':3,'player':'%s','netPnl':'150.25','realizedPnl':'150.5',"
                                        + "'fees':'0.25','volume':'100000','tradeCount':4}]")
                                .formatted(
                                        java.util.stream.Stream.of(
                                                        with(tied.get(0)),
                                                        with(tied.get(1)),
                                                        new Object[] {BOB})
                                                .flatMap(java.util.Arrays::stream)
                                                .toArray())
                                .replace('\'', '"'));
        List<String> byVolume = new ArrayList<>();
        get("/api/trading/leaderboard?metric=volume&limit=2", 200)
                .path("entries")
                .forEach(e -> byVolume.add(e.path("rank") + ":" + e.path("player").asString()));
        assertThat(byVolume).containsExactly("1:" + BOB, "2:" + ALICE);

        assertError("/api/trading/leaderboard?metric=wins", 400, "invalid_metric");
        assertError("/api/trading/leaderboard?limit=101", 400, "invalid_limit");
        assertError("/api/trading/leaderboard?limit=0", 400, "invalid_limit");
    }

    @Test
    void submitNeedsATokenAndQueuesTheWorkflowsJsonKeyedByTheTokensWallet() throws Exception {
        String body = "{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"0.01\"}";
        HttpResponse<String> anonymous = post(body, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body())
                .isEqualTo(
                        "{\"code\":\"unauthorized\",\"message\":\"Sign in first (POST"
                                + " /api/auth/signin) and send 'Authorization: Bearer <token>'\"}");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(post(body, "not.a.token").statusCode()).isEqualTo(401);

        String wallet = TestKeys.of("trading-submitter");
        String token = token(wallet);
        // The body's player is not who trades: the token's wallet is.
        HttpResponse<String> chosen =
                post(
                        "{\"market\":\"BTC-USD\",\"side\":\"SELL\",\"qty\":\"0.0100\","
                                + "\"requestId\":\"daily-2025-06-02\",\"player\":\""
                                + BOB
                                + "\"}",
                        token);
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(202);
        assertThat(chosen.body())
                .isEqualTo(
                        "{\"requestId\":\"daily-2025-06-02\",\"player\":\""
                                + wallet
                                + "\",\"status\":\"SUBMITTED\"}");
        HttpResponse<String> generated = post(body, token);
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(202);
        String id = json.readTree(generated.body()).path("requestId").asString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");

        // Acknowledged by Kafka before the 202, so the records are there to read now.
        assertThat(records(wallet, 2))
                .containsExactly(
                        "{\"requestId\":\"daily-2025-06-02\",\"player\":\""
                                + wallet
                                + "\",\"market\":\"BTC-USD\",\"side\":\"SELL\",\"qty\":\"0.0100\"}",
                        "{\"requestId\":\""
                                + id
                                + "\",\"player\":\""
                                + wallet
                                + "\",\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"0.01\"}");
        assertThat(records(BOB, 0)).isEmpty();
    }

    @Test
    void aPlayerReadsTheWorkflowsAnswersToItsOwnRequestsOnly() throws Exception {
        String wallet = TestKeys.of("trading-reader");
        String token = token(wallet);
        insertTradeRequest(
                "req-old",
                wallet,
                "REJECTED",
                4,
                "daily trade already used",
                null,
                Instant.parse("2026-12-07T10:00:00Z"));
        insertTradeRequest(
                "req-new",
                wallet,
                "FILLED",
                4,
                null,
                "64337.3",
                Instant.parse("2026-12-07T11:00:00Z"));
        insertTradeRequest(
                "req-bob", BOB, "FILLED", 4, null, "1", Instant.parse("2026-12-07T12:00:00Z"));

        assertThat(getWithToken("/api/me/trades", token, 401).path("code").asString())
                .isEqualTo("unauthorized");
        JsonNode mine = getWithToken("/api/me/trades?limit=5", token, 200);
        assertThat(mine.path("player").asString()).isEqualTo(wallet);
        List<String> ids = new ArrayList<>();
        mine.path("requests").forEach(r -> ids.add(r.path("requestId").asString()));
        assertThat(ids).containsExactly("req-new", "req-old");
        assertThat(getWithToken("/api/me/trades/req-new", token, 200).toString())
                .isEqualTo(
                        "{\"requestId\":\"req-new\",\"player\":\""
                                + wallet
                                + "\",\"day\":\"2026-12-07\",\"status\":\"FILLED\","
                                + "\"reason\":null,\"code\":null,\"market\":\"BTC-USD\","
                                + "\"side\":\"BUY\",\"qty\":\"0.001\",\"externalId\":\"cp-req-new\","
                                + "\"orderId\":42,\"filledQty\":\"0.001\",\"avgPrice\":\"64337.3\","
                                + "\"fee\":\"0.03217\",\"requestedAt\":\"2026-12-07T11:00:00Z\","
                                + "\"updatedAt\":\"2026-12-07T11:00:00Z\"}");
        // Another player's request is not found, not forbidden: its existence is not told.
        assertThat(getWithToken("/api/me/trades/req-bob", token, 404).path("code").asString())
                .isEqualTo("trade_request_not_found");
        assertThat(getWithToken("/api/me/trades/a%20b", token, 400).path("code").asString())
                .isEqualTo("invalid_request_id");
        assertThat(getWithToken("/api/me/trades?limit=0", token, 400).path("code").asString())
                .isEqualTo("invalid_limit");
    }

    @Test
    void submitRefusesBadBodiesAndQueuesNothingForThem() throws Exception {
        String wallet = TestKeys.of("trading-careless");
        String token = token(wallet);
        Map<String, String> bad =
                Map.ofEntries(
                        Map.entry("{\"side\":\"BUY\",\"qty\":\"1\"}", "invalid_market"),
                        Map.entry(
                                "{\"market\":\"btc-usd\",\"side\":\"BUY\",\"qty\":\"1\"}",
                                "invalid_market"),
                        Map.entry(
                                "{\"market\":\"BTC-USD\",\"side\":\"buy\",\"qty\":\"1\"}",
                                "invalid_side"),
                        Map.entry("{\"market\":\"BTC-USD\",\"qty\":\"1\"}", "invalid_side"),
                        Map.entry(
                                "{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"0.000\"}",
                                "invalid_qty"),
                        Map.entry(
                                "{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"-1\"}",
                                "invalid_qty"),
                        Map.entry(
                                "{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"1e3\"}",
                                "invalid_qty"),
                        Map.entry(
                                "{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"0.12345678901234567\"}",
                                "invalid_qty"),
                        Map.entry(
                                "{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"1\",\"requestId\":\"a b\"}",
                                "invalid_request_id"),
                        Map.entry("not json", "invalid_request"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> response = post(e.getKey(), token);
            assertThat(response.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("code").asString())
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        // One good request after the bad ones: it is the only record of this wallet (a key's
        // records keep their order, so any earlier one would be read before it).
        assertThat(
                        post(
                                        "{\"market\":\"ETH-USD\",\"side\":\"BUY\",\"qty\":\"2\",\"requestId\":\"ok\"}",
                                        token)
                                .statusCode())
                .isEqualTo(202);
        assertThat(records(wallet, 1))
                .containsExactly(
                        "{\"requestId\":\"ok\",\"player\":\""
                                + wallet
                                + "\",\"market\":\"ETH-USD\",\"side\":\"BUY\",\"qty\":\"2\"}");
    }

    @Test
    void submitIsRateLimitedPerWallet() throws Exception {
        String token = token(TestKeys.of("trading-hasty"));
        String body = "{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"0\"}"; // refused: cheap
        for (int i = 0; i < 12; i++) {
            assertThat(post(body, token).statusCode()).isEqualTo(400);
        }
        HttpResponse<String> limited = post(body, token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json.readTree(limited.body()).path("code").asString()).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void openApiDocumentsTheTradingRoutesAndThatSubmittingNeedsAToken() throws Exception {
        JsonNode paths = get("/v3/api-docs", 200).path("paths");
        for (String path :
                List.of(
                        "/api/trading/players/{wallet}/positions",
                        "/api/trading/players/{wallet}/fills",
                        "/api/trading/players/{wallet}/daily",
                        "/api/trading/leaderboard")) {
            assertThat(paths.path(path).path("get").path("tags").toString())
                    .as(path)
                    .isEqualTo("[\"trading\"]");
            assertThat(paths.path(path).path("get").has("security")).as(path).isFalse();
        }
        JsonNode submit = paths.path("/api/trades").path("post");
        assertThat(submit.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(submit.path("description").asString()).contains("player:<wallet>", "503");
    }

    // --- helpers

    /** Alice's or Carol's totals in the leaderboard row, in its field order. */
    private static Object[] with(String player) {
        return player.equals(ALICE)
                ? new Object[] {ALICE, "200", "4.75", "63330", 5}
                : new Object[] {CAROL, "195.5", "0.25", "10", 2};
    }

    private String token(String wallet) {
        return jwt.issue(
                Map.of("walletAddress", wallet, "playerId", "p-" + wallet.substring(0, 6)),
                Instant.now().plusSeconds(600));
    }

    /**
     * The values of every record keyed by {@code key} on the requests topic, oldest first, read to
     * the topic's end as of now (10 s at most); at least {@code expected} must be there.
     */
    private static List<String> records(String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(TOPIC).stream()
                            .map(p -> new TopicPartition(TOPIC, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
            assertThat(values.size()).as("records of " + key).isGreaterThanOrEqualTo(expected);
            return values;
        }
    }

    private void position(
            String venue,
            String player,
            String market,
            String size,
            String avg,
            String realized,
            String fees,
            String volume,
            long trades,
            long lastFill,
            int openedSecond,
            int updatedSecond) {
        jdbc.sql(
                        """
                        INSERT INTO trading.positions (venue, player, market, size, avg_entry_price,
                          realized_pnl, fees, volume, trade_count, last_fill_id, opened_at, updated_at)
                        VALUES (:venue, :player, :market, CAST(:size AS numeric),
                          CAST(:avg AS numeric), CAST(:realized AS numeric), CAST(:fees AS numeric),
                          CAST(:volume AS numeric), :trades, :lastFill, :opened, :updated)
                        """)
                .param("venue", venue)
                .param("player", player)
                .param("market", market)
                .param("size", size)
                .param("avg", avg)
                .param("realized", realized)
                .param("fees", fees)
                .param("volume", volume)
                .param("trades", trades)
                .param("lastFill", lastFill)
                .param(
                        "opened",
                        openedSecond < 0
                                ? null
                                : java.sql.Timestamp.from(T0.plusSeconds(openedSecond)))
                .param("updated", java.sql.Timestamp.from(T0.plusSeconds(updatedSecond)))
                .update();
    }

    private void fill(
            String venue,
            long fillId,
            String market,
            String side,
            String price,
            String qty,
            String value,
            String fee,
            int second,
            String realized,
            String positionSize) {
        jdbc.sql(
                        """
                        INSERT INTO trading.fills VALUES (:venue, :fillId, :player, 7, :market,
                          :orderId, :side, CAST(:price AS numeric), CAST(:qty AS numeric),
                          CAST(:value AS numeric), CAST(:fee AS numeric), true, 'TRADE', :at,
                          CAST(:realized AS numeric), CAST(:size AS numeric), CAST(:avg AS numeric))
                        """)
                .param("venue", venue)
                .param("fillId", fillId)
                .param("player", ALICE)
                .param("market", market)
                .param("orderId", 1000 + fillId)
                .param("side", side)
                .param("price", price)
                .param("qty", qty)
                .param("value", value)
                .param("fee", fee)
                .param("at", java.sql.Timestamp.from(T0.plusSeconds(second)))
                .param("realized", realized)
                .param("size", positionSize)
                // The average after the fill: none when flat, the blend after adding to BTC.
                .param("avg", positionSize.equals("0") ? null : fillId == 102 ? "60037.5" : price)
                .update();
    }

    private void day(
            String player,
            LocalDate day,
            long trades,
            String volume,
            String fees,
            String realized,
            long firstFill,
            Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO trading.daily_trades VALUES (:player, :day, :trades,
                          CAST(:volume AS numeric), CAST(:fees AS numeric), CAST(:realized AS numeric),
                          'extended', :firstFill, :at, :at)
                        """)
                .param("player", player)
                .param("day", day)
                .param("trades", trades)
                .param("volume", volume)
                .param("fees", fees)
                .param("realized", realized)
                .param("firstFill", firstFill)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private JsonNode getWithToken(String path, String token, int status) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (status != 401) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private void insertTradeRequest(
            String id,
            String player,
            String status,
            int rank,
            String reason,
            String avgPrice,
            Instant at) {
        boolean filled = avgPrice != null;
        jdbc.sql(
                        """
                        INSERT INTO trading.trade_requests VALUES (:id, :player, DATE '2026-12-07',
                          :status, :rank, :reason, NULL, 'BTC-USD', 'BUY', 0.0010000000000000,
                          :externalId, :orderId, CAST(:filled AS numeric), CAST(:avg AS numeric),
                          CAST(:fee AS numeric), :at, :at)
                        """)
                .param("id", id)
                .param("player", player)
                .param("status", status)
                .param("rank", rank)
                .param("reason", reason)
                .param("externalId", filled ? "cp-" + id : null)
                .param("orderId", filled ? 42L : null)
                .param("filled", filled ? "0.001" : null)
                .param("avg", avgPrice)
                .param("fee", filled ? "0.03217" : null)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/trades"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertError(String path, int status, String code) throws Exception {
        JsonNode body = get(path, status);
        assertThat(body.path("code").asString()).as(path).isEqualTo(code);
        assertThat(body.path("message").asString()).as(path).isNotBlank();
        assertThat(body.size()).as(path).isEqualTo(2);
    }
}
