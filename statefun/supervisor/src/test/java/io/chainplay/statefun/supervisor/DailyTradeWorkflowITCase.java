package io.chainplay.statefun.supervisor;

import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.devnet.extended.ExtendedDevnet;
import io.chainplay.devnet.extended.Fill;
import io.chainplay.embedded.FreePorts;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.schemas.solana.Base58;
import io.chainplay.statefun.functions.FunctionServer;
import io.chainplay.statefun.functions.exchange.ExchangeAccounts;
import io.chainplay.statefun.functions.exchange.ExchangeException;
import io.chainplay.statefun.functions.exchange.ExchangeGateway;
import io.chainplay.statefun.functions.exchange.ExtendedGateway;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daily-trade workflow end to end: requests on wf.trade.requests, the runtime in its own JVM,
 * the function server in this JVM trading on the in-process Extended devnet, fills from the
 * devnet's ground truth mapped to ExchangeFill and produced to raw.exchange.fills keyed by player
 * (what the fills source does), results on wf.trade.results and feed.trades.
 *
 * <p>One runtime and one devnet for all scenarios, in order; each scenario has its own player and
 * devnet account (one trade per player per day). Exactly-once is checked against the devnet: each
 * request has one order there, and one FILLED result on the exactly-once results topic, whatever
 * was killed on the way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyTradeWorkflowITCase {

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PLAYERS = 5;
    private static final String QTY = "0.0010";

    private static ExtendedDevnet devnet;
    private static final Map<Long, String> playerOfAccount = new HashMap<>();
    private static final Map<String, Long> accountOfPlayer = new HashMap<>();
    private static HookedGateway gateway;
    private static StatefulFunctionsServer functions;
    private static StatefunSupervisor statefun;
    private static FillRelay relay;
    private static KafkaProducer<String, String> requests;
    private static KafkaConsumer<String, String> results;
    private static KafkaConsumer<String, String> feed;
    private static final List<JsonNode> seenResults = new ArrayList<>();
    private static final List<JsonNode> seenFeed = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        for (String topic :
                List.of(
                        "wf.trade.requests",
                        "raw.exchange.fills",
                        "wf.trade.results",
                        "feed.trades")) {
            KAFKA.createTopic(topic, 2);
        }
        Path dir =
                Path.of("target", "daily-trade-it", UUID.randomUUID().toString().substring(0, 8))
                        .toAbsolutePath();
        Files.createDirectories(dir);

        // One devnet account per player; the accounts file is what the function server reads.
        ExtendedDevnet.Builder builder = ExtendedDevnet.builder().seed(11).manualClock();
        StringBuilder accountsFile = new StringBuilder("# player wallet -> Extended account\n");
        for (int i = 0; i < PLAYERS; i++) {
            String player = player(i);
            String key = "0x" + BigInteger.valueOf(0x5eed_0000L + 7919L * (i + 1)).toString(16);
            long vault = 10_002 + 10_000L * i;
            builder.account("api-key-" + i, vault, StarkPrivateKey.fromHex(key).publicKey());
            accountsFile.append(player).append(".EXTENDED_API_KEY=api-key-").append(i).append('\n');
            accountsFile.append(player).append(".EXTENDED_VAULT=").append(vault).append('\n');
            accountsFile
                    .append(player)
                    .append(".EXTENDED_STARK_PRIVATE_KEY=")
                    .append(key)
                    .append('\n');
            playerOfAccount.put(3001L + i, player);
            accountOfPlayer.put(player, 3001L + i);
        }
        devnet = builder.start();
        Path accounts = dir.resolve("accounts.properties");
        Files.writeString(accounts, accountsFile);

        gateway =
                new HookedGateway(
                        new ExtendedGateway(
                                devnet.url(),
                                ExchangeAccounts.fromFile(accounts),
                                SignatureFormat.snip12(Snip12Domain.SEPOLIA),
                                ExtendedGateway.Settings.DEFAULT,
                                Clock.systemUTC()));
        functions = new StatefulFunctionsServer(FreePorts.any());
        functions.start();

        requests =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer());
        results = consumer("wf.trade.results", "read_committed");
        feed = consumer("feed.trades", "read_uncommitted");
        relay =
                new FillRelay(
                        devnet, KAFKA.bootstrapServers(), playerOfAccount, Duration.ofMillis(100));
        relay.start();

        statefun =
                StatefunSupervisor.builder()
                        .dataDir(dir.resolve("statefun"))
                        .kafkaBootstrap(KAFKA.bootstrapServers())
                        .functionUrl(functions.url())
                        .consumerGroup("daily-trade-it")
                        .restPort(FreePorts.any())
                        .checkpointInterval(Duration.ofSeconds(2))
                        .jvmOptions(List.of("-Xmx512m"))
                        .build();
        long t0 = System.nanoTime();
        statefun.start();
        System.err.printf("daily-trade ITCase: runtime RUNNING after %d ms%n", ms(t0));
    }

    @AfterAll
    static void stop() {
        if (statefun != null) {
            statefun.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (functions != null) {
            functions.stop();
        }
        if (requests != null) {
            requests.close();
        }
        if (results != null) {
            results.close();
        }
        if (feed != null) {
            feed.close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    @Order(1)
    void requestIsFilledAndASecondOneTheSameDayIsRejected() throws Exception {
        String player = player(0);
        long t0 = System.nanoTime();
        request(player, "fill-1", "BUY");

        JsonNode filled = awaitStatus("fill-1", "FILLED");
        assertThat(statuses("fill-1")).containsExactly("ACCEPTED", "SUBMITTED", "FILLED");
        assertThat(filled.path("filledQty").asText()).isEqualTo("0.001");
        assertThat(filled.path("externalId").asText()).isEqualTo("cp-fill-1");
        assertThat(filled.path("orderId").asLong()).isEqualTo(onlyOrderOf(player));
        assertThat(filled.path("avgPrice").asText()).isNotEmpty();
        System.err.printf("daily-trade ITCase: request -> FILLED %d ms%n", ms(t0));

        request(player, "fill-2", "BUY");
        JsonNode second = awaitStatus("fill-2", "REJECTED");
        assertThat(second.path("reason").asText()).isEqualTo("daily trade already used");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            pollFeed();
                            assertThat(feedTypes("fill-1"))
                                    .contains(
                                            "trade.requested",
                                            "trade.submitted",
                                            "trade.completed");
                        });
        JsonNode completed =
                seenFeed.stream()
                        .filter(f -> f.path("type").asText().equals("trade.completed"))
                        .findFirst()
                        .orElseThrow();
        assertThat(completed.path("data").path("player").asText()).isEqualTo(player);
        assertThat(completed.path("id").asText()).isEqualTo("fill-1:filled");
    }

    @Test
    @Order(2)
    void runtimeKilledRightAfterThePlacementRestoresAndPlacesOnce() throws Exception {
        String player = player(1);
        devnet.step();
        relay.setPaused(true);
        request(player, "kill-1", "SELL");
        // The devnet matches an order as it is placed: its fill is there the moment it exists.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !ordersOf(player).isEmpty());
        statefun.kill();
        long t0 = System.nanoTime();
        Optional<Path> from = statefun.start();
        System.err.printf(
                "daily-trade ITCase: killed after placement, restarted from %s in %d ms%n",
                from.map(Path::getFileName).orElse(null), ms(t0));
        relay.setPaused(false);

        JsonNode filled = awaitStatus("kill-1", "FILLED");
        settle();
        assertThat(count("kill-1", "FILLED")).isEqualTo(1);
        assertThat(ordersOf(player)).hasSize(1);
        assertThat(filled.path("orderId").asLong()).isEqualTo(onlyOrderOf(player));
        System.err.printf(
                "daily-trade ITCase: placements sent for kill-1: %d (2 = the placement was replayed)%n",
                gateway.places(player));
    }

    @Test
    @Order(3)
    void exchangeDownIsRetriedUntilTheOrderIsPlaced() throws Exception {
        String player = player(2);
        devnet.step();
        // The exchange goes down right after the order is signed, for 4 s.
        gateway.afterPlan.put(
                player,
                p -> {
                    devnet.faults().serverErrors(1.0);
                    Thread clear =
                            new Thread(
                                    () -> {
                                        sleep(4_000);
                                        devnet.faults().clear();
                                    });
                    clear.setDaemon(true);
                    clear.start();
                });
        long t0 = System.nanoTime();
        request(player, "down-1", "BUY");

        awaitStatus("down-1", "FILLED");
        System.err.printf("daily-trade ITCase: exchange down 4 s, FILLED after %d ms%n", ms(t0));
        settle();
        assertThat(gateway.places(player)).isGreaterThanOrEqualTo(2);
        assertThat(ordersOf(player)).hasSize(1);
        assertThat(count("down-1", "FILLED")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void functionServerKilledMidWorkflowCompletesWithOneOrder() throws Exception {
        String player = player(3);
        devnet.step();
        // The function server dies after placing the order, before the runtime has its answer.
        gateway.afterPlace.put(
                player,
                p -> {
                    gateway.afterPlace.remove(player);
                    Thread kill = new Thread(functions::stop);
                    kill.start();
                    sleep(1_000); // the reply now goes to a closed connection
                });
        long t0 = System.nanoTime();
        request(player, "fnkill-1", "SELL");
        await().atMost(Duration.ofSeconds(60)).until(() -> !functions.running());
        sleep(3_000);
        functions.start(); // same port; the runtime has been retrying the invocation

        awaitStatus("fnkill-1", "FILLED");
        System.err.printf(
                "daily-trade ITCase: function server down ~3 s, FILLED after %d ms%n", ms(t0));
        settle();
        assertThat(gateway.places(player)).isGreaterThanOrEqualTo(2);
        assertThat(ordersOf(player)).hasSize(1);
        assertThat(count("fnkill-1", "FILLED")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void savepointWhileWaitingForTheFillRestoresAndCompletes() throws Exception {
        String player = player(4);
        devnet.step();
        relay.setPaused(true);
        request(player, "sp-1", "BUY");
        awaitStatus("sp-1", "SUBMITTED");

        long t0 = System.nanoTime();
        Path savepoint = statefun.savepointAndCancel(Duration.ofMinutes(2));
        statefun.start(savepoint);
        System.err.printf("daily-trade ITCase: savepoint-and-cancel and restore %d ms%n", ms(t0));
        relay.setPaused(false);

        awaitStatus("sp-1", "FILLED");
        settle();
        assertThat(count("sp-1", "FILLED")).isEqualTo(1);
        assertThat(ordersOf(player)).hasSize(1);
    }

    // --- helpers

    private static String player(int i) {
        // A wallet address (base58 of 32 bytes) per index: the fills' mapping checks it is one.
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 7);
        java.nio.ByteBuffer.wrap(key).putInt(28, i);
        return Base58.encode(key);
    }

    private static void request(String player, String requestId, String side) throws Exception {
        String json =
                JSON.writeValueAsString(
                        Map.of(
                                "requestId", requestId,
                                "player", player,
                                "market", "BTC-USD",
                                "side", side,
                                "qty", QTY));
        requests.send(new ProducerRecord<>("wf.trade.requests", player, json)).get();
    }

    private static JsonNode awaitStatus(String requestId, String status) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> {
                            pollResults();
                            assertThat(statuses(requestId)).contains(status);
                        });
        return seenResults.stream()
                .filter(r -> r.path("requestId").asText().equals(requestId))
                .filter(r -> r.path("status").asText().equals(status))
                .findFirst()
                .orElseThrow();
    }

    /** Two more checkpoints: anything a replay would still emit is committed by then. */
    private static void settle() throws Exception {
        long done = statefun.completedCheckpoints() + 2;
        await().atMost(Duration.ofSeconds(60)).until(() -> statefun.completedCheckpoints() >= done);
        pollResults();
        pollResults();
    }

    private static List<String> statuses(String requestId) {
        return seenResults.stream()
                .filter(r -> r.path("requestId").asText().equals(requestId))
                .map(r -> r.path("status").asText())
                .toList();
    }

    private static long count(String requestId, String status) {
        return statuses(requestId).stream().filter(status::equals).count();
    }

    private static List<String> feedTypes(String requestId) {
        return seenFeed.stream()
                .filter(f -> f.path("data").path("requestId").asText().equals(requestId))
                .map(f -> f.path("type").asText())
                .toList();
    }

    /** The devnet's orders of the player's account that traded (its ground truth). */
    private static Set<Long> ordersOf(String player) {
        long account = accountOfPlayer.get(player);
        Set<Long> orders = new HashSet<>();
        for (Fill fill : devnet.groundTruth()) {
            if (fill.accountId() == account) {
                orders.add(fill.orderId());
            }
        }
        return orders;
    }

    private static long onlyOrderOf(String player) {
        Set<Long> orders = ordersOf(player);
        assertThat(orders).hasSize(1);
        return orders.iterator().next();
    }

    private static void pollResults() throws Exception {
        for (ConsumerRecord<String, String> r : results.poll(Duration.ofMillis(200))) {
            seenResults.add(JSON.readTree(r.value()));
        }
    }

    private static void pollFeed() throws Exception {
        for (ConsumerRecord<String, String> r : feed.poll(Duration.ofMillis(200))) {
            seenFeed.add(JSON.readTree(r.value()));
        }
    }

    private static KafkaConsumer<String, String> consumer(String topic, String isolation) {
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                isolation),
                        new StringDeserializer(),
                        new StringDeserializer());
        List<TopicPartition> partitions =
                List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The function server on a fixed port, so it can be stopped and started again. */
    private static final class StatefulFunctionsServer {
        private final int port;
        private volatile FunctionServer server;

        StatefulFunctionsServer(int port) {
            this.port = port;
        }

        synchronized void start() {
            server =
                    FunctionServer.start(
                            port,
                            FunctionServer.functions(
                                    gateway,
                                    new DailyTradeFn.Settings(
                                            Duration.ofSeconds(60),
                                            Duration.ofMillis(500),
                                            Duration.ofSeconds(2),
                                            8)));
        }

        synchronized void stop() {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        boolean running() {
            return server != null;
        }

        String url() {
            return "http://localhost:" + port + FunctionServer.PATH;
        }
    }

    /** The real gateway, counting placements and with hooks to break things at a given step. */
    private static final class HookedGateway implements ExchangeGateway {
        final Map<String, Consumer<OrderPlan>> afterPlan = new ConcurrentHashMap<>();
        final Map<String, Consumer<OrderPlan>> afterPlace = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> places = new ConcurrentHashMap<>();
        private final List<String> log = new CopyOnWriteArrayList<>();
        private final ExchangeGateway real;

        HookedGateway(ExchangeGateway real) {
            this.real = real;
        }

        int places(String player) {
            return places.getOrDefault(player, new AtomicInteger()).get();
        }

        @Override
        public OrderPlan plan(
                String player,
                String market,
                String side,
                String qty,
                String externalId,
                long nonce)
                throws ExchangeException {
            OrderPlan plan = real.plan(player, market, side, qty, externalId, nonce);
            Consumer<OrderPlan> hook = afterPlan.remove(player);
            if (hook != null) {
                hook.accept(plan);
            }
            return plan;
        }

        @Override
        public long place(String player, OrderPlan plan) throws ExchangeException {
            places.computeIfAbsent(player, p -> new AtomicInteger()).incrementAndGet();
            long id = real.place(player, plan);
            log.add(player + " placed " + plan.externalId() + " -> " + id);
            Consumer<OrderPlan> hook = afterPlace.get(player);
            if (hook != null) {
                hook.accept(plan);
            }
            return id;
        }

        @Override
        public Optional<OrderStatus> order(String player, String externalId)
                throws ExchangeException {
            return real.order(player, externalId);
        }

        @Override
        public void cancel(String player, String externalId) throws ExchangeException {
            real.cancel(player, externalId);
        }
    }
}
