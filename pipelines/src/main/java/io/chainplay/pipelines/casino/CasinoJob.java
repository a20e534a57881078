package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.JobConfig;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.pipelines.common.RawRecordDeserializer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.io.Serializable;
import java.time.Duration;

/**
 * The casino job: fare_vault trials in, settled bets and per-player stats out.
 *
 * <pre>
 * raw.solana.fare_vault ─▶ decode ─▶ keyBy(trial) settle ─▶ casino.bets
 *                            │              ├─ outcomes ─▶ keyBy(player/pool) stats ─▶ casino.player_stats
 *                            │              ├─ feed ─▶ feed.casino
 *                            └──────────────┴─ refused ─▶ dlq.casino
 * </pre>
 *
 * <p>{@link #main} reads the configuration and builds the Kafka source and the real sinks; {@link
 * #build} takes them as parameters, so tests run the same graph over bounded sources and collecting
 * sinks, in STREAMING or BATCH mode.
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
        DataStream<RawRecord> raw =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "fare_vault events")
                        .uid("fare-vault-source");

        SingleOutputStreamOperator<CasinoEvent> decoded =
                raw.process(new DecodeFareVault()).uid("decode").name("Decode fare_vault events");

        // Watermarks from block time, after decoding: the Kafka record timestamp is whatever the
        // producer set, while the envelope's eventTime is the block's. Out-of-orderness covers
        // skew between the partitions one subtask reads.
        SingleOutputStreamOperator<CasinoEvent> timed =
                decoded.assignTimestampsAndWatermarks(
                                WatermarkStrategy.<CasinoEvent>forBoundedOutOfOrderness(
                                                config.maxOutOfOrderness())
                                        .withTimestampAssigner((event, ts) -> event.eventTime)
                                        .withIdleness(config.idleness()))
                        .uid("block-time")
                        .name("Block time watermarks");

        SingleOutputStreamOperator<BetRow> bets =
                timed.keyBy(event -> event.trialId)
                        .process(new TrialSettlement(config.pendingTimeout(), config.retention()))
                        .uid("trial-settlement") // state: one TrialState per open trial
                        .name("Settle trials");

        bets.sinkTo(sinks.bets()).uid("bets-sink").name("casino.bets");

        bets.getSideOutput(TrialSettlement.OUTCOMES)
                .keyBy(BetOutcome::statsKey)
                .process(new PlayerStatsAggregator())
                .uid("player-stats") // state: one PlayerStatsRow per player and pool
                .name("Player stats")
                .sinkTo(sinks.playerStats())
                .uid("player-stats-sink")
                .name("casino.player_stats");

        bets.getSideOutput(TrialSettlement.FEED)
                .sinkTo(sinks.feed())
                .uid("feed-sink")
                .name("feed.casino");

        DataStream<DeadLetterRecord> refused =
                decoded.getSideOutput(DecodeFareVault.DEAD_LETTERS)
                        .union(bets.getSideOutput(TrialSettlement.DEAD_LETTERS));
        refused.sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dlq.casino");
    }

    /**
     * The job's own settings ({@link CasinoOptions}).
     *
     * @param maxOutOfOrderness how late an event may be and still be on time
     * @param idleness after how long a silent input stops holding the watermark back
     * @param pendingTimeout how long a trial waits for its other event
     * @param retention how long a finished trial stays for dedup and reorgs
     */
    public record Config(
            Duration maxOutOfOrderness,
            Duration idleness,
            Duration pendingTimeout,
            Duration retention)
            implements Serializable {

        public static Config from(Configuration conf) {
            return new Config(
                    conf.get(CasinoOptions.MAX_OUT_OF_ORDERNESS),
                    conf.get(CasinoOptions.IDLENESS),
                    conf.get(CasinoOptions.PENDING_TIMEOUT),
                    conf.get(CasinoOptions.RETENTION));
        }

        public static Config defaults() {
            return from(new Configuration());
        }
    }
}
