package io.chainplay.pipelines.casino;

import io.chainplay.schemas.Topics;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** Settings of the casino job, with their defaults. */
public final class CasinoOptions {

    public static final ConfigOption<String> INPUT_TOPIC =
            ConfigOptions.key("chainplay.casino.input-topic")
                    .stringType()
                    .defaultValue(Topics.RAW_SOLANA_FARE_VAULT.name())
                    .withDescription("Topic of fare_vault ChainEvent envelopes.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("chainplay.casino.group-id")
                    .stringType()
                    .defaultValue("chainplay-casino")
                    .withDescription(
                            "Kafka consumer group; offsets are committed on checkpoints for"
                                    + " monitoring, while the job itself restarts from its"
                                    + " checkpointed offsets.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("chainplay.casino.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How far behind the newest block time an event may arrive and still"
                                    + " be on time; bounds the watermark.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("chainplay.casino.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A partition without records for this long stops holding back the"
                                    + " watermark.");

    public static final ConfigOption<Duration> PENDING_TIMEOUT =
            ConfigOptions.key("chainplay.casino.pending-timeout")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "Event time a trial is kept waiting for its other event: after it an"
                                    + " unresolved bet stays 'placed' and leaves state, and an"
                                    + " orphan resolution is dead-lettered.");

    public static final ConfigOption<Duration> RETENTION =
            ConfigOptions.key("chainplay.casino.retention")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "Event time a settled trial stays in state after its last event, to"
                                    + " recognise duplicates and take it back on a reorg; the"
                                    + " dedup window. Longer than the chain's time to finality.");

    public static final ConfigOption<Duration> BET_EXPIRY =
            ConfigOptions.key("chainplay.casino.bet-expiry")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Event time after its registration at which a bet without a"
                                    + " resolution is reported expired (bet.expired, status"
                                    + " 'expired'); it still settles if the resolution comes."
                                    + " At most pending-timeout.");

    public static final ConfigOption<Duration> FLUSH_INTERVAL =
            ConfigOptions.key("chainplay.casino.flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "Processing time between writes of an aggregate's row (player,"
                                    + " pool, leaderboard): the latest value per key per"
                                    + " interval, not one write per bet.");

    public static final ConfigOption<Duration> STATS_DEBOUNCE =
            ConfigOptions.key("chainplay.casino.stats-debounce")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("At most one stats.updated per pool per this interval.");

    public static final ConfigOption<Integer> LEADERBOARD_SIZE =
            ConfigOptions.key("chainplay.casino.leaderboard-size")
                    .intType()
                    .defaultValue(100)
                    .withDescription("Players per leaderboard (pool, period, metric).");

    public static final ConfigOption<Duration> OUTCOME_TEST_BUCKET =
            ConfigOptions.key("chainplay.casino.outcome-test.bucket")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Step of the outcome frequency test's sliding window: a window is"
                                    + " tested at the end of each bucket with bets.");

    public static final ConfigOption<Duration> OUTCOME_TEST_WINDOW =
            ConfigOptions.key("chainplay.casino.outcome-test.window")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "Length of the sliding window of settled bets the chi-square test"
                                    + " runs over (a multiple of the bucket).");

    public static final ConfigOption<Long> OUTCOME_TEST_MIN_BETS =
            ConfigOptions.key("chainplay.casino.outcome-test.min-bets")
                    .longType()
                    .defaultValue(200L)
                    .withDescription("Fewest bets in a window for a result to be flagged.");

    public static final ConfigOption<Double> OUTCOME_TEST_ALPHA =
            ConfigOptions.key("chainplay.casino.outcome-test.alpha")
                    .doubleType()
                    .defaultValue(1e-6)
                    .withDescription(
                            "p-value below which a window is flagged. Small, because every pool"
                                    + " is tested once per bucket: about 1.4e-3 false alarms per"
                                    + " pool and day at the default.");

    public static final ConfigOption<String> POOLS =
            ConfigOptions.key("chainplay.casino.pools")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Pool registry: 'pool=<id>, name=..., slug=..., game=...' specs"
                                    + " separated by ';'. Names the casinos and their game"
                                    + " (gameType in the feed); unlisted pools use their id.");

    public static final ConfigOption<Integer> SINK_BATCH_ROWS =
            ConfigOptions.key("chainplay.casino.sink.batch-rows")
                    .intType()
                    .defaultValue(5_000)
                    .withDescription(
                            "Rows a table sink buffers before it writes them (one statement per"
                                    + " table and kind).");

    public static final ConfigOption<Duration> SINK_INTERVAL =
            ConfigOptions.key("chainplay.casino.sink.interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "Longest a row waits in a table sink's buffer; checkpoints flush it"
                                    + " too.");

    public static final ConfigOption<Duration> SINK_HOLD_PLACED =
            ConfigOptions.key("chainplay.casino.sink.hold-placed")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Longest a placed, unsettled bet's row is held back in the table sink"
                                    + " so that its settlement, if it comes first, is the only"
                                    + " version written (checkpoints flush it too; 0 writes it at"
                                    + " once). The feed's bet.placed is never held.");

    public static final ConfigOption<String> FEED_TOPIC =
            ConfigOptions.key("chainplay.casino.feed-topic")
                    .stringType()
                    .defaultValue(Topics.FEED_CASINO.name())
                    .withDescription("Topic of the casino's WebSocket feed messages.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("chainplay.casino.dead-letter-topic")
                    .stringType()
                    .defaultValue(Topics.DLQ_CASINO.name())
                    .withDescription("Topic of the records the casino job refused.");

    private CasinoOptions() {}
}
