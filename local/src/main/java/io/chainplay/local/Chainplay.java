package io.chainplay.local;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.source.ExtendedFillsSourceOptions;
import io.chainplay.connectors.solana.source.SolanaSourceOptions;
import io.chainplay.devnet.extended.DevnetAccount;
import io.chainplay.devnet.extended.ExtendedDevnet;
import io.chainplay.devnet.solana.SolanaDevnet;
import io.chainplay.embedded.Directories;
import io.chainplay.embedded.EmbeddedKafka;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.FreePorts;
import io.chainplay.pipelines.casino.CasinoJob;
import io.chainplay.pipelines.casino.CasinoSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.pipelines.earnings.EarningsJob;
import io.chainplay.pipelines.earnings.EarningsOptions;
import io.chainplay.pipelines.earnings.EarningsSinks;
import io.chainplay.pipelines.ingest.ExchangeIngestJob;
import io.chainplay.pipelines.ingest.SolanaIngestJob;
import io.chainplay.pipelines.trading.TradingJob;
import io.chainplay.pipelines.trading.TradingSinks;
import io.chainplay.schemas.Topics;
import io.chainplay.statefun.functions.FunctionServer;
import io.chainplay.statefun.functions.exchange.ExchangeAccounts;
import io.chainplay.statefun.functions.trade.DailyTradeFn;
import io.chainplay.statefun.supervisor.StatefunSupervisor;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

import org.flywaydb.core.Flyway;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./chainplay up}: the whole system on one machine, with live demo activity.
 *
 * <p>Starts, in order, Postgres (migrated by Flyway), Kafka, the Solana devnet with its demo
 * activity, the Extended exchange devnet with demo traders, the Solana and exchange ingest, casino,
 * earnings and trading jobs on a local Flink cluster with its web dashboard (the casino, earnings
 * and trading jobs resuming from their newest retained checkpoints), and the API in its own JVM.
 * Prints what runs where, then runs until Ctrl-C, which stops everything in reverse order. Data,
 * checkpoints and logs live under one directory.
 */
public final class Chainplay {

    static final String DATABASE = "chainplay";

    /** Slots the devnet keeps in memory: about 2 hours of chain. */
    private static final long DEVNET_RETAINED_SLOTS = 20_000;

    private final LocalOptions options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    /** Set when stopping starts: a job cancelled by stop() is not a job that stopped by itself. */
    private volatile boolean stopping;

    private Chainplay(LocalOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        List<String> rest = Arrays.asList(args);
        String command = rest.isEmpty() ? "up" : rest.get(0);
        if (command.equals("help") || command.equals("--help") || rest.contains("--help")) {
            System.out.println(LocalOptions.USAGE);
            return;
        }
        if (command.equals("tail")) {
            tail(rest.subList(1, rest.size()));
            return;
        }
        if (!command.equals("up")) {
            System.err.println("Unknown command '" + command + "'.\n\n" + LocalOptions.USAGE);
            System.exit(2);
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(rest.subList(1, rest.size()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        Chainplay chainplay = new Chainplay(options);
        // Ctrl-C and SIGTERM stop everything in order *before* the JVM starts to shut down: once
        // it does, the shutdown hooks of Flink and the servers run all at once, and Postgres could
        // go away while the job still flushes to it. The hook stays for other ways of exiting.
        for (String signal : List.of("INT", "TERM")) {
            sun.misc.Signal.handle(
                    new sun.misc.Signal(signal),
                    s ->
                            new Thread(
                                            () -> {
                                                chainplay.stop();
                                                System.exit(0);
                                            },
                                            "chainplay-stop")
                                    .start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(chainplay::stop, "chainplay-exit"));
        try {
            chainplay.up();
        } catch (Exception e) {
            System.err.println("\nChainplay could not start: " + e.getMessage());
            System.err.println("Logs: " + options.dataDir().resolve("logs"));
            System.exit(1);
        }
    }

    /** {@code tail <topic> [--from-beginning] [--max N]}, against the running {@code up}. */
    private static void tail(List<String> args) {
        if (args.isEmpty()) {
            System.err.println(
                    "Usage: ./chainplay tail <topic> [--from-beginning] [--max N] [--data-dir DIR]\n"
                            + "Topics: "
                            + String.join(
                                    ", ",
                                    Topics.rawSolanaName("fare_vault"),
                                    Topics.rawSolanaName("solana_mafia"),
                                    Topics.FEED_CASINO.name(),
                                    Topics.FEED_EARNINGS.name(),
                                    Topics.DLQ_SOLANA.name(),
                                    Topics.DLQ_CASINO.name(),
                                    Topics.DLQ_EARNINGS.name(),
                                    Topics.RAW_EXCHANGE_FILLS.name(),
                                    Topics.FEED_TRADES.name(),
                                    Topics.DLQ_EXCHANGE.name(),
                                    Topics.DLQ_TRADING.name())
                            + " (Avro topics print as JSON)");
            System.exit(2);
        }
        Path dataDir = Path.of(".chainplay");
        boolean fromBeginning = false;
        long max = Long.MAX_VALUE;
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--from-beginning" -> fromBeginning = true;
                case "--max" -> max = Long.parseLong(args.get(++i));
                case "--data-dir" -> dataDir = Path.of(args.get(++i));
                default -> {
                    System.err.println("Unknown option " + args.get(i));
                    System.exit(2);
                }
            }
        }
        Optional<String> kafka = Endpoints.read(dataDir).map(e -> e.getProperty("kafka"));
        if (kafka.isEmpty()) {
            System.err.println(
                    "Chainplay is not running from " + dataDir + ": start ./chainplay up");
            System.exit(1);
        }
        TopicTail.run(kafka.get(), args.get(0), fromBeginning, max);
    }

    private void up() throws Exception {
        long started = System.nanoTime();
        Path data = options.dataDir().toAbsolutePath();
        if (options.fresh()) {
            Directories.deleteRecursively(data);
        }
        Path logs = Files.createDirectories(data.resolve("logs"));
        System.out.println("Chainplay: starting, data in " + data);

        step("Postgres");
        EmbeddedPostgres postgres =
                EmbeddedPostgres.builder()
                        .dataDir(data.resolve("postgres"))
                        .port(FreePorts.preferred(options.postgresPort()))
                        .stopOnJvmExit(false) // stop() stops it, after the job
                        .start();
        running.push(postgres);
        EmbeddedPostgres.Database db = postgres.createDatabase(DATABASE);
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();

        step("Kafka");
        EmbeddedKafka kafka =
                EmbeddedKafka.builder()
                        .dataDir(data.resolve("kafka"))
                        .port(FreePorts.preferred(options.kafkaPort()))
                        .start();
        running.push(kafka);
        for (String program : List.of("fare_vault", "solana_mafia")) {
            kafka.createTopic(Topics.rawSolanaName(program), 4);
        }
        kafka.createTopic(Topics.DLQ_SOLANA.name(), 1);
        kafka.createTopic(Topics.FEED_CASINO.name(), 2);
        kafka.createTopic(Topics.DLQ_CASINO.name(), 1);
        kafka.createTopic(Topics.FEED_EARNINGS.name(), 2);
        kafka.createTopic(Topics.EARNINGS_DUE.name(), 2);
        kafka.createTopic(Topics.DLQ_EARNINGS.name(), 1);
        kafka.createTopic(Topics.RAW_EXCHANGE_FILLS.name(), 4);
        kafka.createTopic(Topics.DLQ_EXCHANGE.name(), 1);
        kafka.createTopic(Topics.FEED_TRADES.name(), 2);
        kafka.createTopic(Topics.DLQ_TRADING.name(), 1);
        // The StateFun runtime's Kafka ingress needs its topics to exist when it starts.
        kafka.createTopic(Topics.WF_TRADE_REQUESTS.name(), 2);
        kafka.createTopic(Topics.WF_TRADE_RESULTS.name(), 2);

        step("Solana devnet");
        // A new chain on every start: its slots continue the wall clock's count, and the ingest
        // job starts at its first slot. The tables and the casino job's state carry on.
        SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .port(FreePorts.preferred(options.devnetPort()))
                        .transactionsPerSecond(options.transactionsPerSecond())
                        .players(options.players())
                        .earningsInterval(options.earningsInterval())
                        .retainSlots(DEVNET_RETAINED_SLOTS)
                        .start();
        running.push(devnet);

        step("Extended devnet");
        // Some of the Solana players also trade, each through an Extended sub-account of its own.
        List<TradingActivity.DemoTrader> traders =
                TradingActivity.demoTraders(devnet.players(), options.traders());
        // ... and the published demo wallet, which trades only when it asks to (README).
        TradingActivity.DemoTrader demoWallet = TradingActivity.demoWalletTrader();
        List<TradingActivity.DemoTrader> accountsServed = new ArrayList<>(traders);
        accountsServed.add(demoWallet);
        ExtendedDevnet.Builder exchangeBuilder =
                ExtendedDevnet.builder()
                        .port(FreePorts.preferred(options.exchangePort()))
                        .streamPort(FreePorts.preferred(options.exchangePort() + 1));
        for (TradingActivity.DemoTrader t : accountsServed) {
            exchangeBuilder.account(
                    new DevnetAccount(
                            t.apiKey(),
                            t.accountId(),
                            t.vault(),
                            t.starkKey().publicKey(),
                            new BigDecimal("1000000")));
        }
        ExtendedDevnet exchange = exchangeBuilder.start();
        running.push(exchange);
        TradingActivity trading =
                TradingActivity.start(exchange.url(), traders, options.tradeRate(), 7);
        running.push(trading);
        // The fills source reads each sub-account's API key from a file, as it would in
        // production (connectors/exchange/flink/README.md); the keys stay out of the job graph.
        Path keys = Files.createDirectories(data.resolve("exchange-keys"));
        List<String> accounts = new ArrayList<>();
        for (TradingActivity.DemoTrader t : accountsServed) {
            Path key = keys.resolve(t.accountId() + ".key");
            Files.writeString(key, t.apiKey());
            accounts.add(t.accountId() + ":" + t.player() + ":file:" + key);
        }

        step("Flink");
        LocalFlink flink =
                LocalFlink.start(
                        FreePorts.preferred(options.flinkPort()),
                        5,
                        options.parallelism(),
                        options.rocksdb());
        running.push(flink);
        Path checkpoints = data.resolve("checkpoints");
        Configuration jobConf = new Configuration();
        jobConf.set(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        jobConf.set(PipelineOptions.JDBC_URL, db.jdbcUrl());
        jobConf.set(PipelineOptions.JDBC_USER, db.user());

        Configuration ingestConf = new Configuration(jobConf);
        ingestConf.set(SolanaSourceOptions.RPC_ENDPOINTS, List.of(devnet.url()));
        ingestConf.set(SolanaSourceOptions.IDLS, SolanaIngestJob.DEFAULT_IDLS);
        ingestConf.set(SolanaSourceOptions.START_SLOT, devnet.startSlot());
        // Raw events become visible to the casino job when the checkpoint commits them.
        ingestConf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        LocalFlink.Submitted ingest =
                flink.submit(
                        "chainplay-solana-ingest",
                        checkpoints,
                        ingestConf,
                        false, // a new devnet chain: nothing to resume
                        env ->
                                SolanaIngestJob.build(
                                        env,
                                        SolanaSourceOptions.source(ingestConf),
                                        SolanaIngestJob.kafkaSink(
                                                kafka.bootstrapServers(),
                                                ingestConf.get(
                                                        SolanaIngestJob.TRANSACTIONAL_ID_PREFIX))));
        running.push(() -> LocalFlink.cancel(ingest.client()));

        LocalFlink.Submitted casino =
                flink.submit(
                        "chainplay-casino",
                        checkpoints,
                        jobConf,
                        true,
                        env ->
                                CasinoJob.build(
                                        env,
                                        CasinoJob.kafkaSource(jobConf).build(),
                                        CasinoSinks.production(jobConf),
                                        CasinoJob.Config.from(jobConf)));
        running.push(() -> LocalFlink.cancel(casino.client()));

        Configuration earningsConf = EarningsJob.withStateDefaults(new Configuration(jobConf));
        earningsConf.set(EarningsOptions.INTERVAL, options.earningsInterval());
        LocalFlink.Submitted earnings =
                flink.submit(
                        "chainplay-earnings",
                        checkpoints,
                        earningsConf,
                        true,
                        env ->
                                EarningsJob.build(
                                        env,
                                        EarningsJob.kafkaSource(earningsConf).build(),
                                        EarningsSinks.production(earningsConf),
                                        EarningsJob.Config.from(earningsConf)));
        running.push(() -> LocalFlink.cancel(earnings.client()));

        Configuration exchangeConf = new Configuration(jobConf);
        exchangeConf.set(ExtendedFillsSourceOptions.REST_URL, exchange.url());
        exchangeConf.set(ExtendedFillsSourceOptions.STREAM_URL, exchange.accountStreamUrl());
        exchangeConf.set(ExtendedFillsSourceOptions.ACCOUNTS, accounts);
        exchangeConf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        LocalFlink.Submitted exchangeIngest =
                flink.submit(
                        "chainplay-exchange-ingest",
                        checkpoints,
                        exchangeConf,
                        false, // a new devnet exchange: nothing to resume
                        env ->
                                ExchangeIngestJob.build(
                                        env,
                                        ExtendedFillsSourceOptions.source(exchangeConf),
                                        ExchangeIngestJob.kafkaSink(exchangeConf)));
        running.push(() -> LocalFlink.cancel(exchangeIngest.client()));

        LocalFlink.Submitted tradingJob =
                flink.submit(
                        "chainplay-trading",
                        checkpoints,
                        jobConf,
                        true,
                        env -> {
                            TradingSinks sinks = TradingSinks.production(jobConf);
                            TradingJob.build(
                                    env,
                                    TradingJob.kafkaSource(jobConf).build(),
                                    sinks,
                                    TradingJob.Config.from(jobConf));
                            TradingJob.buildTradeRequests(
                                    env, TradingJob.resultsSource(jobConf).build(), sinks);
                        });
        running.push(() -> LocalFlink.cancel(tradingJob.client()));
        List<LocalFlink.Submitted> jobs =
                List.of(ingest, casino, earnings, exchangeIngest, tradingJob);

        step("StateFun");
        // The daily-trade function trades for the demo players through their devnet accounts.
        Map<String, ExtendedAccount> tradingAccounts = new HashMap<>();
        for (TradingActivity.DemoTrader t : accountsServed) {
            tradingAccounts.put(
                    t.player(), new ExtendedAccount(t.apiKey(), t.vault(), t.starkKey()));
        }
        FunctionServer functions =
                FunctionServer.start(
                        FreePorts.preferred(options.functionsPort()),
                        FunctionServer.functions(
                                FunctionServer.extended(
                                        exchange.url(),
                                        new ExchangeAccounts(tradingAccounts),
                                        "sepolia"),
                                DailyTradeFn.Settings.DEFAULT));
        running.push(functions);
        StatefunSupervisor statefun =
                StatefunSupervisor.builder()
                        .dataDir(data.resolve("statefun"))
                        .kafkaBootstrap(kafka.bootstrapServers())
                        .functionUrl(functions.url())
                        .restPort(FreePorts.preferred(options.statefunPort()))
                        .build();
        Optional<Path> statefunRestored = statefun.start();
        running.push(statefun);

        step("API");
        int apiPort = FreePorts.preferred(options.apiPort());
        ApiProcess api =
                ApiProcess.start(
                        options.apiJar(),
                        apiPort,
                        Map.of(
                                "CHAINPLAY_DB_URL", db.jdbcUrl(),
                                "CHAINPLAY_DB_USER", db.user(),
                                "CHAINPLAY_DB_PASSWORD", db.password(),
                                "CHAINPLAY_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                                "CHAINPLAY_FLINK_URL", "http://localhost:" + flink.port(),
                                "CHAINPLAY_JWT_SECRET", JwtSecret.of(data)),
                        logs.resolve("api.log"));
        running.push(api);
        System.out.println(" done");

        Endpoints.write(
                data,
                Map.of(
                        "api", "http://localhost:" + apiPort,
                        "flink", "http://localhost:" + flink.port(),
                        "kafka", kafka.bootstrapServers(),
                        "postgres", db.jdbcUrl(),
                        "solana", devnet.url(),
                        "extended", exchange.url(),
                        "statefun", statefun.restUrl()));
        running.push(() -> Endpoints.delete(data));

        String sample = awaitFirst(db, "SELECT player FROM casino.player_stats ORDER BY bets DESC");
        String mafiaPlayer =
                awaitFirst(db, "SELECT player FROM earnings.players ORDER BY total_invested DESC");
        String trader =
                options.tradeRate() > 0 && !traders.isEmpty()
                        ? awaitFirst(
                                db, "SELECT player FROM trading.positions ORDER BY volume DESC")
                        : null;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.println();
        System.out.println("Chainplay is up (" + seconds + " s)");
        System.out.printf("  Dashboard        http://localhost:%d/%n", apiPort);
        System.out.printf(
                "  API              http://localhost:%d/api  (OpenAPI at /v3/api-docs)%n", apiPort);
        System.out.printf("  Flink dashboard  http://localhost:%d%n", flink.port());
        for (LocalFlink.Submitted job : jobs) {
            System.out.printf(
                    "    %-22s %s, %s%n",
                    job.name(),
                    job.client().getJobStatus().get(10, TimeUnit.SECONDS),
                    job.resumedFrom()
                            .map(p -> "resumed from " + data.relativize(p))
                            .orElse("started fresh"));
        }
        System.out.printf(
                "  Solana devnet    %s   (%.0f tx/s: fare_vault and solana_mafia, %d players)%n",
                devnet.url(), options.transactionsPerSecond(), options.players());
        System.out.printf(
                "  StateFun         %s   (trade/daily-trade at %s, %s)%n",
                statefun.restUrl(),
                functions.url(),
                statefunRestored
                        .map(p -> "resumed from " + data.relativize(p))
                        .orElse("started fresh"));
        System.out.printf(
                "  Extended devnet  %s   (%d traders, %.1f orders/s)%n",
                exchange.url(), traders.size(), options.tradeRate());
        System.out.printf("  Kafka            %s%n", kafka.bootstrapServers());
        System.out.printf("  Postgres         %s%n", db.jdbcUrl());
        System.out.printf("  Data and logs    %s%n", data);
        System.out.println();
        System.out.println("Try:");
        if (sample != null) {
            System.out.printf("  curl http://localhost:%d/api/players/%s/stats%n", apiPort, sample);
        }
        System.out.printf("  curl 'http://localhost:%d/api/bets?limit=5'%n", apiPort);
        if (mafiaPlayer != null) {
            System.out.printf(
                    "  curl http://localhost:%d/api/earnings/players/%s%n", apiPort, mafiaPlayer);
        }
        System.out.printf("  curl http://localhost:%d/api/earnings/stats%n", apiPort);
        if (trader != null) {
            System.out.printf(
                    "  curl http://localhost:%d/api/trading/players/%s/positions%n",
                    apiPort, trader);
        }
        System.out.printf("  curl http://localhost:%d/health%n", apiPort);
        System.out.printf(
                "  TOKEN=$(java api/examples/SignIn.java http://localhost:%d %s)   # the demo"
                        + " wallet %s%n",
                apiPort, TradingActivity.DEMO_WALLET_SEED, demoWallet.player());
        System.out.printf(
                "  curl -X POST http://localhost:%d/api/trades -H \"Authorization: Bearer $TOKEN\""
                        + " -H 'Content-Type: application/json'"
                        + " -d '{\"market\":\"BTC-USD\",\"side\":\"BUY\",\"qty\":\"0.001\"}'%n",
                apiPort);
        System.out.printf(
                "  java api/examples/FeedTail.java 'ws://localhost:%d/ws?channels=player:%s'%n",
                apiPort, demoWallet.player());
        System.out.println("  ./chainplay tail feed.casino");
        System.out.println("  ./chainplay tail feed.earnings");
        System.out.println("  ./chainplay tail feed.trades");
        System.out.println();
        System.out.println("Ctrl-C stops everything; `./chainplay up` again resumes.");

        watch(jobs, devnet);
    }

    /**
     * Waits up to 30 s for the query to return a row, to print a wallet worth trying; null if none
     * came.
     */
    private static String awaitFirst(EmbeddedPostgres.Database db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                PreparedStatement query = c.prepareStatement(sql + " LIMIT 1")) {
            for (int i = 0; i < 60; i++) {
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
                Thread.sleep(500);
            }
        }
        return null;
    }

    /** Prints a status line now and then; exits if a job stops on its own. */
    private void watch(List<LocalFlink.Submitted> jobs, SolanaDevnet devnet) throws Exception {
        while (true) {
            Thread.sleep(30_000);
            StringBuilder line =
                    new StringBuilder(String.format("%tT ", System.currentTimeMillis()));
            for (LocalFlink.Submitted job : jobs) {
                JobStatus status = job.client().getJobStatus().get(10, TimeUnit.SECONDS);
                if (stopping) {
                    return;
                }
                if (status.isGloballyTerminalState()) {
                    System.err.println(
                            "The job "
                                    + job.name()
                                    + " stopped ("
                                    + status
                                    + "); see the dashboard and "
                                    + options.dataDir().resolve("logs/chainplay.log"));
                    System.exit(1);
                }
                line.append(' ').append(job.name()).append(' ').append(status).append(',');
            }
            line.append(" devnet at slot ").append(devnet.tipSlot());
            System.out.println(line);
        }
    }

    private synchronized void stop() {
        stopping = true;
        if (running.isEmpty()) {
            return;
        }
        System.out.println("\nChainplay: stopping");
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("  while stopping: " + e);
            }
        }
        System.out.println("Chainplay: stopped");
        org.apache.logging.log4j.LogManager.shutdown();
    }

    private static void step(String name) {
        System.out.print("  " + name + "...");
        System.out.flush();
    }

    static {
        // Logs go to the data directory (log4j2.properties reads this property).
        if (System.getProperty("chainplay.logDir") == null) {
            System.setProperty("chainplay.logDir", ".chainplay/logs");
        }
    }
}
