package io.chainplay.api.feed;

import io.chainplay.api.ChainplayApiApplication;
import io.chainplay.api.TestKeys;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.embedded.junit.PostgresExtension;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket relay end to end: records produced into a real Kafka 3.9 broker reach real
 * WebSocket clients of the running API (and of a second instance beside it), by channel, with
 * resume, heartbeats, and slow clients dropped.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "chainplay.flink.url=",
            "chainplay.feed.topic-refresh=500ms",
            "chainplay.feed.heartbeat-interval=1s",
            "chainplay.feed.client-buffer=50",
            // The stalled client starts reading only after the test saw it dropped: on a loaded
            // machine that took over the 10 s default, and it was cut off (1006) before its
            // close frame with the reason could reach it.
            "chainplay.feed.close-timeout=60s",
        })
@DirtiesContext
class FeedITCase {

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.forked();

    private static final String ALICE = TestKeys.of("alice");
    private static final String BOB = TestKeys.of("bob");
    private static final AtomicInteger IDS = new AtomicInteger();
    private static EmbeddedPostgres.Database database;
    private static KafkaProducer<String, String> producer;
    private static String topicsCreated;

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort private int port;
    @Autowired private FeedStatus feed;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().user());
        registry.add("spring.datasource.password", () -> "");
        registry.add("chainplay.kafka.bootstrap-servers", FeedITCase::kafka);
    }

    private static synchronized EmbeddedPostgres.Database database() {
        if (database == null) {
            database = POSTGRES.createDatabase();
        }
        return database;
    }

    // Topics exist before the API starts: it reads them from their end (history only fills the
    // replay window), as it would in a running system.
    private static synchronized String kafka() {
        if (topicsCreated == null) {
            KAFKA.createTopic("feed.casino", 2);
            KAFKA.createTopic("feed.earnings", 1);
            topicsCreated = KAFKA.bootstrapServers();
        }
        return topicsCreated;
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @Test
    void welcomesAndAnswersPing() throws Exception {
        try (WsClient client = WsClient.connect(ws(port, ""))) {
            JsonNode welcome = client.awaitType("welcome");
            assertThat(welcome.path("data").path("channels").toString())
                    .contains("bets", "jackpots", "stats", "earnings", "trades", "player:<wallet>");
            assertThat(welcome.path("data").path("heartbeatIntervalMs").asLong()).isEqualTo(1000);

            client.send("{\"type\":\"ping\"}");
            assertThat(client.awaitType("pong").path("timestamp").isNumber()).isTrue();

            client.send("{\"type\":\"subscribe\",\"channels\":[\"casino\"]}");
            assertThat(client.awaitType("error").path("data").path("code").asString())
                    .isEqualTo("invalid_channel");
            client.send("not json");
            assertThat(client.awaitType("error").path("data").path("code").asString())
                    .isEqualTo("invalid_message");
            client.send("{\"type\":\"subscribe\",\"channels\":[\"player:nope\"]}");
            assertThat(client.awaitType("error").path("data").path("code").asString())
                    .isEqualTo("invalid_channel");

            // Heartbeats keep coming on a quiet feed.
            client.awaitType("heartbeat");
        }
    }

    @Test
    void relaysRecordsVerbatimToTheirChannelsOnly() throws Exception {
        try (WsClient bets = WsClient.connect(ws(port, ""));
                WsClient earnings = WsClient.connect(ws(port, "?channels=earnings"))) {
            bets.send("{\"type\":\"subscribe\",\"channels\":[\"bets\"]}");
            assertThat(bets.awaitType("subscribed").path("data").path("channels").toString())
                    .isEqualTo("[\"bets\"]");
            earnings.awaitType("subscribed");

            String bet = bet("bet.placed", ALICE);
            String earned = earnings("earnings.updated", ALICE);
            produce("feed.casino", ALICE, bet);
            produce("feed.earnings", ALICE, earned);

            // Exactly the bytes the job wrote, FarePlay's {"type","data","timestamp","id"}.
            assertThat(bets.awaitFeedText()).isEqualTo(bet);
            assertThat(earnings.awaitFeedText()).isEqualTo(earned);
            bets.assertNoFeedMessage(Duration.ofMillis(500));
            earnings.assertNoFeedMessage(Duration.ofMillis(100));
        }
    }

    @Test
    void playerChannelCarriesEverythingAboutThatPlayerAndUnsubscribeStops() throws Exception {
        try (WsClient client = WsClient.connect(ws(port, "?channels=player:" + ALICE))) {
            client.awaitType("subscribed");
            String aliceBet = bet("bet.settled", ALICE);
            produce("feed.casino", BOB, bet("bet.placed", BOB));
            produce("feed.casino", ALICE, aliceBet);
            String aliceEarned = earnings("earnings.updated", ALICE);
            produce("feed.earnings", ALICE, aliceEarned);

            List<String> got = List.of(client.awaitFeedText(), client.awaitFeedText());
            assertThat(got).containsExactlyInAnyOrder(aliceBet, aliceEarned);

            client.send("{\"type\":\"unsubscribe\",\"channels\":[\"player:" + ALICE + "\"]}");
            assertThat(client.awaitType("unsubscribed").path("data").path("channels").toString())
                    .isEqualTo("[]");
            produce("feed.casino", ALICE, bet("bet.placed", ALICE));
            client.assertNoFeedMessage(Duration.ofMillis(700));
        }
    }

    @Test
    void aReconnectingClientResumesAfterItsLastEventId() throws Exception {
        List<String> sent = new ArrayList<>();
        try (WsClient first = WsClient.connect(ws(port, "?channels=bets"))) {
            first.awaitType("subscribed");
            for (int i = 0; i < 4; i++) {
                String bet = bet("bet.placed", ALICE);
                sent.add(bet);
                produce("feed.casino", ALICE, bet);
            }
            // Same key: one partition, so Kafka order is production order.
            for (String bet : sent) {
                assertThat(first.awaitFeedText()).isEqualTo(bet);
            }
        }
        String lastSeen = json.readTree(sent.get(1)).path("id").asString();
        try (WsClient again = WsClient.connect(ws(port, ""))) {
            again.awaitType("welcome");
            again.send(
                    "{\"type\":\"subscribe\",\"channels\":[\"bets\"],\"lastEventId\":\""
                            + lastSeen
                            + "\"}");
            JsonNode subscribed = again.awaitType("subscribed");
            assertThat(subscribed.path("data").path("resume").path("status").asString())
                    .isEqualTo("ok");
            assertThat(subscribed.path("data").path("resume").path("replayed").asInt())
                    .isEqualTo(2);
            assertThat(again.awaitFeedText()).isEqualTo(sent.get(2));
            assertThat(again.awaitFeedText()).isEqualTo(sent.get(3));
            // ...and then live.
            String live = bet("bet.settled", ALICE);
            produce("feed.casino", ALICE, live);
            assertThat(again.awaitFeedText()).isEqualTo(live);
        }
        try (WsClient gap = WsClient.connect(ws(port, "?channels=bets&lastEventId=unknown-id"))) {
            assertThat(
                            gap.awaitType("subscribed")
                                    .path("data")
                                    .path("resume")
                                    .path("status")
                                    .asString())
                    .isEqualTo("gap");
        }
    }

    @Test
    void aStalledClientIsDroppedWithAReasonWhileOthersKeepUp() throws Exception {
        long droppedBefore = dropped();
        try (WsClient fast = WsClient.connect(ws(port, "?channels=bets"));
                WsClient stalled = WsClient.stalled(ws(port, "?channels=bets"))) {
            fast.awaitType("subscribed");
            await().atMost(10, TimeUnit.SECONDS).until(() -> subscribers("bets") >= 2);
            // ~24 MB: more than the loopback socket buffers hold, so the stalled client's queue
            // fills to client-buffer (50) and it is dropped.
            String padding = "x".repeat(8000);
            int count = 3000;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "pad-" + UUID.randomUUID();
                ids.add(id);
                produce(
                        "feed.casino",
                        BOB,
                        "{\"type\":\"bet.placed\",\"data\":{\"player\":\""
                                + BOB
                                + "\",\"pad\":\""
                                + padding
                                + "\"},\"timestamp\":1,\"id\":\""
                                + id
                                + "\"}");
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> dropped() > droppedBefore);
            stalled.startReading();
            assertThat(stalled.closed.get(15, TimeUnit.SECONDS))
                    .startsWith("1008 slow_consumer: more than 50 messages behind");
            // The fast client got every one, in order.
            for (String id : ids) {
                assertThat(json.readTree(fast.awaitFeedText()).path("id").asString()).isEqualTo(id);
            }
        }
    }

    @Test
    void twoInstancesSideBySideEachRelayEveryRecord() throws Exception {
        try (ConfigurableApplicationContext second =
                        new SpringApplicationBuilder(ChainplayApiApplication.class)
                                .run(
                                        "--server.port=0",
                                        "--spring.datasource.url=" + database().jdbcUrl(),
                                        "--chainplay.kafka.bootstrap-servers=" + kafka(),
                                        "--chainplay.flink.url=",
                                        "--chainplay.feed.topic-refresh=500ms");
                WsClient one = WsClient.connect(ws(port, "?channels=bets"));
                WsClient two =
                        WsClient.connect(
                                ws(
                                        ((WebServerApplicationContext) second)
                                                .getWebServer()
                                                .getPort(),
                                        "?channels=bets"))) {
            one.awaitType("subscribed");
            two.awaitType("subscribed");
            await().atMost(10, TimeUnit.SECONDS)
                    .until(
                            () ->
                                    !second.getBean(FeedStatus.class)
                                            .consumer()
                                            .getOrDefault("partitions", 0)
                                            .equals(0));
            String bet = bet("bet.placed", ALICE);
            produce("feed.casino", ALICE, bet);
            assertThat(one.awaitFeedText()).isEqualTo(bet);
            assertThat(two.awaitFeedText()).isEqualTo(bet);
        }
    }

    @Test
    void kafkaHealthShowsTheRelaysPartitions() throws Exception {
        HttpResponse<String> reply =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/health/kafka"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(reply.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("brokers").asInt()).isEqualTo(1);
        assertThat(body.path("relay").path("partitions").asInt()).isEqualTo(3);
    }

    @Test
    void theReadmeExamplesWorkAsWritten() throws Exception {
        // api/README.md: TOKEN=$(java api/examples/SignIn.java http://localhost:8080)
        Process signIn =
                new ProcessBuilder(java(), "examples/SignIn.java", "http://localhost:" + port)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String token = new String(signIn.getInputStream().readAllBytes()).strip();
        assertThat(signIn.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(signIn.exitValue()).isZero();
        HttpResponse<String> me =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + "/api/me"))
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);

        // java api/examples/FeedTail.java 'ws://localhost:8080/ws?channels=bets' --max 1
        int before = subscribers("bets");
        Process tail =
                new ProcessBuilder(
                                java(),
                                "examples/FeedTail.java",
                                ws(port, "?channels=bets"),
                                "--max",
                                "1")
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        await().atMost(60, TimeUnit.SECONDS).until(() -> subscribers("bets") > before);
        String bet = bet("bet.placed", ALICE);
        produce("feed.casino", ALICE, bet);
        assertThat(tail.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = new String(tail.getInputStream().readAllBytes());
        assertThat(printed.lines()).contains(bet);
        assertThat(printed).contains("\"type\":\"welcome\"", "\"type\":\"subscribed\"");
    }

    // --- helpers

    private static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private long dropped() {
        return ((Number) feed.clients().get("droppedSlowClients")).longValue();
    }

    @SuppressWarnings("unchecked")
    private int subscribers(String channel) {
        return ((Map<String, Integer>) feed.clients().get("subscribers")).getOrDefault(channel, 0);
    }

    private static String ws(int port, String query) {
        return "ws://localhost:" + port + "/ws" + query;
    }

    private static String bet(String type, String player) {
        return "{\"type\":\""
                + type
                + "\",\"data\":{\"signature\":\"sig\",\"player\":\""
                + player
                + "\",\"amount\":\"1000000\"},\"timestamp\":1748779200000,\"id\":\"solana:sig:"
                + IDS.incrementAndGet()
                + ":0\"}";
    }

    private static String earnings(String type, String player) {
        return "{\"type\":\""
                + type
                + "\",\"data\":{\"player\":\""
                + player
                + "\",\"pendingEarnings\":\"42\"},\"timestamp\":1748779200000,\"id\":\"earn:"
                + IDS.incrementAndGet()
                + "\"}";
    }

    private static synchronized void produce(String topic, String key, String value)
            throws Exception {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(config);
        }
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }
}
