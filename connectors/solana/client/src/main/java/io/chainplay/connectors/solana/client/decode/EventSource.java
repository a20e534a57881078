package io.chainplay.connectors.solana.client.decode;

/** Where an event was read from in its transaction. */
public enum EventSource {
    /** A {@code Program data: <base64>} log line ({@code emit!}). */
    LOG,
    /** The data of a self-invocation starting with Anchor's event tag ({@code emit_cpi!}). */
    CPI,
    /** Both, with identical bytes: the program emitted the event both ways; counted once. */
    LOG_AND_CPI
}
