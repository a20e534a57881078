package io.chainplay.pipelines.ingest;

import io.chainplay.connectors.solana.source.SolanaSourceOptions;
import io.chainplay.devnet.solana.Commitment;
import io.chainplay.devnet.solana.Fate;
import io.chainplay.devnet.solana.Faults;
import io.chainplay.devnet.solana.GeneratedEvent;
import io.chainplay.devnet.solana.SolanaDevnet;
import io.chainplay.embedded.junit.KafkaExtension;
import io.chainplay.pipelines.common.KafkaTopics;
import io.chainplay.schemas.AvroSerde;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Solana path end to end: the devnet node (real JSON-RPC, real Anchor encodings) → the Solana
 * source → the ingest job → Kafka, read back with read_committed and compared with what the devnet
 * generated.
 */
class SolanaIngestITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AvroSerde<ChainEvent> EVENTS = AvroSerde.of(ChainEvent.class);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void aBoundedRangeGivesExactlyTheGeneratedEventsOnce() throws Exception {
        try (SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(7)
                        .genesisTime(Instant.parse("2026-01-01T00:00:00Z"))
                        .transactionsPerSecond(30)
                        .start()) {
            devnet.advance(300);
            long from = devnet.startSlot();
            long to = devnet.slot(Commitment.FINALIZED);
            Run run = new Run(devnet);
            Configuration conf = run.conf();
            conf.set(SolanaSourceOptions.COMMITMENT, "finalized");
            conf.set(SolanaSourceOptions.START_SLOT, from);
            conf.set(SolanaSourceOptions.END_SLOT, to);
            conf.set(SolanaSourceOptions.SLOTS_PER_SPLIT, 40L);
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);

            run.execute(conf);
            KafkaTopics.awaitSettled(
                    KAFKA.bootstrapServers(), run.topics(), Duration.ofSeconds(30));

            List<GeneratedEvent> expected = devnet.groundTruth().finalEvents(from, to);
            assertThat(expected).hasSizeGreaterThan(300);
            assertThat(devnet.groundTruth().failedTransactionEvents(from, to)).isNotEmpty();
            List<ChainEvent> written = run.readAll();
            assertThat(written)
                    .allSatisfy(e -> assertThat(EventKind.of(e)).isEqualTo(EventKind.FINALIZED));
            List<String> actual = describe(written);
            List<String> wanted = describeGenerated(expected, EventKind.FINALIZED);
            assertThat(difference(wanted, actual)).as("generated but not written").isEmpty();
            assertThat(difference(actual, wanted)).as("written but not generated").isEmpty();
            assertThat(actual).hasSameSizeAs(wanted); // and nothing twice
        }
    }

    @Test
    void liveThroughFaultsForksAndARestartLosesAndRepeatsNothing() throws Exception {
        try (SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(11)
                        .genesisTime(Instant.parse("2026-02-01T00:00:00Z"))
                        .transactionsPerSecond(20)
                        .start()) {
            devnet.advance(5);
            long from = devnet.startSlot();
            Run run = new Run(devnet);
            Configuration conf = run.conf();
            conf.set(SolanaSourceOptions.START_SLOT, from);
            conf.set(SolanaSourceOptions.RPC_MAX_ATTEMPTS, 3);
            conf.set(SolanaSourceOptions.RPC_REQUEST_TIMEOUT, Duration.ofMillis(500));
            conf.set(SolanaSourceOptions.POLL_INTERVAL, Duration.ofMillis(50));
            JobClient job = run.start(conf);
            try {
                devnet.faults()
                        .rateLimit(0.1, Duration.ofMillis(100))
                        .timeouts(0.02, Duration.ofSeconds(2));
                for (int round = 0; round < 6; round++) {
                    devnet.advance(8);
                    Thread.sleep(400);
                    if (round == 2) {
                        // A crash: more server errors than a reader's attempts, so the job
                        // restarts from its last checkpoint.
                        devnet.faults().injectNext(Faults.Kind.SERVER_ERROR, 10);
                        // Generous: on a loaded 2-core machine the restarted readers can take
                        // well over 30 s to make their next ten requests.
                        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                        while (devnet.faults().injected(Faults.Kind.SERVER_ERROR) < 10
                                && System.nanoTime() < deadline) {
                            Thread.sleep(100);
                        }
                        assertThat(devnet.faults().injected(Faults.Kind.SERVER_ERROR))
                                .as("server errors the readers met before the test went on")
                                .isGreaterThanOrEqualTo(10);
                    }
                    if (round == 1 || round == 4) {
                        // A fork the reader sees at confirmed: no faults while it is visible.
                        devnet.faults().clear();
                        awaitCaughtUp(devnet, run, from);
                        devnet.forkNext(3);
                        for (int i = 0; i < 3; i++) {
                            devnet.advance(1);
                            Thread.sleep(800);
                        }
                        devnet.faults().rateLimit(0.1, Duration.ofMillis(100));
                    }
                }
                devnet.faults().clear();
                devnet.advance(40); // everything so far is finalized
                long finalized = devnet.slot(Commitment.FINALIZED);
                List<GeneratedEvent> generated = devnet.groundTruth().events(from, finalized - 8);
                List<GeneratedEvent> kept =
                        generated.stream().filter(g -> g.fate() != Fate.DROPPED).toList();
                List<GeneratedEvent> dropped =
                        generated.stream().filter(g -> g.fate() == Fate.DROPPED).toList();
                Map<String, Integer> expected = expectedKinds(kept);
                assertThat(generated).anyMatch(g -> g.fate() == Fate.DROPPED);
                assertThat(devnet.faults().injected(Faults.Kind.SERVER_ERROR))
                        .isGreaterThanOrEqualTo(10);

                Map<String, Integer> actual = Map.of();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    actual = kinds(run.readAll(), finalized - 8);
                    if (mismatches(expected, without(actual, dropped)).isEmpty()) {
                        break;
                    }
                    Thread.sleep(1_000);
                }
                // Kept copies: observed once and finalized once, whatever the faults and restart.
                assertThat(mismatches(expected, without(actual, dropped))).isEmpty();
                // Copies on the abandoned forks: retracted exactly once if they were observed
                // (a fork block is visible at confirmed only for a moment; one the reader never
                // saw needs no retraction).
                int retracted = 0;
                for (GeneratedEvent g : dropped) {
                    String copy = g.eventId() + " @" + g.slot() + " ";
                    int observed = actual.getOrDefault(copy + EventKind.OBSERVED, 0);
                    assertThat(actual.getOrDefault(copy + EventKind.RETRACTED, 0))
                            .as(copy + "retractions")
                            .isEqualTo(observed);
                    assertThat(observed).as(copy + "observations").isLessThanOrEqualTo(1);
                    assertThat(actual.getOrDefault(copy + EventKind.FINALIZED, 0)).isZero();
                    retracted += observed;
                }
                assertThat(retracted).as("dropped copies observed and retracted").isPositive();
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Waits until the job has emitted the events of the newest confirmed slot that has any. */
    private static void awaitCaughtUp(SolanaDevnet devnet, Run run, long from)
            throws InterruptedException {
        long confirmed = devnet.slot(Commitment.CONFIRMED);
        long newest =
                devnet.groundTruth().events(from, confirmed).stream()
                        .mapToLong(GeneratedEvent::slot)
                        .max()
                        .orElse(from);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && run.readAll().stream().noneMatch(e -> e.getSlot() == newest)) {
            Thread.sleep(200);
        }
    }

    /** The counts without the copies in abandoned fork blocks. */
    private static Map<String, Integer> without(
            Map<String, Integer> counts, List<GeneratedEvent> dropped) {
        Map<String, Integer> rest = new TreeMap<>(counts);
        for (GeneratedEvent g : dropped) {
            for (EventKind kind : EventKind.values()) {
                rest.remove(g.eventId() + " @" + g.slot() + " " + kind);
            }
        }
        return rest;
    }

    /** "copy kind: expected N, written M" for every count that differs. */
    private static List<String> mismatches(
            Map<String, Integer> expected, Map<String, Integer> actual) {
        TreeMap<String, Integer> keys = new TreeMap<>(expected);
        actual.forEach(keys::putIfAbsent);
        List<String> lines = new ArrayList<>();
        for (String key : keys.keySet()) {
            int want = expected.getOrDefault(key, 0);
            int got = actual.getOrDefault(key, 0);
            if (want != got) {
                lines.add(key + ": expected " + want + ", written " + got);
            }
        }
        return lines;
    }

    private static List<String> difference(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(a);
        for (String x : b) {
            rest.remove(x);
        }
        return rest.subList(0, Math.min(rest.size(), 10));
    }

    /** (event id, slot, kind) → how many times, for copies up to a slot. */
    private static Map<String, Integer> kinds(List<ChainEvent> events, long upToSlot) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ChainEvent e : events) {
            if (e.getSlot() <= upToSlot) {
                counts.merge(
                        e.getEventId() + " @" + e.getSlot() + " " + EventKind.of(e),
                        1,
                        Integer::sum);
            }
        }
        return counts;
    }

    /** Each copy observed once, then finalized once, or retracted once if its block was dropped. */
    private static Map<String, Integer> expectedKinds(List<GeneratedEvent> generated) {
        Map<String, Integer> counts = new TreeMap<>();
        for (GeneratedEvent g : generated) {
            String copy = g.eventId() + " @" + g.slot() + " ";
            counts.merge(copy + EventKind.OBSERVED, 1, Integer::sum);
            counts.merge(
                    copy + (g.fate() == Fate.DROPPED ? EventKind.RETRACTED : EventKind.FINALIZED),
                    1,
                    Integer::sum);
        }
        return counts;
    }

    private static List<String> describe(List<ChainEvent> events) {
        List<String> lines = new ArrayList<>();
        for (ChainEvent e : events) {
            lines.add(
                    line(
                            e.getEventId(),
                            e.getSlot(),
                            e.getProgramName().replaceAll("_[0-9a-f]{8}$", ""),
                            e.getEventName(),
                            EventKind.of(e),
                            parse(e.getPayload())));
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> describeGenerated(List<GeneratedEvent> events, EventKind kind) {
        List<String> lines = new ArrayList<>();
        for (GeneratedEvent g : events) {
            lines.add(
                    line(g.eventId(), g.slot(), g.programName(), g.eventName(), kind, g.fields()));
        }
        lines.sort(null);
        return lines;
    }

    private static String line(
            String id, long slot, String program, String event, EventKind kind, JsonNode fields) {
        return id
                + " @"
                + slot
                + " "
                + program
                + "."
                + event
                + " "
                + kind
                + " "
                + canonical(fields);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** Numbers compared by value (0 = 0.0), objects by field. */
    private static String canonical(JsonNode node) {
        if (node.isNumber()) {
            return new BigDecimal(node.asText()).stripTrailingZeros().toPlainString();
        }
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.append(f.getKey()).append(':').append(canonical(f.getValue())).append(',');
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(e -> out.append(canonical(e)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }

    /** One ingest run: its own program names, hence its own raw topics. */
    private static final class Run {
        final SolanaDevnet devnet;
        final String suffix = UUID.randomUUID().toString().substring(0, 8);

        Run(SolanaDevnet devnet) {
            this.devnet = devnet;
        }

        Configuration conf() {
            Configuration conf = new Configuration();
            conf.set(SolanaSourceOptions.RPC_ENDPOINTS, List.of(devnet.url()));
            conf.set(
                    SolanaSourceOptions.IDLS,
                    List.of(
                            "idl=classpath:idl/fare_vault.json, name=fare_vault_" + suffix,
                            "idl=classpath:idl/solana_mafia.json, name=solana_mafia_" + suffix));
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(200));
            return conf;
        }

        private StreamExecutionEnvironment environment(Configuration conf) {
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            SolanaIngestJob.build(
                    env,
                    SolanaSourceOptions.source(conf),
                    SolanaIngestJob.kafkaSink(KAFKA.bootstrapServers(), "ingest-" + suffix));
            return env;
        }

        void execute(Configuration conf) throws Exception {
            environment(conf).execute("ingest-" + suffix);
        }

        JobClient start(Configuration conf) throws Exception {
            return environment(conf).executeAsync("ingest-" + suffix);
        }

        /** This run's raw topics, one per program. */
        List<String> topics() {
            return List.of("raw.solana.fare_vault_" + suffix, "raw.solana.solana_mafia_" + suffix);
        }

        /** Everything committed to this run's raw topics so far. */
        List<ChainEvent> readAll() {
            List<ChainEvent> events = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    KAFKA.bootstrapServers(),
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    "read-" + UUID.randomUUID(),
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest",
                                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                    "read_committed"),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics()) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(10))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                // read_committed: the end offsets are the last stable ones, so this reads every
                // committed record and stops.
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        events.add(EVENTS.decode(r.value()));
                    }
                }
            }
            return events;
        }
    }
}
