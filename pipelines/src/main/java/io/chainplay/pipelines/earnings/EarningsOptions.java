package io.chainplay.pipelines.earnings;

import io.chainplay.schemas.Topics;
import io.chainplay.schemas.earnings.SolanaMafiaEvents;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** Settings of the earnings job, with their defaults. */
public final class EarningsOptions {

    public static final ConfigOption<String> INPUT_TOPIC =
            ConfigOptions.key("chainplay.earnings.input-topic")
                    .stringType()
                    .defaultValue(Topics.RAW_SOLANA_SOLANA_MAFIA.name())
                    .withDescription("Topic of solana_mafia ChainEvent envelopes.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("chainplay.earnings.group-id")
                    .stringType()
                    .defaultValue("chainplay-earnings")
                    .withDescription(
                            "Kafka consumer group; offsets are committed on checkpoints for"
                                    + " monitoring, while the job restarts from its checkpointed"
                                    + " offsets.");

    public static final ConfigOption<String> PROGRAM =
            ConfigOptions.key("chainplay.earnings.program")
                    .stringType()
                    .defaultValue(SolanaMafiaEvents.PROGRAM_ID)
                    .withDescription(
                            "The solana_mafia program id; events of other programs are"
                                    + " dead-lettered. Also the game's key in global_stats.");

    public static final ConfigOption<Duration> INTERVAL =
            ConfigOptions.key("chainplay.earnings.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(86_400))
                    .withDescription(
                            "Time between a player's scheduled updates: the program's"
                                    + " EARNINGS_INTERVAL. Set it to what the program runs with"
                                    + " (a devnet may shorten it); rates stay per day.");

    public static final ConfigOption<Duration> RETENTION =
            ConfigOptions.key("chainplay.earnings.retention")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Event time a player's applied events stay replayable: the reorg and"
                                    + " dedup window. A retraction, a duplicate or a late event"
                                    + " older than this is dead-lettered, and a refused event is"
                                    + " dead-lettered once it is this old. Longer than the chain's"
                                    + " time to finality (Solana: ~13 s) plus the watermark's"
                                    + " out-of-orderness; a player active within it keeps a copy"
                                    + " of its ledger.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("chainplay.earnings.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How far behind the newest block time an event may arrive and still"
                                    + " be on time; events wait this long before they apply.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("chainplay.earnings.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A partition without records for this long stops holding back the"
                                    + " watermark.");

    public static final ConfigOption<Duration> STATS_INTERVAL =
            ConfigOptions.key("chainplay.earnings.stats-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Event time between two writes of a game's global_stats row.");

    public static final ConfigOption<String> GAME_CONSTANTS =
            ConfigOptions.key("chainplay.earnings.game-constants")
                    .stringType()
                    .defaultValue(GameRules.BUNDLED)
                    .withDescription(
                            "game_constants.json (a path or classpath:) that daily rates, deposits"
                                    + " and sell fees are validated against.");

    public static final ConfigOption<String> FEED_TOPIC =
            ConfigOptions.key("chainplay.earnings.feed-topic")
                    .stringType()
                    .defaultValue(Topics.FEED_EARNINGS.name())
                    .withDescription("Topic of the earnings WebSocket feed messages.");

    public static final ConfigOption<String> DUE_TOPIC =
            ConfigOptions.key("chainplay.earnings.due-topic")
                    .stringType()
                    .defaultValue(Topics.EARNINGS_DUE.name())
                    .withDescription("Topic of the EarningsDue records, for the keeper.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("chainplay.earnings.dead-letter-topic")
                    .stringType()
                    .defaultValue(Topics.DLQ_EARNINGS.name())
                    .withDescription("Topic of the records the earnings job refused.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("chainplay.earnings.transactional-id-prefix")
                    .stringType()
                    .defaultValue("chainplay-earnings")
                    .withDescription(
                            "Prefix of the Kafka transactional ids of the earnings.due sink;"
                                    + " unique per running earnings job.");

    private EarningsOptions() {}
}
