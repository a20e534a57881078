package io.chainplay.statefun.supervisor;

import io.chainplay.embedded.FreePorts;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.statefun.functions.FunctionServer;
import io.chainplay.statefun.functions.exchange.ExchangeException;
import io.chainplay.statefun.functions.exchange.ExchangeGateway;
import io.chainplay.statefun.functions.exchange.OrderPlan;
import io.chainplay.statefun.functions.exchange.OrderStatus;
import io.chainplay.statefun.functions.trade.DailyTradeFn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The StateFun runtime in its own JVM against a real broker and the function server in this JVM:
 * requests on wf.trade.requests, answers on wf.trade.results, and the daily allowance surviving a
 * crash (restore from the newest retained checkpoint) and a savepoint-and-cancel.
 *
 * <p>The day is the function's processing-time UTC day: a run across midnight UTC would see a fresh
 * allowance between two requests.
 */
class StatefunSupervisorITCase {

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FunctionServer functions;

    private StatefunSupervisor statefun;
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> results;
    private final Map<String, JsonNode> seen = new HashMap<>();

    @BeforeAll
    static void startFunctions() {
        // The module.yaml names fixed topics; each test uses its own players and request ids.
        KAFKA.createTopic("wf.trade.requests", 2);
        KAFKA.createTopic("raw.exchange.fills", 2);
        KAFKA.createTopic("wf.trade.results", 2);
        // No exchange here (DailyTradeWorkflowITCase has one): every exchange call fails
        // transiently and is retried slowly, so an accepted request holds the day's allowance.
        functions =
                FunctionServer.start(
                        0,
                        FunctionServer.functions(
                                new UnreachableExchange(),
                                new DailyTradeFn.Settings(
                                        Duration.ofMinutes(5),
                                        Duration.ofMinutes(5),
                                        Duration.ofMinutes(5),
                                        100)));
    }

    @AfterAll
    static void stopFunctions() {
        if (functions != null) {
            functions.close();
        }
    }

    @BeforeEach
    void setUp() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        statefun =
                StatefunSupervisor.builder()
                        .dataDir(Path.of("target", "statefun-it", run).toAbsolutePath())
                        .kafkaBootstrap(KAFKA.bootstrapServers())
                        .functionUrl(functions.url())
                        .consumerGroup("statefun-it-" + run)
                        .restPort(FreePorts.any())
                        .checkpointInterval(Duration.ofSeconds(2))
                        .jvmOptions(List.of("-Xmx512m"))
                        .build();
        producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer());
        results =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                // The egress is exactly-once: only committed results count.
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer());
        List<TopicPartition> partitions =
                List.of(
                        new TopicPartition("wf.trade.results", 0),
                        new TopicPartition("wf.trade.results", 1));
        results.assign(partitions);
        results.seekToBeginning(partitions);
    }

    @AfterEach
    void tearDown() {
        statefun.close();
        producer.close();
        results.close();
    }

    @Test
    void allowanceSurvivesACrashThroughTheNewestRetainedCheckpoint() throws Exception {
        String player = "player-" + UUID.randomUUID();
        long started = System.nanoTime();
        assertThat(statefun.start()).isEmpty();
        long firstStartMs = (System.nanoTime() - started) / 1_000_000;

        request(player, "a1");
        request(player, "a2");
        JsonNode first = awaitResult("a1");
        JsonNode second = awaitResult("a2");
        assertThat(first.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(second.path("status").asText()).isEqualTo("REJECTED");
        assertThat(second.path("reason").asText()).isEqualTo("a trade is in progress");
        // Committed results mean the checkpoint holding the state after them completed.
        assertThat(statefun.completedCheckpoints()).isPositive();
        assertThat(
                        statefun.restGet("/jobs/" + statefun.jobId() + "/checkpoints/config")
                                .path("state_backend")
                                .asText())
                .isEqualTo("EmbeddedRocksDBStateBackend");
        HttpResponse<String> dashboard =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(statefun.restUrl() + "/"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<html");

        statefun.kill();
        started = System.nanoTime();
        Optional<Path> restoredFrom = statefun.start();
        long restartMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(restoredFrom).isPresent();
        assertThat(restoredFrom.get().getFileName().toString()).startsWith("chk-");

        request(player, "a3");
        JsonNode third = awaitResult("a3");
        assertThat(third.path("status").asText()).isEqualTo("REJECTED");
        assertThat(third.path("day").asText()).isEqualTo(first.path("day").asText());
        System.err.printf(
                "StateFun runtime JVM: first start to RUNNING %d ms, restart from %s %d ms%n",
                firstStartMs, restoredFrom.get().getFileName(), restartMs);
    }

    @Test
    void allowanceSurvivesSavepointAndCancel() throws Exception {
        String player = "player-" + UUID.randomUUID();
        statefun.start();
        request(player, "b1");
        assertThat(awaitResult("b1").path("status").asText()).isEqualTo("ACCEPTED");

        Path savepoint = statefun.savepointAndCancel(Duration.ofMinutes(2));
        assertThat(statefun.isAlive()).isFalse();
        assertThat(statefun.exitValue()).isZero();
        assertThat(savepoint.resolve("_metadata")).exists();
        // What a plain restart would pick: the savepoint is newer than any retained checkpoint.
        assertThat(statefun.latestRestorePoint()).contains(savepoint);

        statefun.start(savepoint);
        request(player, "b2");
        JsonNode after = awaitResult("b2");
        assertThat(after.path("status").asText()).isEqualTo("REJECTED");
        assertThat(after.path("reason").asText()).isEqualTo("a trade is in progress");
        // A repeat of the accepted request still gets its answer.
        request(player, "b1");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            poll();
                            assertThat(count("b1")).isGreaterThanOrEqualTo(2);
                        });
    }

    private final Map<String, Integer> counts = new HashMap<>();

    private void request(String player, String requestId) throws Exception {
        String json =
                JSON.writeValueAsString(
                        Map.of(
                                "requestId", requestId + "-" + player,
                                "player", player,
                                "market", "BTC-USD",
                                "side", "BUY",
                                "qty", "0.0100"));
        producer.send(new ProducerRecord<>("wf.trade.requests", player, json)).get();
        lastPlayer = player;
    }

    private String lastPlayer;

    private JsonNode awaitResult(String requestId) {
        String id = requestId + "-" + lastPlayer;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> {
                            poll();
                            assertThat(seen).containsKey(id);
                        });
        return seen.get(id);
    }

    private int count(String requestId) {
        return counts.getOrDefault(requestId + "-" + lastPlayer, 0);
    }

    private void poll() throws Exception {
        for (ConsumerRecord<String, String> record : results.poll(Duration.ofMillis(200))) {
            JsonNode result = JSON.readTree(record.value());
            String id = result.path("requestId").asText();
            seen.putIfAbsent(id, result);
            counts.merge(id, 1, Integer::sum);
        }
    }

    /** An exchange that is never reachable. */
    private static final class UnreachableExchange implements ExchangeGateway {
        @Override
        public OrderPlan plan(
                String player,
                String market,
                String side,
                String qty,
                String externalId,
                long nonce)
                throws ExchangeException {
            throw ExchangeException.transientFailure("unreachable (test)", null);
        }

        @Override
        public long place(String player, OrderPlan plan) throws ExchangeException {
            throw ExchangeException.transientFailure("unreachable (test)", null);
        }

        @Override
        public Optional<OrderStatus> order(String player, String externalId)
                throws ExchangeException {
            throw ExchangeException.transientFailure("unreachable (test)", null);
        }

        @Override
        public void cancel(String player, String externalId) throws ExchangeException {
            throw ExchangeException.transientFailure("unreachable (test)", null);
        }
    }
}
