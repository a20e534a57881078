package io.chainplay.connectors.exchange.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * One output of the fills source: a fill as its Avro {@code ExchangeFill}, or a dead letter (Avro
 * {@code DeadLetter}) for a trade or message that could not be used, both ready for Kafka.
 *
 * <p>The value is already serialized so that the source's output needs no Avro type support in
 * Flink; {@link io.chainplay.schemas.Topics#RAW_EXCHANGE_FILLS} and {@link
 * io.chainplay.schemas.Topics#DLQ_EXCHANGE} decode it.
 */
public class ExchangeRecord {

    /** What a record carries. */
    public enum Type {
        /** A fill; {@link #value} is an ExchangeFill. */
        FILL,
        /** Unusable data; {@link #value} is a DeadLetter. */
        DEAD_LETTER
    }

    public Type type;

    /** The exchange account the record came from. */
    public long accountId;

    /** The fill id; for a dead letter the trade's id if it could be read, else 0. */
    public long fillId;

    /** Kafka key: the player wallet the account is mapped to. */
    public String player;

    /** The fill's createdTime (epoch ms); for a dead letter when it was refused. */
    public long timestamp;

    public byte[] value;

    public ExchangeRecord() {}

    public static ExchangeRecord of(
            Type type, long accountId, long fillId, String player, long timestamp, byte[] value) {
        ExchangeRecord r = new ExchangeRecord();
        r.type = type;
        r.accountId = accountId;
        r.fillId = fillId;
        r.player = player;
        r.timestamp = timestamp;
        r.value = value;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExchangeRecord)) {
            return false;
        }
        ExchangeRecord that = (ExchangeRecord) o;
        return accountId == that.accountId
                && fillId == that.fillId
                && timestamp == that.timestamp
                && type == that.type
                && Objects.equals(player, that.player)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, accountId, fillId);
    }

    @Override
    public String toString() {
        return (type == Type.FILL ? "ExchangeRecord{fill " : "ExchangeRecord{dead letter ")
                + fillId
                + " of account "
                + accountId
                + "}";
    }
}
