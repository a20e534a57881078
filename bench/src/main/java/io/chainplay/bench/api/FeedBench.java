package io.chainplay.bench.api;

import io.chainplay.bench.Benchmark;
import io.chainplay.bench.Report;
import io.chainplay.embedded.EmbeddedKafka;
import io.chainplay.embedded.EmbeddedPostgres;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code api-feed}: 10,000 WebSocket clients of one API instance, each subscribed to {@code bets},
 * receiving a 20 messages/s broadcast (200,000 deliveries/s); p99 delivery latency from the
 * producer's send (an upper bound on the record's arrival in Kafka) to the client's read.
 *
 * <p>The API jar runs in its own JVM; Kafka, the producer and the clients ({@link WsFleet}) in this
 * one, so send and receive times come from the same clock. Ceiling: a plain Kafka consumer in this
 * JVM reading the same records (the Kafka hop alone, no relay). Baseline: the same relay with 100
 * clients (how much the fan-out to 10,000 costs). Target: p99 under 250 ms with no client dropped.
 */
public final class FeedBench implements Benchmark {

    static final int CLIENTS = 10_000;
    static final int RATE = 20;
    static final String TOPIC = "feed.casino";
    private static final String PLAYER = ReadBench.key("feed-player");
    private static final String POOL = ReadBench.key("feed-pool");

    @Override
    public String name() {
        return "api-feed";
    }

    @Override
    public String description() {
        return "WebSocket relay: 10,000 clients x 20 msg/s broadcast, p99 Kafka-to-client (µs)";
    }

    @Override
    public Report run(boolean quick) throws Exception {
        int clients = quick ? 200 : CLIENTS;
        Duration warmup = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(20);
        Duration measure = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic(TOPIC, 1, Map.of());
            EmbeddedPostgres.Database db = postgres.createDatabase("chainplay_bench");
            try (ApiServer api =
                            ApiServer.start(
                                    Map.of(
                                            "CHAINPLAY_DB_URL", db.jdbcUrl(),
                                            "CHAINPLAY_DB_USER", db.user(),
                                            "CHAINPLAY_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                                            "CHAINPLAY_FEED_TOPICS", TOPIC),
                                    "2g");
                    KafkaProducer<String, String> producer = producer(kafka);
                    WsFleet fleet = new WsFleet(2)) {
                Thread.sleep(6000); // the relay picks up the topic (topic-refresh 5 s)
                Sender sender = new Sender(producer);
                sender.start();

                // Baseline: the relay with 100 clients.
                int few = Math.min(100, clients);
                fleet.connect("localhost", api.port(), "/ws?channels=bets", few, 100, 60);
                Thread.sleep(warmup.toMillis() / 2);
                fleet.reset();
                long sent0 = sender.sent.get();
                Thread.sleep(measure.toMillis() / 3);
                Latencies baseline = fleet.latencies();
                long baselineExpected = (sender.sent.get() - sent0) * few;
                System.out.println("  " + few + " clients: " + baseline.summary());

                // The full fleet.
                long t0 = System.nanoTime();
                fleet.connect(
                        "localhost", api.port(), "/ws?channels=bets", clients - few, 500, 300);
                System.out.printf(
                        Locale.ROOT,
                        "  %d clients connected in %.1f s%n",
                        fleet.connected.get(),
                        (System.nanoTime() - t0) / 1e9);
                Thread.sleep(warmup.toMillis());
                Ceiling ceiling = new Ceiling(kafka);
                ceiling.start();
                fleet.reset();
                long closedBefore = fleet.closed.get();
                long sentBefore = sender.sent.get();
                double cpu0 = api.cpuSeconds();
                long self = ProcessHandle.current().pid();
                double selfCpu0 = ApiServer.cpuSeconds(self);
                double machine0 = machineBusySeconds();
                Thread.sleep(measure.toMillis());
                double selfCpu = (ApiServer.cpuSeconds(self) - selfCpu0) / measure.toSeconds();
                double machine = (machineBusySeconds() - machine0) / measure.toSeconds();
                long sentInWindow = sender.sent.get() - sentBefore;
                double cpu = (api.cpuSeconds() - cpu0) / measure.toSeconds();
                sender.stopSending();
                Thread.sleep(2000); // deliveries of the last messages
                Latencies measured = fleet.latencies();
                ceiling.stopReading();
                long expected = sentInWindow * clients;
                long dropped = fleet.closed.get() - closedBefore;
                System.out.println("  " + clients + " clients: " + measured.summary());
                System.out.println("  Kafka alone: " + ceiling.latencies.summary());

                Report report = new Report(name());
                report.add(
                        Report.Role.MEASURED,
                        clients + " clients, p99 delivery",
                        measured.quantileMicros(0.99),
                        "µs");
                report.add(Report.Role.TARGET, "p99 target", 250_000, "µs");
                report.add(
                        Report.Role.CEILING,
                        "Kafka consumer alone, p99",
                        ceiling.latencies.quantileMicros(0.99),
                        "µs");
                report.add(
                        Report.Role.BASELINE,
                        few + " clients, p99 delivery",
                        baseline.quantileMicros(0.99),
                        "µs");
                report.note(
                        String.format(
                                Locale.ROOT,
                                "%d clients: %s; delivered %,d of %,d (%.3f%%) at %,.0f/s; %d clients"
                                        + " dropped; CPU: API %.2f cores, this JVM (Kafka, producer,"
                                        + " clients) %.2f, whole machine %.2f of %d",
                                clients,
                                measured.summary(),
                                measured.count(),
                                expected,
                                100.0 * measured.count() / Math.max(1, expected),
                                measured.count() / (measure.toSeconds() + 2.0),
                                dropped,
                                cpu,
                                selfCpu,
                                machine,
                                Runtime.getRuntime().availableProcessors()));
                report.note(
                        String.format(
                                Locale.ROOT,
                                "%d clients: %s (delivered %,d of %,d)",
                                few,
                                baseline.summary(),
                                baseline.count(),
                                baselineExpected));
                report.note(
                        String.format(
                                Locale.ROOT,
                                "p99 %.1f ms %s the 250 ms target",
                                measured.quantileMicros(0.99) / 1000,
                                measured.quantileMicros(0.99) < 250_000 && dropped == 0
                                        ? "meets"
                                        : "MISSES"));
                return report;
            }
        }
    }

    /** Busy CPU seconds of the whole machine so far (/proc/stat), to see other load. */
    static double machineBusySeconds() {
        try {
            String[] f =
                    java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
                            .get(0)
                            .trim()
                            .split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(config);
    }

    /** Sends 20 bet messages a second, in the casino job's feed shape, stamped with nanoTime. */
    private static final class Sender extends Thread {
        final KafkaProducer<String, String> producer;
        final AtomicLong sent = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);

        Sender(KafkaProducer<String, String> producer) {
            super("feed-bench-sender");
            setDaemon(true);
            this.producer = producer;
        }

        @Override
        public void run() {
            long interval = 1_000_000_000L / RATE;
            long next = System.nanoTime();
            long n = 0;
            while (running.get()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                n++;
                long now = System.nanoTime();
                String value =
                        "{\"type\":\"bet.placed\",\"data\":{\"signature\":\"5bench"
                                + n
                                + "\",\"player\":\""
                                + PLAYER
                                + "\",\"amount\":\"1000000000\",\"trialId\":\"trial-"
                                + n
                                + "\",\"poolId\":\""
                                + POOL
                                + "\",\"sentNs\":"
                                + now
                                + "},\"timestamp\":"
                                + System.currentTimeMillis()
                                + ",\"id\":\"solana:5bench"
                                + n
                                + ":0:0\"}";
                producer.send(new ProducerRecord<>(TOPIC, PLAYER, value));
                sent.incrementAndGet();
                next += interval;
            }
        }

        void stopSending() {
            running.set(false);
        }
    }

    /** A plain consumer of the topic: the Kafka hop alone. */
    private static final class Ceiling extends Thread {
        final KafkaConsumer<String, String> consumer;
        final Latencies latencies = new Latencies();
        volatile boolean running = true;

        Ceiling(EmbeddedKafka kafka) {
            super("feed-bench-ceiling");
            setDaemon(true);
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
            consumer = new KafkaConsumer<>(config);
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        String v = r.value();
                        int i = v.indexOf("\"sentNs\":");
                        if (i >= 0) {
                            int end = i + 9;
                            while (end < v.length() && Character.isDigit(v.charAt(end))) {
                                end++;
                            }
                            latencies.record(now - Long.parseLong(v.substring(i + 9, end)));
                        }
                    }
                }
            } finally {
                consumer.close();
            }
        }

        void stopReading() throws InterruptedException {
            running = false;
            join(5000);
        }
    }
}
