package io.chainplay.schemas;

import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.dlq.DeadLetter;
import io.chainplay.schemas.earnings.EarningsDue;
import io.chainplay.schemas.exchange.ExchangeFill;

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
    public static final Topic<String, ChainEvent> RAW_SOLANA_FARE_VAULT = rawSolana("fare_vault");

    /**
     * Decoded solana_mafia events (Solana Mafia idle game), keyed by transaction signature. Written
     * exactly-once by the Solana source; read by the earnings job.
     */
    public static final Topic<String, ChainEvent> RAW_SOLANA_SOLANA_MAFIA =
            rawSolana("solana_mafia");

    /** Records the Solana source could not decode, with the raw data and the reason. */
    public static final Topic<byte[], DeadLetter> DLQ_SOLANA = deadLetters("solana");

    /**
     * Casino feed for WebSocket relays: UTF-8 JSON in FarePlay's message shape ({@code type, data,
     * timestamp, id}), keyed by player wallet. At-least-once; consumers dedup by {@code id}.
     */
    public static final Topic<String, String> FEED_CASINO =
            new Topic<>("feed.casino", Serdes.String(), Serdes.String());

    /**
     * Earnings feed for WebSocket relays ({@code earnings.updated}, ...), same shape and guarantees
     * as {@link #FEED_CASINO}, keyed by player wallet.
     */
    public static final Topic<String, String> FEED_EARNINGS =
            new Topic<>("feed.earnings", Serdes.String(), Serdes.String());

    /** Records the casino job refused, with the reason and their source position. */
    public static final Topic<byte[], DeadLetter> DLQ_CASINO = deadLetters("casino");

    /**
     * Solana Mafia players whose scheduled earnings update has come ({@link EarningsDue}, Avro
     * single-object encoding), keyed by player wallet: what a keeper submits {@code
     * update_earnings} for. Written exactly-once by the earnings job.
     */
    public static final Topic<String, EarningsDue> EARNINGS_DUE =
            new Topic<>("earnings.due", Serdes.String(), AvroSerde.of(EarningsDue.class));

    /** Records the earnings job refused, with the reason and their source position. */
    public static final Topic<byte[], DeadLetter> DLQ_EARNINGS = deadLetters("earnings");

    /**
     * Exchange fills ({@link ExchangeFill}: one account's side of one trade) keyed by player wallet
     * and timestamped with the trade's time. Written exactly-once by the exchange ingest job; read
     * by the trading job and the StateFun daily-trade workflow.
     */
    public static final Topic<String, ExchangeFill> RAW_EXCHANGE_FILLS =
            new Topic<>("raw.exchange.fills", Serdes.String(), AvroSerde.of(ExchangeFill.class));

    /** Exchange messages the fills source could not use, with the raw bytes and the reason. */
    public static final Topic<byte[], DeadLetter> DLQ_EXCHANGE = deadLetters("exchange");

    /**
     * Trading feed for WebSocket relays ({@code trade.filled}, ...), same shape and guarantees as
     * {@link #FEED_CASINO}, keyed by player wallet.
     */
    public static final Topic<String, String> FEED_TRADES =
            new Topic<>("feed.trades", Serdes.String(), Serdes.String());

    /**
     * Players' requests for the daily trade (JSON {@code requestId, player, market, side, qty}),
     * keyed by player: the API writes them, the StateFun daily-trade workflow reads them.
     */
    public static final Topic<String, String> WF_TRADE_REQUESTS =
            new Topic<>("wf.trade.requests", Serdes.String(), Serdes.String());

    /**
     * What became of each daily-trade request (JSON, one record per status change), keyed by
     * player; written exactly-once by the StateFun runtime.
     */
    public static final Topic<String, String> WF_TRADE_RESULTS =
            new Topic<>("wf.trade.results", Serdes.String(), Serdes.String());

    /** Records the trading job refused, with the reason and their source position. */
    public static final Topic<byte[], DeadLetter> DLQ_TRADING = deadLetters("trading");

    private Topics() {}

    /**
     * Decoded events of one Solana program, {@code raw.solana.<program>} by the program's IDL name,
     * keyed by transaction signature and timestamped with block time.
     */
    public static Topic<String, ChainEvent> rawSolana(String programName) {
        return new Topic<>(
                rawSolanaName(programName), Serdes.String(), AvroSerde.of(ChainEvent.class));
    }

    /** The name of {@link #rawSolana(String)}, without making serdes. */
    public static String rawSolanaName(String programName) {
        return "raw.solana." + programName;
    }

    /** The dead-letter topic {@code dlq.<source>} of one job or connector. */
    public static Topic<byte[], DeadLetter> deadLetters(String source) {
        return new Topic<>("dlq." + source, Serdes.ByteArray(), AvroSerde.of(DeadLetter.class));
    }
}
