package io.chainplay.bench.earnings;

import io.chainplay.bench.Benchmark;
import io.chainplay.bench.Report;
import io.chainplay.embedded.Directories;
import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.pipelines.common.JobConfig;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.pipelines.earnings.BusinessRows;
import io.chainplay.pipelines.earnings.DueRecord;
import io.chainplay.pipelines.earnings.EarningsJob;
import io.chainplay.pipelines.earnings.EarningsSinks;
import io.chainplay.pipelines.earnings.GlobalStatsRow;
import io.chainplay.pipelines.earnings.HistoryRow;
import io.chainplay.pipelines.earnings.PlayerRow;
import io.chainplay.pipelines.earnings.ReconciliationRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code earnings-timers}: the earnings job with one million players of 1–9 businesses each, on
 * RocksDB with incremental checkpoints, parallelism 2: how fast a full day of dues fires (one per
 * player, each reading and writing the player's state and emitting its rows), how fast the joining
 * and the moves (purchases, upgrades, sales) are processed, and how big the state is, as the
 * checkpoints measure it. Ceiling: a job that only registers and fires one timer per key, same keys
 * and times, in the same run. Sinks discard (Postgres is measured elsewhere).
 */
public final class EarningsTimersBench implements Benchmark {

    private static final int PARALLELISM = 2;
    private static final long PLAYERS = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "earnings-timers";
    }

    @Override
    public String description() {
        return "earnings job, 1M players x 1-9 businesses, RocksDB: a day's dues (timers) fired/s";
    }

    @Override
    public Report run(boolean quick) throws Exception {
        long players = quick ? 4_000 : PLAYERS;
        if (!quick) {
            // Warm-up: the first jobs in a JVM run slower (JIT).
            earnings(40_000);
            rawTimers(40_000);
        }
        EarningsRun earnings = earnings(players);
        double ceiling = rawTimers(players);
        double duesPerSecond = earnings.dues / earnings.duesSeconds;
        double dayFor1M = 1_000_000 / duesPerSecond;
        Report report =
                new Report(name())
                        .add(
                                Report.Role.MEASURED,
                                String.format(Locale.ROOT, "earnings dues, %,d players", players),
                                duesPerSecond,
                                "dues/s")
                        .add(
                                Report.Role.CEILING,
                                "register + fire one timer per key, nothing else",
                                ceiling,
                                "timers/s")
                        .add(
                                Report.Role.TARGET,
                                "1M players' day of dues in 60 s",
                                1_000_000 / 60.0,
                                "dues/s")
                        .note(
                                String.format(
                                        Locale.ROOT,
                                        "a full day's dues of %,d players took %.1f s (%,d dues;"
                                                + " 1M players: %.1f s of job time)",
                                        players,
                                        earnings.duesSeconds,
                                        earnings.dues,
                                        dayFor1M))
                        .note(
                                String.format(
                                        Locale.ROOT,
                                        "joining: %,d events (players + businesses) at %,.0f"
                                                + " events/s; moves: %,d upgrades and sales at"
                                                + " %,.0f events/s",
                                        earnings.joinEvents,
                                        earnings.joinEvents / earnings.joinSeconds,
                                        earnings.moveEvents,
                                        earnings.moveEvents / earnings.moveSeconds))
                        .note(
                                String.format(
                                        Locale.ROOT,
                                        "state: %,d bytes in the largest completed checkpoint"
                                                + " (full size, RocksDB incremental; %.0f bytes"
                                                + " per player, timers included), %,d bytes"
                                                + " (%.0f per player) in the last one",
                                        earnings.stateBytes,
                                        earnings.stateBytes / (double) players,
                                        earnings.lastStateBytes,
                                        earnings.lastStateBytes / (double) players))
                        .note(
                                String.format(
                                        Locale.ROOT,
                                        "%d reconciliation findings, %d dead letters (both"
                                                + " expected 0); parallelism %d, checkpoints"
                                                + " every 10 s, sinks discarding",
                                        earnings.findings,
                                        earnings.deadLetters,
                                        PARALLELISM));
        if (earnings.dues != players) {
            throw new IllegalStateException(
                    "Expected one due per player ("
                            + players
                            + ") but "
                            + earnings.dues
                            + " fired");
        }
        return report;
    }

    /**
     * What one run of the earnings job measured: counts and times per phase, from the sinks.
     *
     * @param joinRows player rows written in the joining phase (one or more per player)
     * @param moveRows player rows written in the moves phase (one or more per moving player)
     */
    record EarningsRun(
            long dues,
            double duesSeconds,
            long joinEvents,
            long joinRows,
            double joinSeconds,
            long moveEvents,
            long moveRows,
            double moveSeconds,
            long stateBytes,
            long lastStateBytes,
            long findings,
            long deadLetters) {}

    static EarningsRun earnings(long players) throws Exception {
        String run = "earnings-" + UUID.randomUUID();
        MafiaWorkload workload = new MafiaWorkload(players, PARALLELISM);
        long duesFrom = (MafiaWorkload.T0 + MafiaWorkload.DAY) * 1000;
        long movesFrom = (MafiaWorkload.T0 + 2 * MafiaWorkload.DAY) * 1000;
        EarningsSinks sinks =
                new EarningsSinks(
                        new TimingSink<HistoryRow>(
                                run, r -> "update".equals(r.eventType) ? "dues" : null),
                        new TimingSink<PlayerRow>(
                                run,
                                r ->
                                        r.pendingAsOf * 1000 < duesFrom
                                                ? "join"
                                                : r.pendingAsOf * 1000 >= movesFrom
                                                        ? "moves"
                                                        : null),
                        new DiscardingSink<BusinessRows>(),
                        new TimingSink<ReconciliationRow>(run, r -> "findings"),
                        new DiscardingSink<GlobalStatsRow>(),
                        new DiscardingSink<FeedRecord>(),
                        new DiscardingSink<DueRecord>(),
                        new TimingSink<DeadLetterRecord>(run, r -> "dead letters"));
        Path checkpoints = Files.createTempDirectory("earnings-bench-");
        try {
            StreamExecutionEnvironment env = environment(checkpoints, players);
            EarningsJob.build(
                    env,
                    new MappedSequenceSource<>(
                            workload.indexes(), workload, TypeInformation.of(RawRecord.class)),
                    sinks,
                    EarningsJob.Config.defaults().withOutOfOrderness(Duration.ofSeconds(1)));
            long[] state = runMeasuringState(env, "earnings-timers-bench");
            TimingSink.Phase dues = TimingSink.phase(run, "dues");
            TimingSink.Phase join = TimingSink.phase(run, "join");
            TimingSink.Phase moves = TimingSink.phase(run, "moves");
            return new EarningsRun(
                    dues.count(),
                    dues.seconds(),
                    workload.joinEvents(),
                    join.count(),
                    join.seconds(),
                    workload.moveEvents(),
                    moves.count(),
                    moves.seconds(),
                    state[0],
                    state[1],
                    TimingSink.phase(run, "findings").count(),
                    TimingSink.phase(run, "dead letters").count());
        } finally {
            Directories.deleteRecursively(checkpoints);
        }
    }

    /** Timers fired per second by the ceiling job. */
    static double rawTimers(long keys) throws Exception {
        String run = "raw-" + UUID.randomUUID();
        Path checkpoints = Files.createTempDirectory("raw-timers-bench-");
        try {
            StreamExecutionEnvironment env = environment(checkpoints, keys);
            RawTimers.build(env, keys, PARALLELISM, run);
            runMeasuringState(env, "raw-timers-bench");
            TimingSink.Phase fired = TimingSink.phase(run, "fired");
            if (fired.count() != keys / PARALLELISM * PARALLELISM) {
                throw new IllegalStateException("Expected " + keys + " timers, " + fired.count());
            }
            return fired.count() / fired.seconds();
        } finally {
            Directories.deleteRecursively(checkpoints);
        }
    }

    /**
     * RocksDB with the earnings job's settings ({@link EarningsJob#withStateDefaults}), incremental
     * checkpoints every 10 s (200 ms in a short run, which may end within two seconds and must
     * still complete a checkpoint to measure), parallelism 2, the REST API on a free port.
     */
    private static StreamExecutionEnvironment environment(Path checkpoints, long players)
            throws IOException {
        // The earnings job's own RocksDB settings (heap timers, bloom filters), for both jobs.
        Configuration conf =
                EarningsJob.withStateDefaults(Configuration.fromMap(JobConfig.defaults()));
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                players < 100_000 ? Duration.ofMillis(200) : Duration.ofSeconds(10));
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("1g"));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, PARALLELISM);
        try (ServerSocket socket = new ServerSocket(0)) {
            conf.set(RestOptions.BIND_PORT, Integer.toString(socket.getLocalPort()));
            conf.set(RestOptions.PORT, socket.getLocalPort());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        return env;
    }

    /**
     * Runs the job to its end, polling its checkpoint statistics over the REST API: the full state
     * size of the largest and of the last completed checkpoint.
     */
    private static long[] runMeasuringState(StreamExecutionEnvironment env, String name)
            throws Exception {
        int port = env.getConfiguration().get(RestOptions.PORT);
        JobClient job = env.executeAsync(name);
        AtomicLong largest = new AtomicLong();
        AtomicLong last = new AtomicLong();
        HttpClient http = HttpClient.newHttpClient();
        URI uri =
                URI.create("http://localhost:" + port + "/jobs/" + job.getJobID() + "/checkpoints");
        Thread poller =
                new Thread(
                        () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                try {
                                    HttpResponse<String> response =
                                            http.send(
                                                    HttpRequest.newBuilder(uri).build(),
                                                    HttpResponse.BodyHandlers.ofString());
                                    JsonNode completed =
                                            JSON.readTree(response.body())
                                                    .path("latest")
                                                    .path("completed");
                                    long size =
                                            completed
                                                    .path("state_size")
                                                    .asLong(completed.path("full_size").asLong(0));
                                    largest.accumulateAndGet(size, Math::max);
                                    if (size > 0) {
                                        last.set(size);
                                    }
                                    Thread.sleep(100);
                                } catch (InterruptedException e) {
                                    return;
                                } catch (Exception e) {
                                    // the cluster is starting or gone: try again
                                    try {
                                        Thread.sleep(100);
                                    } catch (InterruptedException interrupted) {
                                        return;
                                    }
                                }
                            }
                        },
                        name + "-checkpoint-stats");
        poller.setDaemon(true);
        poller.start();
        try {
            job.getJobExecutionResult().get();
        } finally {
            poller.interrupt();
        }
        return new long[] {largest.get(), last.get()};
    }
}
