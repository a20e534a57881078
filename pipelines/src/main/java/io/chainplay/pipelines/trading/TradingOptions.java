package io.chainplay.pipelines.trading;

import io.chainplay.schemas.Topics;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** Settings of the trading job, with their defaults. */
public final class TradingOptions {

    public static final ConfigOption<String> INPUT_TOPIC =
            ConfigOptions.key("chainplay.trading.input-topic")
                    .stringType()
                    .defaultValue(Topics.RAW_EXCHANGE_FILLS.name())
                    .withDescription("Topic of ExchangeFill records, keyed by player wallet.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("chainplay.trading.group-id")
                    .stringType()
                    .defaultValue("chainplay-trading")
                    .withDescription(
                            "Kafka consumer group; offsets are committed on checkpoints for"
                                    + " monitoring, while the job restarts from its checkpointed"
                                    + " offsets.");

    public static final ConfigOption<Duration> REORDER_DELAY =
            ConfigOptions.key("chainplay.trading.reorder-delay")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "How long (processing time) a player's fills of the latest"
                                    + " millisecond wait for more fills of that millisecond"
                                    + " before they apply sorted by fill id; also how late a fill"
                                    + " may arrive behind a later one and still apply in order."
                                    + " The live latency of the tables and the feed.");

    public static final ConfigOption<Duration> RETENTION =
            ConfigOptions.key("chainplay.trading.retention")
                    .durationType()
                    .defaultValue(Duration.ofDays(2))
                    .withDescription(
                            "Event time a player's applied fill ids are kept to drop duplicates,"
                                    + " and its daily rows to take late fills: a fill older than"
                                    + " this before the player's latest fill is dead-lettered.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("chainplay.trading.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Watermark lag behind the newest createdTime. The job's logic does"
                                    + " not wait for watermarks; they are there for operators"
                                    + " downstream and the dashboard.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("chainplay.trading.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A partition without records for this long stops holding back the"
                                    + " watermark.");

    public static final ConfigOption<String> FEED_TOPIC =
            ConfigOptions.key("chainplay.trading.feed-topic")
                    .stringType()
                    .defaultValue(Topics.FEED_TRADES.name())
                    .withDescription("Topic of the trading WebSocket feed messages.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("chainplay.trading.dead-letter-topic")
                    .stringType()
                    .defaultValue(Topics.DLQ_TRADING.name())
                    .withDescription("Topic of the records the trading job refused.");

    public static final ConfigOption<String> RESULTS_TOPIC =
            ConfigOptions.key("chainplay.trading.results-topic")
                    .stringType()
                    .defaultValue(Topics.WF_TRADE_RESULTS.name())
                    .withDescription(
                            "Topic of the daily-trade workflow's answers (JSON), written to"
                                    + " trading.trade_requests.");

    public static final ConfigOption<String> RESULTS_GROUP_ID =
            ConfigOptions.key("chainplay.trading.results-group-id")
                    .stringType()
                    .defaultValue("chainplay-trading-results")
                    .withDescription("Kafka consumer group of the results source.");

    private TradingOptions() {}
}
