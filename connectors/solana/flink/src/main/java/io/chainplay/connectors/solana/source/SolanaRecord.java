package io.chainplay.connectors.solana.source;

import io.chainplay.schemas.chain.EventKind;

import java.util.Arrays;
import java.util.Objects;

/**
 * One output of the Solana source: a decoded event as its Avro {@code ChainEvent} envelope, or a
 * dead letter (Avro {@code DeadLetter}) for data that could not be decoded, both ready for Kafka.
 *
 * <p>The value is already serialized so that the source's output needs no Avro type support in
 * Flink; {@link io.chainplay.schemas.Topics} decodes it.
 */
public class SolanaRecord {

    /** What a record carries. */
    public enum Type {
        /** A decoded event; {@link #value} is a ChainEvent. */
        EVENT,
        /** Undecodable data; {@link #value} is a DeadLetter. */
        DEAD_LETTER
    }

    public Type type;

    /** The program's IDL name (events) — the {@code raw.solana.<program>} topic suffix. */
    public String programName;

    public String eventId;
    public String eventName;
    public EventKind kind;
    public long slot;

    /** Kafka key: the transaction signature. */
    public String key;

    /** Block time, epoch milliseconds (0 when the node did not give one). */
    public long timestamp;

    public byte[] value;

    public SolanaRecord() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SolanaRecord)) {
            return false;
        }
        SolanaRecord that = (SolanaRecord) o;
        return slot == that.slot
                && timestamp == that.timestamp
                && type == that.type
                && kind == that.kind
                && Objects.equals(programName, that.programName)
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(eventName, that.eventName)
                && Objects.equals(key, that.key)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, kind, type);
    }

    @Override
    public String toString() {
        return type == Type.EVENT
                ? "SolanaRecord{" + eventName + " " + kind + " " + eventId + " @" + slot + "}"
                : "SolanaRecord{dead letter @" + slot + " " + key + "}";
    }
}
