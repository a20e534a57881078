package io.chainplay.connectors.exchange.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What the account stream tells its reader, in the order it happened. */
public sealed interface StreamEvent {

    /**
     * A connection is open and subscribed. Fills made before it are not replayed: catch up with
     * {@code GET /user/trades} now (this connection's messages queue up meanwhile).
     */
    record Connected(long connection) implements StreamEvent {}

    /**
     * A {@code TRADE} message: the account's new fills, as raw AccountTradeModel objects.
     *
     * @param raw the whole message as received, for dead letters
     */
    record Trades(long connection, long seq, List<JsonNode> trades, byte[] raw)
            implements StreamEvent {
        public Trades {
            trades = List.copyOf(trades);
        }
    }

    /**
     * A message's {@code seq} was not the previous one + 1: messages were lost on this connection,
     * so fills may be missing. Catch up over REST.
     */
    record Gap(long connection, long expected, long received) implements StreamEvent {}

    /** The connection ended (dropped, closed or failed to open); a reconnect is scheduled. */
    record Disconnected(long connection, String reason) implements StreamEvent {}

    /** A message that is not the stream's JSON shape, or carries an error: a dead letter. */
    record Malformed(long connection, byte[] raw, String reason) implements StreamEvent {}
}
