package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.pipelines.common.JdbcSinks;
import io.chainplay.pipelines.common.KafkaSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topics;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;

/**
 * Where the casino job writes: the two tables, the feed and the dead letters. Tests pass their own
 * sinks; {@link #production} builds the real ones.
 */
public record CasinoSinks(
        Sink<BetRow> bets,
        Sink<PlayerStatsRow> playerStats,
        Sink<FeedRecord> feed,
        Sink<DeadLetterRecord> deadLetters) {

    /** Postgres upserts (at-least-once, idempotent) and Kafka topics (at-least-once). */
    public static CasinoSinks production(Configuration conf) {
        String kafka = conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS);
        return new CasinoSinks(
                JdbcSinks.upsert(CasinoTables.UPSERT_BET, CasinoTables::bindBet, conf),
                JdbcSinks.upsert(
                        CasinoTables.UPSERT_PLAYER_STATS, CasinoTables::bindPlayerStats, conf),
                KafkaSinks.feed(
                        kafka, Topics.FEED_CASINO.withName(conf.get(CasinoOptions.FEED_TOPIC))),
                KafkaSinks.deadLetters(
                        kafka,
                        Topics.DLQ_CASINO.withName(conf.get(CasinoOptions.DEAD_LETTER_TOPIC))));
    }
}
