package io.chainplay.bench.statefun;

import io.chainplay.bench.Benchmark;
import io.chainplay.bench.Report;
import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.devnet.extended.DevnetAccount;
import io.chainplay.devnet.extended.ExtendedDevnet;
import io.chainplay.embedded.EmbeddedKafka;
import io.chainplay.embedded.FreePorts;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.solana.Base58;
import io.chainplay.statefun.functions.FunctionServer;
import io.chainplay.statefun.functions.exchange.ExchangeAccounts;
import io.chainplay.statefun.functions.exchange.ExchangeException;
import io.chainplay.statefun.functions.exchange.ExchangeGateway;
import io.chainplay.statefun.functions.exchange.ExtendedGateway;
import io.chainplay.statefun.functions.exchange.OrderPlan;
import io.chainplay.statefun.functions.exchange.OrderStatus;
import io.chainplay.statefun.functions.trade.DailyTradeFn;
import io.chainplay.statefun.supervisor.FillRelay;
import io.chainplay.statefun.supervisor.StatefunSupervisor;

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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code daily-trade}: workflows completed per second and the latency from request to result of the
 * StateFun daily-trade workflow, trading on the in-process Extended devnet.
 *
 * <p>What runs: embedded Kafka; the Extended devnet (real clock, one account per player, Stark keys
 * derived from the player's index); the function server in this JVM with an {@link
 * ExchangeAccounts} for those players; the StateFun runtime in its own JVM via {@link
 * StatefunSupervisor}; and a relay that produces the devnet's fills of those accounts to {@code
 * raw.exchange.fills} as {@code ExchangeFill} keyed by player, as the daily-trade ITCase does. The
 * production path (the exchange ingest job on Flink, reading the account stream) is not used: a
 * Flink MiniCluster beside the runtime would share the same two cores, and its own checkpoint would
 * add a second commit delay. The relay scans every {@link #RELAY_INTERVAL}, which it adds at most.
 *
 * <p>Each system sees the same two loads, each on fresh players (one trade per player per day): an
 * open loop of one request per player at {@link #RATE}/s, for latency, and a burst of one request
 * per player at once, for throughput. Latency runs from a request's scheduled send to its terminal
 * result (FILLED, or REJECTED/CANCELLED) being readable with {@code read_committed}.
 *
 * <p>Ceiling: the exchange round trip alone, made with the function's own {@link ExtendedGateway}
 * (an {@code ExtendedTrader} per account: read the quote, sign, place, look the order up until
 * FILLED) from a pool of 16 threads — what the workflow does minus Kafka, StateFun and checkpoints.
 * Baseline: the seed's design (Perp Tycoon's trading service), one synchronous loop on one thread:
 * check the day's allowance in a map, sign, place, poll the order until FILLED.
 */
public final class DailyTradeBench implements Benchmark {

    static final int PLAYERS = 200;
    static final int RATE = 20;
    static final int WARMUP = 20;
    static final String MARKET = "BTC-USD";
    static final String QTY = "0.0010";
    static final Duration RELAY_INTERVAL = Duration.ofMillis(20);
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    /**
     * The runtime's checkpoint interval for the bench (production default 10 s): results commit to
     * the exactly-once egress at checkpoints, so this bounds the latency below. Overridable with
     * {@code -Dbench.checkpoint.ms=}.
     */
    static final Duration CHECKPOINT =
            Duration.ofMillis(Long.getLong("bench.checkpoint.ms", 1_000));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("FILLED", "REJECTED", "CANCELLED");

    @Override
    public String name() {
        return "daily-trade";
    }

    @Override
    public String description() {
        return "StateFun daily-trade workflow on the devnet exchange: completed/s and p99 request"
                + " → result (ms)";
    }

    @Override
    public Report run(boolean quick) throws Exception {
        // -Dbench.players= and -Dbench.rate= change the load, e.g. a rate below the workflow's
        // capacity to see its latency without queueing.
        int players = quick ? 10 : Integer.getInteger("bench.players", PLAYERS);
        int rate = quick ? 10 : Integer.getInteger("bench.rate", RATE);
        int warmup = quick ? 4 : WARMUP;
        String load0 = loadAverage();
        Path dir = Files.createTempDirectory("chainplay-bench-daily-trade");

        // Accounts: warm-up, then one block of `players` per (system, load), so that every
        // request is a player's first of the day and every order the account's first.
        Block wfWarm = new Block("wf-warm", 0, warmup);
        Block wfRate = new Block("wf-rate", wfWarm.end(), players);
        Block wfBurst = new Block("wf-burst", wfRate.end(), players);
        Block ceWarm = new Block("ce-warm", wfBurst.end(), warmup);
        Block ceRate = new Block("ce-rate", ceWarm.end(), players);
        Block ceBurst = new Block("ce-burst", ceRate.end(), players);
        Block baRate = new Block("ba-rate", ceBurst.end(), players);
        Block baBurst = new Block("ba-burst", baRate.end(), players);
        int accounts = baBurst.end();

        ExtendedDevnet.Builder devnetBuilder = ExtendedDevnet.builder().seed(11);
        Map<String, ExtendedAccount> byPlayer = new HashMap<>();
        Map<Long, String> workflowPlayerOfAccount = new HashMap<>();
        for (int i = 0; i < accounts; i++) {
            StarkPrivateKey key =
                    StarkPrivateKey.fromHex(
                            BigInteger.valueOf(0x5eed_0000L + 7919L * (i + 1)).toString(16));
            long accountId = 7_001 + i;
            String apiKey = "bench-api-key-" + i;
            devnetBuilder.account(
                    new DevnetAccount(
                            apiKey,
                            accountId,
                            70_001 + i,
                            key.publicKey(),
                            new BigDecimal("1000000")));
            byPlayer.put(player(i), new ExtendedAccount(apiKey, 70_001 + i, key));
            if (i < wfBurst.end()) {
                workflowPlayerOfAccount.put(accountId, player(i));
            }
        }
        System.out.printf(
                "  %d devnet accounts; checkpoint interval %d ms; %d players per load%n",
                accounts, CHECKPOINT.toMillis(), players);

        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).start();
                ExtendedDevnet devnet = devnetBuilder.start()) {
            kafka.createTopic(Topics.WF_TRADE_REQUESTS.name(), 2);
            kafka.createTopic(Topics.WF_TRADE_RESULTS.name(), 2);
            kafka.createTopic(Topics.RAW_EXCHANGE_FILLS.name(), 2);
            kafka.createTopic(Topics.FEED_TRADES.name(), 2);
            ExchangeAccounts exchangeAccounts = new ExchangeAccounts(byPlayer);
            FunctionServer functions =
                    FunctionServer.start(
                            FreePorts.any(),
                            FunctionServer.functions(
                                    FunctionServer.extended(
                                            devnet.url(), exchangeAccounts, "sepolia"),
                                    DailyTradeFn.Settings.DEFAULT));
            StatefunSupervisor statefun =
                    StatefunSupervisor.builder()
                            .dataDir(dir.resolve("statefun"))
                            .kafkaBootstrap(kafka.bootstrapServers())
                            .functionUrl(functions.url())
                            .consumerGroup("bench-daily-trade")
                            .restPort(FreePorts.any())
                            .checkpointInterval(CHECKPOINT)
                            .jvmOptions(List.of("-Xmx768m"))
                            .build();
            try (FillRelay relay =
                            new FillRelay(
                                    devnet,
                                    kafka.bootstrapServers(),
                                    workflowPlayerOfAccount,
                                    RELAY_INTERVAL);
                    Results results = new Results(kafka.bootstrapServers(), "read_committed");
                    Results written = new Results(kafka.bootstrapServers(), "read_uncommitted")) {
                relay.start();
                results.start();
                written.start();
                long t0 = System.nanoTime();
                statefun.start();
                System.out.printf("  StateFun runtime RUNNING after %d ms%n", ms(t0));

                ExchangeGateway gateway =
                        new ExtendedGateway(
                                devnet.url(),
                                exchangeAccounts,
                                SignatureFormat.snip12(Snip12Domain.SEPOLIA),
                                ExtendedGateway.Settings.DEFAULT,
                                Clock.systemUTC());
                try (KafkaProducer<String, String> requests = producer(kafka.bootstrapServers())) {
                    Workflow workflow = new Workflow(requests, results, written);
                    Direct ceiling = new Ceiling(gateway);
                    Direct baseline = new Baseline(gateway);

                    // Warm-up: JIT of the devnet's signature checks, the function, the runtime.
                    workflow.run(wfWarm, warmup, 0);
                    ceiling.run(ceWarm, warmup, 0);

                    Outcome wfR = workflow.run(wfRate, players, rate);
                    print("workflow, open loop", wfR);
                    String writtenR =
                            String.format(
                                    Locale.ROOT,
                                    "p50=%.0f ms  p99=%.0f ms",
                                    workflow.writtenP50,
                                    workflow.writtenP99);
                    System.out.println("    as written (read_uncommitted): " + writtenR);
                    Outcome wfB = workflow.run(wfBurst, players, 0);
                    print("workflow, burst    ", wfB);
                    Outcome ceR = ceiling.run(ceRate, players, rate);
                    print("ceiling, open loop ", ceR);
                    Outcome ceB = ceiling.run(ceBurst, players, 0);
                    print("ceiling, burst     ", ceB);
                    Outcome baR = baseline.run(baRate, players, rate);
                    print("baseline, open loop", baR);
                    Outcome baB = baseline.run(baBurst, players, 0);
                    print("baseline, burst    ", baB);
                    String load1 = loadAverage();
                    String checkpoints = checkpointStats(statefun);

                    Report report = new Report(name());
                    report.add(
                            Report.Role.MEASURED,
                            "workflow p99, request → committed result, " + rate + "/s",
                            wfR.p(0.99),
                            "ms");
                    report.add(
                            Report.Role.CEILING,
                            "exchange round trip alone (quote, sign, place, look up), p99",
                            ceR.p(0.99),
                            "ms");
                    report.add(
                            Report.Role.BASELINE,
                            "seed's synchronous loop on one thread, p99",
                            baR.p(0.99),
                            "ms");
                    report.note(
                            String.format(
                                    Locale.ROOT,
                                    "throughput, burst of %d: workflow %.1f completed/s;"
                                            + " ceiling %.1f/s (×%.2f); baseline %.1f/s (×%.2f)",
                                    players,
                                    wfB.perSecond(),
                                    ceB.perSecond(),
                                    wfB.perSecond() / ceB.perSecond(),
                                    baB.perSecond(),
                                    wfB.perSecond() / baB.perSecond()));
                    report.note("workflow at " + rate + "/s: " + wfR.summary());
                    report.note("workflow burst:   " + wfB.summary());
                    report.note("ceiling at " + rate + "/s:  " + ceR.summary());
                    report.note("baseline at " + rate + "/s: " + baR.summary());
                    report.note(
                            "workflow at "
                                    + rate
                                    + "/s, terminal result written (read_uncommitted, before its"
                                    + " commit): "
                                    + writtenR);
                    report.note("runtime checkpoints: " + checkpoints);
                    report.note(
                            "runtime checkpoint interval "
                                    + CHECKPOINT.toMillis()
                                    + " ms (production default 10 s): results become readable"
                                    + " (read_committed) only when a checkpoint completes, so"
                                    + " latency is bounded below by it");
                    report.note(
                            "fills: the devnet's fills of the players' accounts produced to"
                                    + " raw.exchange.fills by an in-process relay every "
                                    + RELAY_INTERVAL.toMillis()
                                    + " ms (not the exchange ingest job on Flink)");
                    report.note("load average (1/5/15 min) before: " + load0 + "; after: " + load1);
                    return report;
                }
            } finally {
                statefun.close();
                functions.close();
            }
        }
    }

    private static void print(String what, Outcome o) {
        System.out.println("  " + what + "  " + o.summary());
    }

    static String player(int i) {
        // A wallet address (base58 of 32 bytes) per index: the fills' mapping checks it is one.
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 7);
        java.nio.ByteBuffer.wrap(key).putInt(28, i);
        return Base58.encode(key);
    }

    /** Players [start, start + count) of one (system, load), with their request ids' prefix. */
    record Block(String name, int start, int count) {
        int end() {
            return start + count;
        }
    }

    /**
     * One (system, load): per request its latency (ms) and final status, and the time from the
     * first scheduled send to the last completion.
     */
    record Outcome(double[] latenciesMs, Map<String, Integer> statuses, double spanSeconds) {

        double p(double q) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
        }

        double perSecond() {
            return latenciesMs.length / spanSeconds;
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "n=%d  %.1f completed/s  p50=%.0f ms  p99=%.0f ms  max=%.0f ms  %s",
                    latenciesMs.length,
                    perSecond(),
                    p(0.50),
                    p(0.99),
                    p(1.0),
                    new TreeMap<>(statuses));
        }
    }

    /** Sends one request per player of a block on schedule and collects what became of each. */
    abstract static class Driver {

        /**
         * @param rate requests per second, or 0 for all at once
         */
        Outcome run(Block block, int count, int rate) throws Exception {
            long interval = rate == 0 ? 0 : 1_000_000_000L / rate;
            long start = System.nanoTime() + 50_000_000L;
            long[] scheduled = new long[count];
            for (int i = 0; i < count; i++) {
                scheduled[i] = start + i * interval;
            }
            return collect(block, scheduled, start);
        }

        abstract Outcome collect(Block block, long[] scheduled, long start) throws Exception;

        static void waitUntil(long nanos) {
            long wait;
            while ((wait = nanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
        }

        static String side(int i) {
            return i % 2 == 0 ? "BUY" : "SELL";
        }
    }

    /** Requests on wf.trade.requests; results from wf.trade.results (read_committed). */
    static final class Workflow extends Driver {
        private final KafkaProducer<String, String> requests;
        private final Results results;
        private final Results written;

        /** Written results, seen before they commit: how much of the latency is the commit. */
        double writtenP50;

        double writtenP99;

        Workflow(KafkaProducer<String, String> requests, Results results, Results written) {
            this.requests = requests;
            this.results = results;
            this.written = written;
        }

        @Override
        Outcome collect(Block block, long[] scheduled, long start) throws Exception {
            int n = scheduled.length;
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                waitUntil(scheduled[i]);
                String player = player(block.start() + i);
                ids[i] = block.name() + "-" + i;
                String json =
                        JSON.writeValueAsString(
                                Map.of(
                                        "requestId", ids[i],
                                        "player", player,
                                        "market", MARKET,
                                        "side", side(i),
                                        "qty", QTY));
                requests.send(new ProducerRecord<>(Topics.WF_TRADE_REQUESTS.name(), player, json));
            }
            requests.flush();
            // The fill timeout (30 s) plus a few checkpoints bounds every workflow's end.
            long deadline =
                    System.nanoTime()
                            + DailyTradeFn.Settings.DEFAULT.fillTimeout().toNanos()
                            + 30_000_000_000L;
            while (System.nanoTime() < deadline && !results.allDone(ids)) {
                Thread.sleep(20);
            }
            List<Double> latencies = new ArrayList<>();
            Map<String, Integer> statuses = new HashMap<>();
            List<Double> uncommitted = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Results.Done w = written.done.get(ids[i]);
                if (w != null) {
                    uncommitted.add((w.nanos() - scheduled[i]) / 1e6);
                }
            }
            Outcome writtenOutcome = outcome(uncommitted, Map.of(), start, start);
            writtenP50 = writtenOutcome.p(0.50);
            writtenP99 = writtenOutcome.p(0.99);
            long last = start;
            for (int i = 0; i < n; i++) {
                Results.Done done = results.done.get(ids[i]);
                if (done == null) {
                    statuses.merge("NO RESULT", 1, Integer::sum);
                    continue;
                }
                statuses.merge(done.status(), 1, Integer::sum);
                latencies.add((done.nanos() - scheduled[i]) / 1e6);
                last = Math.max(last, done.nanos());
            }
            return outcome(latencies, statuses, start, last);
        }
    }

    static Outcome outcome(
            List<Double> latencies, Map<String, Integer> statuses, long start, long last) {
        return new Outcome(
                latencies.stream().mapToDouble(Double::doubleValue).toArray(),
                statuses,
                Math.max(1e-3, (last - start) / 1e9));
    }

    /** Trades straight against the devnet through the function's own gateway. */
    abstract static class Direct extends Driver {
        final ExchangeGateway gateway;

        Direct(ExchangeGateway gateway) {
            this.gateway = gateway;
        }

        /** Quote + sign, place, then look the order up until it is FILLED (or ends otherwise). */
        String trade(String player, String externalId, String side, long nonce)
                throws ExchangeException, InterruptedException {
            OrderPlan plan = gateway.plan(player, MARKET, side, QTY, externalId, nonce);
            gateway.place(player, plan);
            for (int attempt = 0; attempt < 150; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(POLL_INTERVAL.toMillis());
                }
                Optional<OrderStatus> order = gateway.order(player, externalId);
                if (order.isPresent()) {
                    String status = order.get().status();
                    if (!status.equals("NEW") && !status.equals("PARTIALLY_FILLED")) {
                        return status;
                    }
                }
            }
            return "NO FILL";
        }
    }

    /**
     * The exchange round trip alone, 16 in flight at most: a request waits for no other, as the
     * runtime's asynchronous invocations of different players don't. Looks the order up at once
     * after placing (the devnet matches on placement), so nothing here waits on a timer.
     */
    static final class Ceiling extends Direct {
        Ceiling(ExchangeGateway gateway) {
            super(gateway);
        }

        @Override
        Outcome collect(Block block, long[] scheduled, long start) throws Exception {
            int n = scheduled.length;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            double[] latencies = new double[n];
            String[] statuses = new String[n];
            long[] ends = new long[n];
            for (int i = 0; i < n; i++) {
                waitUntil(scheduled[i]);
                int k = i;
                pool.execute(
                        () -> {
                            String player = player(block.start() + k);
                            String status;
                            try {
                                status = trade(player, block.name() + "-" + k, side(k), k + 1);
                            } catch (Exception e) {
                                status = "ERROR " + e.getClass().getSimpleName();
                            }
                            ends[k] = System.nanoTime();
                            latencies[k] = (ends[k] - scheduled[k]) / 1e6;
                            statuses[k] = status;
                        });
            }
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
            return tally(latencies, statuses, ends, start);
        }
    }

    /**
     * The seed's design: one worker takes the requests in arrival order and, for each, checks the
     * day's allowance (a map here; the seed read Postgres), signs, places, then looks the order up
     * at once and every 200 ms after until it is FILLED. The seed's trading service placed orders
     * synchronously inside its HTTP handler; this is that, made to wait for the fill. A request
     * waits for every one before it.
     */
    static final class Baseline extends Direct {
        private final Set<String> tradedToday = new HashSet<>();

        Baseline(ExchangeGateway gateway) {
            super(gateway);
        }

        @Override
        Outcome collect(Block block, long[] scheduled, long start) {
            int n = scheduled.length;
            double[] latencies = new double[n];
            String[] statuses = new String[n];
            long[] ends = new long[n];
            for (int i = 0; i < n; i++) {
                waitUntil(scheduled[i]); // a no-op once the worker is behind
                String player = player(block.start() + i);
                String status;
                if (!tradedToday.add(player)) {
                    status = "REJECTED";
                } else {
                    try {
                        status = trade(player, block.name() + "-" + i, side(i), i + 1);
                    } catch (Exception e) {
                        status = "ERROR " + e.getClass().getSimpleName();
                    }
                }
                ends[i] = System.nanoTime();
                latencies[i] = (ends[i] - scheduled[i]) / 1e6;
                statuses[i] = status;
            }
            return tally(latencies, statuses, ends, start);
        }
    }

    /**
     * An order the devnet did not match within the look-ups' 30 s (its book had nothing at the
     * order's price for that long) is counted among the statuses but left out of the latencies and
     * the rate: a ceiling should not pay for the devnet's liquidity. The workflow pays for it: its
     * fill timeout (30 s) cancels such an order and that CANCELLED is a completion.
     */
    static Outcome tally(double[] latencies, String[] statuses, long[] ends, long start) {
        Map<String, Integer> counts = new HashMap<>();
        long last = start;
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            counts.merge(statuses[i] == null ? "NO RESULT" : statuses[i], 1, Integer::sum);
            if (statuses[i] != null && !statuses[i].equals("NO FILL")) {
                ms.add(latencies[i]);
                last = Math.max(last, ends[i]);
            }
        }
        return outcome(ms, counts, start, last);
    }

    /** Reads wf.trade.results (read_committed) and keeps each request's first terminal result. */
    static final class Results extends Thread implements AutoCloseable {
        record Done(String status, long nanos) {}

        final Map<String, Done> done = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, String> consumer;
        private volatile boolean stopped;

        Results(String bootstrap, String isolation) {
            super("bench-results-" + isolation);
            setDaemon(true);
            consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    bootstrap,
                                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                    isolation),
                            new StringDeserializer(),
                            new StringDeserializer());
            List<TopicPartition> partitions =
                    List.of(
                            new TopicPartition(Topics.WF_TRADE_RESULTS.name(), 0),
                            new TopicPartition(Topics.WF_TRADE_RESULTS.name(), 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        boolean allDone(String[] ids) {
            for (String id : ids) {
                if (!done.containsKey(id)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void run() {
            while (!stopped) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    try {
                        JsonNode result = JSON.readTree(r.value());
                        String status = result.path("status").asText();
                        if (TERMINAL.contains(status)) {
                            done.putIfAbsent(
                                    result.path("requestId").asText(), new Done(status, now));
                        }
                    } catch (Exception e) {
                        System.err.println("  unreadable result: " + r.value());
                    }
                }
            }
            consumer.close();
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            join(5_000);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new StringSerializer(),
                new StringSerializer());
    }

    /** Completed checkpoints and their end-to-end durations, from the runtime's REST API. */
    private static String checkpointStats(StatefunSupervisor statefun) {
        try {
            JsonNode c = statefun.restGet("/jobs/" + statefun.jobId() + "/checkpoints");
            JsonNode d = c.path("summary").path("end_to_end_duration");
            return String.format(
                    Locale.ROOT,
                    "%d completed, duration avg %d ms, max %d ms",
                    c.path("counts").path("completed").asLong(),
                    d.path("avg").asLong(),
                    d.path("max").asLong());
        } catch (RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
