package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.pipelines.common.KafkaSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;

/**
 * Where the casino job writes: the tables (every {@link TableRow}, whatever the table), the feed
 * and the dead letters. Each operator that produces rows or feed messages gets its own instance of
 * the sink, chained to it, so a key's rows stay in order. Tests pass their own sinks; {@link
 * #production} builds the real ones.
 */
public record CasinoSinks(
        Sink<TableRow> tables, Sink<FeedRecord> feed, Sink<DeadLetterRecord> deadLetters) {

    /** Batched Postgres upserts (at-least-once, idempotent) and Kafka topics (at-least-once). */
    public static CasinoSinks production(Configuration conf) {
        String kafka = conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS);
        return new CasinoSinks(
                postgres(conf),
                KafkaSinks.feed(
                        kafka, Topics.FEED_CASINO.withName(conf.get(CasinoOptions.FEED_TOPIC))),
                KafkaSinks.deadLetters(
                        kafka,
                        Topics.DLQ_CASINO.withName(conf.get(CasinoOptions.DEAD_LETTER_TOPIC))));
    }

    public static PostgresTableSink postgres(Configuration conf) {
        return new PostgresTableSink(
                conf.get(PipelineOptions.JDBC_URL),
                conf.get(PipelineOptions.JDBC_USER),
                conf.get(PipelineOptions.JDBC_PASSWORD),
                conf.get(CasinoOptions.SINK_BATCH_ROWS),
                conf.get(CasinoOptions.SINK_INTERVAL).toMillis(),
                conf.get(CasinoOptions.SINK_HOLD_PLACED).toMillis());
    }
}
