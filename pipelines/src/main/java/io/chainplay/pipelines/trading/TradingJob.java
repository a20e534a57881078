package io.chainplay.pipelines.trading;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.JobConfig;
import io.chainplay.pipelines.common.KafkaSources;
import io.chainplay.pipelines.common.RawRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.Serializable;
import java.time.Duration;

/**
 * The trading job: exchange fills in; every player's positions, PnL, fees, volume and daily-trade
 * ledger out.
 *
 * <pre>
 * raw.exchange.fills ─▶ decode + validate ─▶ keyBy(player) apply in (time, fill id) order
 *                          │                    ├─▶ trading.fills
 *                          │                    ├─▶ trading.positions
 *                          │                    ├─▶ trading.daily_trades
 *                          │                    └─▶ feed.trades (trade.filled, position.updated)
 *                          └───────────────────────▶ dlq.trading ◀─ late fills
 * </pre>
 *
 * <p>{@link #main} reads the configuration and builds the Kafka source and the real sinks; {@link
 * #build} takes them as parameters, so tests run the same graph over bounded sources, in STREAMING
 * or BATCH mode. See {@code docs/trading.md}.
 */
public final class TradingJob {

    /** Name of this job's dead-letter source ({@code dlq.trading}). */
    public static final String SOURCE_NAME = "trading";

    private TradingJob() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        TradingSinks sinks = TradingSinks.production(conf);
        build(env, kafkaSource(conf).build(), sinks, Config.from(conf));
        buildTradeRequests(env, resultsSource(conf).build(), sinks);
        env.execute("chainplay-trading");
    }

    /**
     * The live source: every partition of the fills topic from the committed offsets, or from the
     * beginning for a new group, read_committed (the fills source writes in transactions). Call
     * {@code setBounded(...)} on it for a backfill.
     */
    public static KafkaSourceBuilder<RawRecord> kafkaSource(Configuration conf) {
        return KafkaSources.raw(
                conf, conf.get(TradingOptions.INPUT_TOPIC), conf.get(TradingOptions.GROUP_ID));
    }

    /**
     * The daily-trade workflow's answers ({@code wf.trade.results}), read_committed: the StateFun
     * runtime writes them in transactions.
     */
    public static KafkaSourceBuilder<RawRecord> resultsSource(Configuration conf) {
        return KafkaSources.raw(
                conf,
                conf.get(TradingOptions.RESULTS_TOPIC),
                conf.get(TradingOptions.RESULTS_GROUP_ID));
    }

    /**
     * Adds the workflow answers' branch: each answer becomes the row of its request in {@code
     * trading.trade_requests}, moving only forward (see {@link
     * TradingTables#UPSERT_TRADE_REQUEST}), and answers that do not parse go to {@code
     * dlq.trading}. Stateless: the table's status rank makes a replay harmless, so this branch
     * needs no keyed state.
     */
    public static void buildTradeRequests(
            StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, TradingSinks sinks) {
        SingleOutputStreamOperator<TradeRequestRow> rows =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "trade results")
                        .uid("trade-results-source")
                        .process(new DecodeTradeResult())
                        .uid("decode-trade-results")
                        .name("Decode workflow answers");
        rows.sinkTo(sinks.tradeRequests())
                .uid("trade-requests-sink")
                .name("trading.trade_requests");
        rows.getSideOutput(DecodeTradeResult.DEAD_LETTERS)
                .sinkTo(sinks.deadLetters())
                .uid("trade-results-dead-letter-sink")
                .name("dlq.trading (answers)");
    }

    /** Adds the job's operators to the environment, between the given source and sinks. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            TradingSinks sinks,
            Config config) {
        // Event time is the record timestamp, which the fills source sets to createdTime. BATCH
        // mode sorts each player's fills by it; PlayerTrading orders fills of one millisecond.
        DataStream<RawRecord> raw =
                env.fromSource(
                                source,
                                WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(
                                                config.maxOutOfOrderness())
                                        .withTimestampAssigner((record, ts) -> record.timestamp)
                                        .withIdleness(config.idleness()),
                                "exchange fills")
                        .uid("exchange-fills-source");

        SingleOutputStreamOperator<Fill> fills =
                raw.process(new DecodeFill()).uid("decode").name("Decode and validate fills");

        // Keyed by player, not by (venue, player): the daily ledger counts a player's fills on
        // every venue, and the input topic is keyed by player already.
        SingleOutputStreamOperator<FillRow> applied =
                fills.keyBy(fill -> fill.player)
                        .process(new PlayerTrading(config.reorderDelay(), config.retention()))
                        .uid("player-trading") // state: positions, days, seen ids, buffer
                        .name("Player positions");

        // The sinks chain to the keyed operator, so a key's rows reach Postgres in order.
        applied.sinkTo(sinks.fills()).uid("fills-sink").name("trading.fills");
        applied.getSideOutput(PlayerTrading.POSITIONS)
                .sinkTo(sinks.positions())
                .uid("positions-sink")
                .name("trading.positions");
        applied.getSideOutput(PlayerTrading.DAILY)
                .sinkTo(sinks.daily())
                .uid("daily-trades-sink")
                .name("trading.daily_trades");
        applied.getSideOutput(PlayerTrading.FEED)
                .sinkTo(sinks.feed())
                .uid("feed-sink")
                .name("feed.trades");
        DataStream<DeadLetterRecord> refused =
                fills.getSideOutput(DecodeFill.DEAD_LETTERS)
                        .union(applied.getSideOutput(PlayerTrading.DEAD_LETTERS));
        refused.sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dlq.trading");
    }

    /**
     * The job's own settings ({@link TradingOptions}).
     *
     * @param reorderDelay how long a millisecond's fills wait for the rest of it
     * @param retention the dedup window
     * @param maxOutOfOrderness watermark lag
     * @param idleness after how long a silent partition stops holding the watermark back
     */
    public record Config(
            Duration reorderDelay,
            Duration retention,
            Duration maxOutOfOrderness,
            Duration idleness)
            implements Serializable {

        public Config {
            if (reorderDelay.isNegative() || retention.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException(
                        "chainplay.trading.reorder-delay must be >= 0 and"
                                + " chainplay.trading.retention at least 1 min: "
                                + reorderDelay
                                + ", "
                                + retention);
            }
        }

        public static Config from(Configuration conf) {
            return new Config(
                    conf.get(TradingOptions.REORDER_DELAY),
                    conf.get(TradingOptions.RETENTION),
                    conf.get(TradingOptions.MAX_OUT_OF_ORDERNESS),
                    conf.get(TradingOptions.IDLENESS));
        }

        public static Config defaults() {
            return from(new Configuration());
        }
    }
}
