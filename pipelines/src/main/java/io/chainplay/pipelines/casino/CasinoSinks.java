package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.pipelines.common.JdbcSinks;
import io.chainplay.pipelines.common.KafkaSinks;
import io.chainplay.pipelines.common.PipelineOptions;
import io.chainplay.schemas.Topic;
import io.chainplay.schemas.Topics;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;

import org.apache.kafka.common.serialization.Serdes;

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
        Topic<String, String> feedTopic =
                new Topic<>(conf.get(CasinoOptions.FEED_TOPIC), Serdes.String(), Serdes.String());
        return new CasinoSinks(
                JdbcSinks.upsert(CasinoTables.UPSERT_BET, CasinoTables::bindBet, conf),
                JdbcSinks.upsert(
                        CasinoTables.UPSERT_PLAYER_STATS, CasinoTables::bindPlayerStats, conf),
                KafkaSinks.feed(kafka, feedTopic),
                KafkaSinks.deadLetters(kafka, Topics.DLQ_CASINO));
    }
}
