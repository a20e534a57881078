package io.chainplay.pipelines.trading;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.pipelines.common.JdbcSinks;
import io.chainplay.pipelines.common.KafkaSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;

/**
 * Where the trading job writes: the fills' three tables, the feed, the dead letters, and the
 * workflow answers' table. Tests pass their own sinks; {@link #production} builds the real ones.
 */
public record TradingSinks(
        Sink<FillRow> fills,
        Sink<Position> positions,
        Sink<DailyTrades> daily,
        Sink<FeedRecord> feed,
        Sink<DeadLetterRecord> deadLetters,
        Sink<TradeRequestRow> tradeRequests) {

    /**
     * Postgres upserts through the JDBC connector (at-least-once, idempotent, batched by {@code
     * chainplay.jdbc.batch-size} / {@code batch-interval-ms}), the feed and dead letters
     * at-least-once.
     */
    public static TradingSinks production(Configuration conf) {
        String kafka = conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS);
        return new TradingSinks(
                JdbcSinks.upsert(TradingTables.UPSERT_FILL, TradingTables::bindFill, conf),
                JdbcSinks.upsert(TradingTables.UPSERT_POSITION, TradingTables::bindPosition, conf),
                JdbcSinks.upsert(TradingTables.UPSERT_DAILY, TradingTables::bindDaily, conf),
                KafkaSinks.feed(
                        kafka, Topics.FEED_TRADES.withName(conf.get(TradingOptions.FEED_TOPIC))),
                KafkaSinks.deadLetters(
                        kafka,
                        Topics.DLQ_TRADING.withName(conf.get(TradingOptions.DEAD_LETTER_TOPIC))),
                JdbcSinks.upsert(
                        TradingTables.UPSERT_TRADE_REQUEST, TradingTables::bindTradeRequest, conf));
    }
}
