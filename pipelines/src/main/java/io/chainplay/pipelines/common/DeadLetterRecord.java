package io.chainplay.pipelines.common;

import io.chainplay.schemas.dlq.DeadLetter;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * A record a job refused, on its way to {@code dlq.<source>}: the raw bytes when there are any, the
 * reason in words an operator can act on, and where it came from.
 */
public class DeadLetterRecord {
    public String source;
    public String topic;
    public Integer partition;
    public Long offset;
    public String position;
    public byte[] key;
    public byte[] value;
    public String reason;
    public String errorClass;
    public long failedAt;

    public DeadLetterRecord() {}

    /** A raw Kafka record that could not be decoded. */
    public static DeadLetterRecord of(
            String source, RawRecord raw, String reason, Throwable error) {
        DeadLetterRecord letter = new DeadLetterRecord();
        letter.source = source;
        letter.topic = raw.topic;
        letter.partition = raw.partition;
        letter.offset = raw.offset;
        letter.position = raw.position();
        letter.key = raw.key;
        letter.value = raw.value;
        letter.reason = reason;
        letter.errorClass = error == null ? null : error.getClass().getName();
        letter.failedAt = System.currentTimeMillis();
        return letter;
    }

    /** A decoded event that is invalid in its context (no raw bytes at hand). */
    public static DeadLetterRecord ofEvent(String source, String position, String reason) {
        DeadLetterRecord letter = new DeadLetterRecord();
        letter.source = source;
        letter.position = position;
        letter.reason = reason;
        letter.failedAt = System.currentTimeMillis();
        return letter;
    }

    public DeadLetter toAvro() {
        return DeadLetter.newBuilder()
                .setSource(source)
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setPosition(position)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason)
                .setErrorClass(errorClass)
                .setFailedAt(Instant.ofEpochMilli(failedAt))
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetterRecord)) {
            return false;
        }
        DeadLetterRecord that = (DeadLetterRecord) o;
        return Objects.equals(source, that.source)
                && Objects.equals(position, that.position)
                && Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, position, reason);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + source + " " + position + ": " + reason + "}";
    }
}
