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
