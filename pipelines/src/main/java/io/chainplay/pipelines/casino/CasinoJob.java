package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.BulkStringSerializer;
import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.JobConfig;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.pipelines.common.RawRecordDeserializer;
import io.chainplay.schemas.casino.FareVaultEvents;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.io.Serializable;
import java.time.Duration;

/**
 * The casino job: every fare_vault event in; bets, fees, jackpots, pools, player and pool stats,
 * leaderboards, anomalies and the admin history out, as Postgres tables and {@code feed.casino}.
 *
 * <pre>
 * raw.solana.fare_vault ─▶ decode ─▶ block time ─▶ route
 *   trials:   keyBy(trial) settle ─────────────▶ casino.bets, anomalies; feed bet.*
 *               └─ placements, settlements ─┬─▶ keyBy(player/pool) player stats ─▶ casino.player_stats; feed player.joined
 *                                           │        └─ standings ─▶ keyBy(pool/period) leaderboards ─▶ casino.leaderboard_entries
 *                                           ├─▶ keyBy(pool) outcome test (chi-square) ─▶ casino.outcome_tests, anomalies
 *                                           └─▶ keyBy(pool) pool stats ◀─ fees, jackpots, players, PoolRegistered
 *                                                  └─▶ casino.pools, pool_stats, pool_volume; feed stats.updated
 *   fees, jackpot events: keyBy(event) ledger ◀─ broadcast: PoolRegistered, vault fee percentages
 *                                           └─▶ casino.fees, pool_accumulations, jackpots; feed jackpot.won
 *   admin events: keyBy(vault) history ──────▶ casino.vault_events, vault_config
 *   refused anywhere ────────────────────────▶ dlq.casino
 * </pre>
 *
 * <p>{@link #main} reads the configuration and builds the Kafka source and the real sinks; {@link
 * #build} takes them as parameters, so tests run the same graph over bounded sources and collecting
 * sinks, in STREAMING or BATCH mode. docs/casino.md describes every table and feed message.
 */
public final class CasinoJob {

    /** Name of this job's dead-letter source ({@code dlq.casino}). */
    public static final String SOURCE_NAME = "casino";

    private CasinoJob() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env, kafkaSource(conf).build(), CasinoSinks.production(conf), Config.from(conf));
        env.execute("chainplay-casino");
    }

    /**
     * The live source: every partition of the input topic from the committed offsets, or from the
     * beginning for a new group. Call {@code setBounded(...)} on it for a run that ends.
     */
    public static KafkaSourceBuilder<RawRecord> kafkaSource(Configuration conf) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(conf.get(CasinoOptions.INPUT_TOPIC))
                .setGroupId(conf.get(CasinoOptions.GROUP_ID))
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer());
    }

    /** Adds the job's operators to the environment, between the given source and sinks. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            CasinoSinks sinks,
            Config config) {
        // Chained operators hand records over without a serializer copy. Safe here: every
        // function emits new objects and never changes one after emitting it, and records read
        // from the network are fresh objects (Flink's streaming inputs do not reuse them).
        env.getConfig().enableObjectReuse();

        // Watermarks per Kafka partition from the record timestamp, which the ingest job sets to
        // the block time: the source holds the watermark at the slowest partition, so a replay
        // that reads one partition ahead of another does not make the other's events late. The
        // job's logic uses each event's own block time (CasinoEvent.eventTime).
        DataStream<RawRecord> raw =
                env.fromSource(
                                source,
                                WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(
                                                config.maxOutOfOrderness())
                                        .withTimestampAssigner((record, ts) -> record.timestamp)
                                        .withIdleness(config.idleness()),
                                "fare_vault events")
                        .uid("fare-vault-source");

        SingleOutputStreamOperator<CasinoEvent> decoded =
                raw.process(new DecodeFareVault()).uid("decode").name("Decode fare_vault events");

        SingleOutputStreamOperator<CasinoEvent> routed =
                decoded.process(new Route()).uid("route").name("Route by event");

        DataStream<CasinoEvent> poolRegistrations = routed.getSideOutput(Route.POOLS);
        DataStream<CasinoEvent> vaultEvents = routed.getSideOutput(Route.VAULT);
        BroadcastStream<CasinoEvent> feeConfig =
                poolRegistrations.union(vaultEvents).broadcast(PoolEventLedger.CONFIG);

        // Trials: one bet each. (Every keyBy names its key type: string keys written in bulk,
        // the same bytes as Flink's own at a fraction of a snapshot's cost; BulkStringSerializer.)
        SingleOutputStreamOperator<BetRow> trials =
                routed.keyBy(event -> event.trialId, BulkStringSerializer.TYPE)
                        .process(
                                new TrialSettlement(
                                        config.pendingTimeout(),
                                        config.retention(),
                                        config.betExpiry(),
                                        config.pools()))
                        .uid("trial-settlement") // state: one TrialState per open trial
                        .name("Settle trials");
        trials.map(CasinoTables::bet)
                .uid("bet-rows")
                .name("Bet rows")
                .sinkTo(sinks.tables())
                .uid("bets-sink")
                .name("casino.bets");
        trials.getSideOutput(TrialSettlement.ANOMALIES)
                .sinkTo(sinks.tables())
                .uid("trial-anomalies-sink")
                .name("casino.anomalies (trials)");
        trials.getSideOutput(TrialSettlement.FEED)
                .sinkTo(sinks.feed())
                .uid("feed-sink")
                .name("feed.casino (bets)");

        // Fees and jackpot events: one row each, split with the configuration of their time.
        SingleOutputStreamOperator<TableRow> ledger =
                routed.getSideOutput(Route.LEDGER)
                        .keyBy(event -> event.eventId, BulkStringSerializer.TYPE)
                        .connect(feeConfig)
                        .process(new PoolEventLedger(config.retention(), config.pools()))
                        .uid("pool-event-ledger") // state: one entry per event, for retention
                        .name("Fees and jackpots");
        ledger.sinkTo(sinks.tables()).uid("ledger-sink").name("casino.fees, jackpots");
        ledger.getSideOutput(PoolEventLedger.FEED)
                .sinkTo(sinks.feed())
                .uid("jackpot-feed-sink")
                .name("feed.casino (jackpots)");

        DataStream<BetOutcome> outcomes = trials.getSideOutput(TrialSettlement.OUTCOMES);

        SingleOutputStreamOperator<TableRow> players =
                outcomes.keyBy(BetOutcome::statsKey, BulkStringSerializer.TYPE)
                        .process(
                                new PlayerStatsAggregator(
                                        config.retention(), config.flushInterval(), config.pools()))
                        .uid("player-stats") // state: one PlayerState per player and pool
                        .name("Player stats");
        players.sinkTo(sinks.tables()).uid("player-stats-sink").name("casino.player_stats");
        players.getSideOutput(PlayerStatsAggregator.FEED)
                .sinkTo(sinks.feed())
                .uid("player-feed-sink")
                .name("feed.casino (players)");

        players.getSideOutput(PlayerStatsAggregator.LEADERBOARD)
                .keyBy(LeaderboardUpdate::boardKey, BulkStringSerializer.TYPE)
                .process(
                        new LeaderboardAggregator(
                                config.leaderboardSize(),
                                config.retention(),
                                config.flushInterval()))
                .uid("leaderboards") // state: standings per pool and period
                .name("Leaderboards")
                .sinkTo(sinks.tables())
                .uid("leaderboards-sink")
                .name("casino.leaderboard_entries");

        DataStream<BetOutcome> settlements = outcomes.filter(o -> !o.placement).name("Settlements");
        settlements
                .keyBy(o -> o.poolId, BulkStringSerializer.TYPE)
                .process(
                        new OutcomeFrequencyTest(
                                config.outcomeTestBucket(),
                                config.outcomeTestWindow(),
                                config.retention(),
                                config.outcomeTestMinBets(),
                                config.outcomeTestAlpha()))
                .uid("outcome-test") // state: outcome counts per pool, table and bucket
                .name("Outcome frequency test")
                .sinkTo(sinks.tables())
                .uid("outcome-test-sink")
                .name("casino.outcome_tests");

        DataStream<PoolSignal> poolSignals =
                settlements
                        .map(PoolSignal::settled)
                        .returns(PoolSignal.class)
                        .name("Settled bets by pool")
                        .union(
                                ledger.getSideOutput(PoolEventLedger.POOL),
                                players.getSideOutput(PlayerStatsAggregator.POOL),
                                poolRegistrations
                                        .map(PoolSignal::registered)
                                        .returns(PoolSignal.class)
                                        .name("Pool registrations"));
        SingleOutputStreamOperator<TableRow> pools =
                poolSignals
                        .keyBy(signal -> signal.poolId, BulkStringSerializer.TYPE)
                        .process(
                                new PoolAggregator(
                                        config.retention(),
                                        config.flushInterval(),
                                        config.statsDebounce(),
                                        config.pools()))
                        .uid("pool-stats") // state: one PoolState per pool
                        .name("Pool stats");
        pools.sinkTo(sinks.tables()).uid("pool-stats-sink").name("casino.pools, pool_stats");
        pools.getSideOutput(PoolAggregator.FEED)
                .sinkTo(sinks.feed())
                .uid("stats-feed-sink")
                .name("feed.casino (stats)");

        // The admin events: one key, since the current configuration needs all of them.
        SingleOutputStreamOperator<TableRow> vault =
                vaultEvents
                        .keyBy(event -> FareVaultEvents.PROGRAM_ID, BulkStringSerializer.TYPE)
                        .process(new VaultHistory(config.retention()))
                        .uid("vault-history") // state: the admin events of the reorg window
                        .name("Vault history");
        vault.sinkTo(sinks.tables()).uid("vault-sink").name("casino.vault_events");

        DataStream<DeadLetterRecord> refused =
                decoded.getSideOutput(DecodeFareVault.DEAD_LETTERS)
                        .union(
                                trials.getSideOutput(TrialSettlement.DEAD_LETTERS),
                                ledger.getSideOutput(PoolEventLedger.DEAD_LETTERS),
                                pools.getSideOutput(PoolAggregator.DEAD_LETTERS),
                                vault.getSideOutput(VaultHistory.DEAD_LETTERS));
        refused.sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dlq.casino");
    }

    /**
     * Sends each event where it is computed on: trials on the main output, fees and jackpot events
     * to the ledger, pool registrations and admin events to theirs.
     */
    static final class Route extends ProcessFunction<CasinoEvent, CasinoEvent> {
        static final OutputTag<CasinoEvent> LEDGER = new OutputTag<>("ledger-events") {};
        static final OutputTag<CasinoEvent> POOLS = new OutputTag<>("pool-registrations") {};
        static final OutputTag<CasinoEvent> VAULT = new OutputTag<>("vault-events") {};

        @Override
        public void processElement(CasinoEvent event, Context ctx, Collector<CasinoEvent> out) {
            switch (event.type) {
                case TRIAL_REGISTERED, TRIAL_RESOLVED -> out.collect(event);
                case FEE_CHARGED,
                        POOL_ACCUMULATED_AMOUNT_UPDATED,
                        POOL_ACCUMULATED_AMOUNT_RELEASED ->
                        ctx.output(LEDGER, event);
                case POOL_REGISTERED -> ctx.output(POOLS, event);
                case VAULT_CONFIG_UPDATED -> ctx.output(VAULT, event);
                default -> throw new IllegalStateException("Unrouted event " + event.type);
            }
        }
    }

    /**
     * The job's own settings ({@link CasinoOptions}).
     *
     * @param maxOutOfOrderness how late an event may be and still be on time
     * @param idleness after how long a silent input stops holding the watermark back
     * @param pendingTimeout how long a trial waits for its other event
     * @param retention how long a finished event stays for dedup and reorgs (the reorg window)
     * @param betExpiry when an unresolved bet is reported expired
     * @param flushInterval between writes of an aggregate's row
     * @param statsDebounce between two stats.updated of a pool
     * @param leaderboardSize players per leaderboard
     * @param outcomeTestBucket step of the outcome test's window
     * @param outcomeTestWindow length of the outcome test's window
     * @param outcomeTestMinBets fewest bets for a flag
     * @param outcomeTestAlpha p-value below which a window is flagged
     * @param pools names and games of the pools
     */
    public record Config(
            Duration maxOutOfOrderness,
            Duration idleness,
            Duration pendingTimeout,
            Duration retention,
            Duration betExpiry,
            Duration flushInterval,
            Duration statsDebounce,
            int leaderboardSize,
            Duration outcomeTestBucket,
            Duration outcomeTestWindow,
            long outcomeTestMinBets,
            double outcomeTestAlpha,
            PoolRegistry pools)
            implements Serializable {

        public static Config from(Configuration conf) {
            return new Config(
                    conf.get(CasinoOptions.MAX_OUT_OF_ORDERNESS),
                    conf.get(CasinoOptions.IDLENESS),
                    conf.get(CasinoOptions.PENDING_TIMEOUT),
                    conf.get(CasinoOptions.RETENTION),
                    conf.get(CasinoOptions.BET_EXPIRY),
                    conf.get(CasinoOptions.FLUSH_INTERVAL),
                    conf.get(CasinoOptions.STATS_DEBOUNCE),
                    conf.get(CasinoOptions.LEADERBOARD_SIZE),
                    conf.get(CasinoOptions.OUTCOME_TEST_BUCKET),
                    conf.get(CasinoOptions.OUTCOME_TEST_WINDOW),
                    conf.get(CasinoOptions.OUTCOME_TEST_MIN_BETS),
                    conf.get(CasinoOptions.OUTCOME_TEST_ALPHA),
                    PoolRegistry.parse(conf.get(CasinoOptions.POOLS)));
        }

        public static Config defaults() {
            return from(new Configuration());
        }
    }
}
