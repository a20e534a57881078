package io.chainplay.connectors.solana.client.decode;

/** Why an event or a transaction could not be decoded; a metric label and a DLQ field. */
public enum FailureKind {
    /** The program is configured but none of its events has the data's discriminator. */
    UNKNOWN_DISCRIMINATOR,
    /** The data ends before the IDL layout does (e.g. an older, shorter event version). */
    TOO_SHORT,
    /** Bytes are left after the IDL layout (e.g. a newer, longer event version). */
    TRAILING_BYTES,
    /** A value the layout forbids: bool not 0/1, option tag not 0/1, enum index, UTF-8, ... */
    INVALID_VALUE,
    /** Values nest deeper than the decoder allows (recursive types). */
    TOO_DEEP,
    /** The program is configured, but no IDL version covers the event's slot. */
    NO_IDL_FOR_SLOT,
    /** A {@code Program data:} line is not base64, or the log stack is inconsistent. */
    MALFORMED_LOG,
    /** The transaction JSON lacks what decoding needs (signatures, message, meta, indexes). */
    MALFORMED_TRANSACTION,
    /** The node truncated the transaction's logs: log events after that point are lost. */
    LOG_TRUNCATED,
    /** The transaction has no {@code meta.logMessages}: log events cannot be read. */
    LOGS_MISSING
}
