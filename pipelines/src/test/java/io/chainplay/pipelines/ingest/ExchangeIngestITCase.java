package io.chainplay.pipelines.ingest;

import io.chainplay.connectors.exchange.source.DevnetTraders;
import io.chainplay.connectors.exchange.source.ExtendedFillsSource;
import io.chainplay.devnet.extended.Fill;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.pipelines.common.KafkaTopics;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.dlq.DeadLetter;
import io.chainplay.schemas.exchange.ExchangeFill;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange path end to end: the Extended devnet (real REST API and account stream, orders
 * signed by our signer) → the fills source → the ingest job → Kafka with transactions, read back
 * with read_committed and compared with the devnet's ground truth.
 */
class ExchangeIngestITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void fillsLandKeyedByPlayerOnceEachAndAMalformedTradeLandsInTheDlq() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String fillsTopic = "raw.exchange.fills." + suffix;
        String dlqTopic = "dlq.exchange." + suffix;
        try (DevnetTraders t = new DevnetTraders(17);
                CorruptingProxy proxy = new CorruptingProxy(t.devnet.port())) {
            t.cross();
            t.cross(); // 4 fills before the job: it finds them in its first catch-up
            Fill corrupted = t.devnet.groundTruth().get(0);
            proxy.corruptSideOf = corrupted.id();

            Configuration conf = new Configuration();
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            ExchangeIngestJob.build(
                    env,
                    ExtendedFillsSource.builder()
                            .setRestUrl(proxy.url())
                            .setStreamUrl(t.devnet.accountStreamUrl())
                            .setAccounts(t.accounts())
                            .setPageSize(3)
                            .setBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
                            .build(),
                    ExchangeIngestJob.kafkaSink(
                            KAFKA.bootstrapServers(), "exchange-" + suffix, fillsTopic, dlqTopic));
            JobClient job = env.executeAsync("exchange-ingest-" + suffix);
            try {
                for (int round = 0; round < 5; round++) {
                    t.cross();
                    t.cross();
                    if (round == 2) {
                        t.devnet.disconnectStreams();
                    }
                    Thread.sleep(200);
                }
                List<Fill> truth = t.devnet.groundTruth();
                List<ConsumerRecord<byte[], byte[]>> fills = List.of();
                List<ConsumerRecord<byte[], byte[]>> dead = List.of();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline) {
                    fills = KafkaTopics.readAll(KAFKA.bootstrapServers(), fillsTopic);
                    dead = KafkaTopics.readAll(KAFKA.bootstrapServers(), dlqTopic);
                    if (fills.size() >= truth.size() - 1 && !dead.isEmpty()) {
                        break;
                    }
                    Thread.sleep(300);
                }
                Thread.sleep(1_000); // one more checkpoint: a duplicate would be committed by now
                fills = KafkaTopics.readAll(KAFKA.bootstrapServers(), fillsTopic);
                dead = KafkaTopics.readAll(KAFKA.bootstrapServers(), dlqTopic);

                assertThat(truth).hasSize(24);
                List<Long> expected =
                        truth.stream()
                                .map(Fill::id)
                                .filter(id -> id != corrupted.id())
                                .sorted()
                                .toList();
                List<Long> written = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : fills) {
                    ExchangeFill f = Topics.RAW_EXCHANGE_FILLS.deserializeValue(r.value());
                    written.add(f.getFillId());
                    String key = Topics.RAW_EXCHANGE_FILLS.deserializeKey(r.key());
                    assertThat(key).isEqualTo(f.getPlayer());
                    assertThat(key)
                            .isEqualTo(
                                    f.getAccountId() == DevnetTraders.ACCOUNT_A
                                            ? DevnetTraders.WALLET_A
                                            : DevnetTraders.WALLET_B);
                    assertThat(r.timestamp()).isEqualTo(f.getCreatedTime().toEpochMilli());
                }
                assertThat(written.stream().sorted().toList())
                        .as("fills written, each once")
                        .containsExactlyElementsOf(expected);

                assertThat(dead).hasSize(1);
                DeadLetter letter = Topics.DLQ_EXCHANGE.deserializeValue(dead.get(0).value());
                assertThat(letter.getReason()).contains("unknown side 'HOLD'");
                assertThat(letter.getPosition()).contains("fill " + corrupted.id());
                JsonNode raw =
                        JSON.readTree(StandardCharsets.UTF_8.decode(letter.getValue()).toString());
                assertThat(raw.path("id").asLong()).isEqualTo(corrupted.id());
                assertThat(raw.path("side").asText()).isEqualTo("HOLD");
                assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8))
                        .isEqualTo(DevnetTraders.WALLET_A);
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * Forwards REST calls to the devnet and, in GET /user/trades answers, changes one trade's side
     * to "HOLD": a malformed trade as a buggy exchange release or a broken proxy would send it.
     */
    static final class CorruptingProxy implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        final HttpServer server;
        final int target;
        volatile long corruptSideOf = -1;

        CorruptingProxy(int targetPort) throws IOException {
            this.target = targetPort;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext(
                    "/",
                    http -> {
                        try {
                            URI uri = http.getRequestURI();
                            HttpResponse<String> r =
                                    HTTP.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    "http://127.0.0.1:"
                                                                            + target
                                                                            + uri.getRawPath()
                                                                            + (uri.getRawQuery()
                                                                                            == null
                                                                                    ? ""
                                                                                    : "?"
                                                                                            + uri
                                                                                                    .getRawQuery())))
                                                    .header(
                                                            "X-Api-Key",
                                                            String.valueOf(
                                                                    http.getRequestHeaders()
                                                                            .getFirst("X-Api-Key")))
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                            String body = r.body();
                            if (uri.getPath().endsWith("/user/trades") && r.statusCode() == 200) {
                                JsonNode json = JSON.readTree(body);
                                for (JsonNode trade : json.path("data")) {
                                    if (trade.path("id").asLong() == corruptSideOf) {
                                        ((ObjectNode) trade).put("side", "HOLD");
                                    }
                                }
                                body = json.toString();
                            }
                            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                            http.sendResponseHeaders(r.statusCode(), bytes.length);
                            http.getResponseBody().write(bytes);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            http.sendResponseHeaders(500, -1);
                        } finally {
                            http.close();
                        }
                    });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
