package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.JobConfig;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.pipelines.common.RawRecordDeserializer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.io.Serializable;
import java.time.Duration;

/**
 * The earnings job: Solana Mafia's events in, every player's economy and its scheduled earnings
 * updates out, reconciled against the program's own.
 *
 * <pre>
 * raw.solana.solana_mafia ─▶ decode ─────────────────────▶ keyBy(player) player earnings
 *                             │             └─▶ input end time ─(broadcast)─┘   │
 *                             │   earnings_history ◀──────────────────────────────┤
 *                             │   players, businesses, reconciliation ◀──────────┤
 *                             │   feed.earnings, earnings.due ◀──────────────────┤
 *                             │   keyBy(game) global stats ─▶ global_stats ◀─────┤
 *                             └───────────────────────────────▶ dlq.earnings ◀───┘
 * </pre>
 *
 * <p>{@link #main} reads the configuration and builds the Kafka source and the real sinks; {@link
 * #build} takes them as parameters, so tests run the same graph over bounded sources and collecting
 * sinks, in STREAMING or BATCH mode. See {@code docs/earnings.md}.
 */
public final class EarningsJob {

    /** Name of this job's dead-letter source ({@code dlq.earnings}). */
    public static final String SOURCE_NAME = "earnings";

    private EarningsJob() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = withStateDefaults(JobConfig.fromArgs(args));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env, kafkaSource(conf).build(), EarningsSinks.production(conf), Config.from(conf));
        env.execute("chainplay-earnings");
    }

    /**
     * The RocksDB settings the earnings job is measured with ({@code ./chainplay bench
     * earnings-timers}), where the configuration does not set them.
     *
     * <ul>
     *   <li>Timers on the heap ({@code state.backend.rocksdb.timer-service.factory: HEAP}): every
     *       player has a due timer and a day's dues fire in one sweep; in RocksDB each fired timer
     *       leaves a tombstone that the timer queue's refills scan again, and polling and adding
     *       timers took a fifth of the dues' time in the profile. The cost: the timers (about 100
     *       bytes each, one or two per player) live on the JVM heap and are snapshotted
     *       synchronously at each checkpoint.
     *   <li>Bloom filters ({@code state.backend.rocksdb.use-bloom-filter}): a due reads the
     *       player's buffer of waiting events, which is almost always empty; a miss should not
     *       search every level.
     * </ul>
     */
    public static Configuration withStateDefaults(Configuration conf) {
        if (!conf.contains(RocksDBOptions.TIMER_SERVICE_FACTORY)) {
            conf.set(
                    RocksDBOptions.TIMER_SERVICE_FACTORY,
                    EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        }
        if (!conf.contains(RocksDBConfigurableOptions.USE_BLOOM_FILTER)) {
            conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        }
        return conf;
    }

    /**
     * The live source: every partition of the input topic from the committed offsets, or from the
     * beginning for a new group, read_committed. Call {@code setBounded(...)} on it for a backfill.
     */
    public static KafkaSourceBuilder<RawRecord> kafkaSource(Configuration conf) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(conf.get(EarningsOptions.INPUT_TOPIC))
                .setGroupId(conf.get(EarningsOptions.GROUP_ID))
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new RawRecordDeserializer());
    }

    /** Adds the job's operators to the environment, between the given source and sinks. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            EarningsSinks sinks,
            Config config) {
        // Watermarks per Kafka partition from the record timestamp, which the ingest job sets to
        // the block time (Topics.rawSolana): the source holds the watermark at the slowest
        // partition, so a replay that reads one partition ahead of another does not make the
        // other's events late. The job's logic uses each event's own block time (eventTime).
        DataStream<RawRecord> raw =
                env.fromSource(
                                source,
                                WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(
                                                config.maxOutOfOrderness())
                                        .withTimestampAssigner((record, ts) -> record.timestamp)
                                        .withIdleness(config.idleness()),
                                "solana_mafia events")
                        .uid("solana-mafia-source");

        SingleOutputStreamOperator<MafiaEvent> decoded =
                raw.process(new DecodeSolanaMafia(config.program()))
                        .uid("decode")
                        .name("Decode solana_mafia events");

        // Where a bounded input ends: the last block time, once everything has been read.
        BroadcastStream<Long> inputEnd =
                decoded.transform(
                                "Input end time (per subtask)",
                                Types.LONG,
                                new InputEndTime<MafiaEvent>(e -> e.eventTime))
                        .uid("input-end-local")
                        .transform("Input end time", Types.LONG, new InputEndTime<Long>(t -> t))
                        .setParallelism(1)
                        .setMaxParallelism(1)
                        .uid("input-end")
                        .broadcast(PlayerEarnings.INPUT_END);

        SingleOutputStreamOperator<HistoryRow> history =
                decoded.keyBy(event -> event.player)
                        .connect(inputEnd)
                        .process(new PlayerEarnings(config.timeline(), config.retention()))
                        .uid("player-earnings") // state: one PlayerState per player
                        .name("Player earnings");

        history.sinkTo(sinks.history()).uid("history-sink").name("earnings.earnings_history");
        history.getSideOutput(PlayerEarnings.PLAYERS)
                .sinkTo(sinks.players())
                .uid("players-sink")
                .name("earnings.players");
        history.getSideOutput(PlayerEarnings.BUSINESSES)
                .sinkTo(sinks.businesses())
                .uid("businesses-sink")
                .name("earnings.businesses");
        history.getSideOutput(PlayerEarnings.RECONCILIATION)
                .sinkTo(sinks.reconciliation())
                .uid("reconciliation-sink")
                .name("earnings.reconciliation");
        history.getSideOutput(PlayerEarnings.FEED)
                .sinkTo(sinks.feed())
                .uid("feed-sink")
                .name("feed.earnings");
        history.getSideOutput(PlayerEarnings.DUES)
                .sinkTo(sinks.dues())
                .uid("dues-sink")
                .name("earnings.due");

        history.getSideOutput(PlayerEarnings.STATS)
                .keyBy(delta -> delta.program)
                .process(new GlobalStatsAggregator(config.statsInterval()))
                .uid("global-stats") // state: one GlobalStatsRow per game
                .name("Global stats")
                .sinkTo(sinks.globalStats())
                .uid("global-stats-sink")
                .name("earnings.global_stats");

        DataStream<DeadLetterRecord> refused =
                decoded.getSideOutput(DecodeSolanaMafia.DEAD_LETTERS)
                        .union(history.getSideOutput(PlayerEarnings.DEAD_LETTERS));
        refused.sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dlq.earnings");
    }

    /**
     * The job's own settings ({@link EarningsOptions}).
     *
     * @param program the solana_mafia program id
     * @param rules the game constants
     * @param interval time between a player's dues
     * @param retention the reorg and dedup window
     * @param maxOutOfOrderness how late an event may be and still be on time
     * @param idleness after how long a silent input stops holding the watermark back
     * @param statsInterval event time between two global-stats writes
     */
    public record Config(
            String program,
            GameRules rules,
            Duration interval,
            Duration retention,
            Duration maxOutOfOrderness,
            Duration idleness,
            Duration statsInterval)
            implements Serializable {

        public Config {
            if (interval.toMillis() % 1000 != 0 || interval.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "chainplay.earnings.interval must be whole seconds, at least 1 s: "
                                + interval);
            }
        }

        public static Config from(Configuration conf) {
            return new Config(
                    conf.get(EarningsOptions.PROGRAM),
                    GameRules.load(conf.get(EarningsOptions.GAME_CONSTANTS)),
                    conf.get(EarningsOptions.INTERVAL),
                    conf.get(EarningsOptions.RETENTION),
                    conf.get(EarningsOptions.MAX_OUT_OF_ORDERNESS),
                    conf.get(EarningsOptions.IDLENESS),
                    conf.get(EarningsOptions.STATS_INTERVAL));
        }

        public static Config defaults() {
            return from(new Configuration());
        }

        /** The same settings with another interval (demos, tests). */
        public Config withInterval(Duration newInterval) {
            return new Config(
                    program,
                    rules,
                    newInterval,
                    retention,
                    maxOutOfOrderness,
                    idleness,
                    statsInterval);
        }

        /** The same settings with another watermark out-of-orderness (tests). */
        public Config withOutOfOrderness(Duration newOutOfOrderness) {
            return new Config(
                    program,
                    rules,
                    interval,
                    retention,
                    newOutOfOrderness,
                    idleness,
                    statsInterval);
        }

        Timeline timeline() {
            return new Timeline(program, rules, interval.toSeconds());
        }
    }
}
