package io.chainplay.schemas;

import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.dlq.DeadLetter;

import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Kafka topic Chainplay reads or writes, with its serdes: the one place topic names are
 * spelled (ARCHITECTURE.md, Kafka topics).
 */
public final class Topics {

    /**
     * Decoded fare_vault events (FarePlay casino program), keyed by transaction signature. Written
     * exactly-once by the Solana source.
     */
    public static final Topic<String, ChainEvent> RAW_SOLANA_FARE_VAULT =
            new Topic<>("raw.solana.fare_vault", Serdes.String(), AvroSerde.of(ChainEvent.class));

    /**
     * Casino feed for WebSocket relays: UTF-8 JSON in FarePlay's message shape ({@code type, data,
     * timestamp, id}), keyed by player wallet. At-least-once; consumers dedup by {@code id}.
     */
    public static final Topic<String, String> FEED_CASINO =
            new Topic<>("feed.casino", Serdes.String(), Serdes.String());

    /** Records the casino job refused, with the reason and their source position. */
    public static final Topic<byte[], DeadLetter> DLQ_CASINO = deadLetters("casino");

    private Topics() {}

    /** The dead-letter topic {@code dlq.<source>} of one job or connector. */
    public static Topic<byte[], DeadLetter> deadLetters(String source) {
        return new Topic<>("dlq." + source, Serdes.ByteArray(), AvroSerde.of(DeadLetter.class));
    }
}
