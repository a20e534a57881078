package io.chainplay.pipelines.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Kafka record as it arrived, before any decoding, with its position.
 *
 * <p>Jobs read raw records and decode them in their first operator, so that a record that cannot be
 * decoded reaches the dead-letter topic with its bytes and position instead of failing the source
 * (ARCHITECTURE.md, principle 6).
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public byte[] key;
    public byte[] value;

    public RawRecord() {}

    public RawRecord(
            String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }

    /** {@code topic-partition@offset}, for logs and dead letters. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawRecord)) {
            return false;
        }
        RawRecord that = (RawRecord) o;
        return partition == that.partition
                && offset == that.offset
                && timestamp == that.timestamp
                && Objects.equals(topic, that.topic)
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return "RawRecord{" + position() + "}";
    }
}
