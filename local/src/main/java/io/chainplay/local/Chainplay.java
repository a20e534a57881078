package io.chainplay.local;

import io.chainplay.embedded.Directories;
import io.chainplay.embedded.EmbeddedKafka;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.FreePorts;
import io.chainplay.local.demo.FareVaultActivity;
import io.chainplay.pipelines.casino.CasinoJob;
import io.chainplay.pipelines.casino.CasinoOptions;
import io.chainplay.pipelines.casino.CasinoSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./chainplay up}: the whole system on one machine, with live demo activity.
 *
 * <p>Starts, in order, Postgres (migrated by Flyway), Kafka, the casino job on a local Flink
 * cluster with its web dashboard (resuming from the newest retained checkpoint), the API in its own
 * JVM, and the demo activity. Prints what runs where, then runs until Ctrl-C, which stops
 * everything in reverse order. Data, checkpoints and logs live under one directory.
 */
public final class Chainplay {

    static final String DATABASE = "chainplay";

    private final LocalOptions options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

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
                            + Topics.RAW_SOLANA_FARE_VAULT.name()
                            + ", "
                            + Topics.FEED_CASINO.name()
                            + ", "
                            + Topics.DLQ_CASINO.name());
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
        kafka.createTopic(Topics.RAW_SOLANA_FARE_VAULT.name(), 4);
        kafka.createTopic(Topics.FEED_CASINO.name(), 2);
        kafka.createTopic(Topics.DLQ_CASINO.name(), 1);

        step("Flink");
        LocalFlink flink =
                LocalFlink.start(
                        FreePorts.preferred(options.flinkPort()),
                        2,
                        options.parallelism(),
                        options.rocksdb());
        running.push(flink);
        Path checkpoints = data.resolve("checkpoints");
        Configuration jobConf = new Configuration();
        jobConf.set(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        jobConf.set(PipelineOptions.JDBC_URL, db.jdbcUrl());
        jobConf.set(PipelineOptions.JDBC_USER, db.user());
        LocalFlink.Submitted casino =
                flink.submit(
                        "chainplay-casino",
                        checkpoints,
                        jobConf,
                        env ->
                                CasinoJob.build(
                                        env,
                                        CasinoJob.kafkaSource(jobConf).build(),
                                        CasinoSinks.production(jobConf),
                                        CasinoJob.Config.from(jobConf)));
        running.push(() -> LocalFlink.cancel(casino.client()));
        List<LocalFlink.Submitted> jobs = List.of(casino);
        int flinkPort = flink.port();
        JobClient job = casino.client();
        Optional<Path> resumeFrom = casino.resumedFrom();
        Configuration conf = jobConf;

        step("API");
        int apiPort = FreePorts.preferred(options.apiPort());
        ApiProcess api =
                ApiProcess.start(
                        options.apiJar(),
                        apiPort,
                        Map.of(
                                "CHAINPLAY_DB_URL", db.jdbcUrl(),
                                "CHAINPLAY_DB_USER", db.user(),
                                "CHAINPLAY_DB_PASSWORD", db.password()),
                        logs.resolve("api.log"));
        running.push(api);

        FareVaultActivity activity = null;
        if (options.betsPerSecond() > 0) {
            step("demo activity");
            activity =
                    new FareVaultActivity(
                            kafka.bootstrapServers(),
                            conf.get(CasinoOptions.INPUT_TOPIC),
                            options.betsPerSecond(),
                            options.players());
            running.push(activity);
        }
        System.out.println(" done");

        Endpoints.write(
                data,
                Map.of(
                        "api",
                        "http://localhost:" + apiPort,
                        "flink",
                        "http://localhost:" + flinkPort,
                        "kafka",
                        kafka.bootstrapServers(),
                        "postgres",
                        db.jdbcUrl()));
        running.push(() -> Endpoints.delete(data));

        JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
        String sample = awaitSettledPlayer(activity);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.println();
        System.out.println("Chainplay is up (" + seconds + " s)");
        System.out.printf("  API              http://localhost:%d%n", apiPort);
        System.out.printf(
                "  Flink dashboard  http://localhost:%d   (job %s: %s)%n",
                flinkPort, job.getJobID(), status);
        System.out.printf("  Kafka            %s%n", kafka.bootstrapServers());
        System.out.printf("  Postgres         %s%n", db.jdbcUrl());
        System.out.printf("  Data and logs    %s%n", data);
        System.out.println(
                resumeFrom
                        .map(p -> "  Resumed from     " + p)
                        .orElse("  Started fresh    (no checkpoint yet)"));
        if (activity != null) {
            System.out.printf(
                    "  Demo activity    %.0f bets/s by %d players in %d pools%n",
                    options.betsPerSecond(), options.players(), 4);
        }
        System.out.println();
        System.out.println("Try:");
        if (sample != null) {
            System.out.printf("  curl http://localhost:%d/api/players/%s/stats%n", apiPort, sample);
        }
        System.out.printf("  curl 'http://localhost:%d/api/bets?limit=5'%n", apiPort);
        System.out.printf("  curl http://localhost:%d/health%n", apiPort);
        System.out.println();
        System.out.println("Ctrl-C stops everything; `./chainplay up` again resumes.");

        watch(job, activity);
    }

    /** Waits a few seconds for the first settled demo bet, to print a wallet worth trying. */
    private static String awaitSettledPlayer(FareVaultActivity activity)
            throws InterruptedException {
        if (activity == null) {
            return null;
        }
        for (int i = 0; i < 40 && activity.lastSettledPlayer() == null; i++) {
            Thread.sleep(250);
        }
        return activity.lastSettledPlayer();
    }

    /** Prints a status line now and then; exits if the job stops on its own. */
    private void watch(JobClient job, FareVaultActivity activity) throws Exception {
        while (true) {
            Thread.sleep(30_000);
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                System.err.println(
                        "The casino job stopped ("
                                + status
                                + "); see the dashboard and "
                                + options.dataDir().resolve("logs/chainplay.log"));
                System.exit(1);
            }
            System.out.printf(
                    "%tT  casino job %s%s%n",
                    System.currentTimeMillis(),
                    status,
                    activity == null ? "" : ", " + activity.betsPlaced() + " demo bets placed");
        }
    }

    private synchronized void stop() {
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
