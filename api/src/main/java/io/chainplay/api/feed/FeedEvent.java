package io.chainplay.api.feed;

import java.util.List;

/**
 * One record of a {@code feed.*} topic, parsed once on arrival and relayed as its original text.
 *
 * @param seq this instance's arrival order (the replay buffer's order)
 * @param id the message's {@code id} (the chain event id clients dedup and resume by); may be null
 * @param type the message's {@code type}, e.g. {@code bet.settled}
 * @param channels the channels it is delivered on, e.g. {@code bets} and {@code player:<wallet>}
 * @param frame the record's value exactly as the job wrote it (FarePlay's {@code {"type", "data",
 *     "timestamp", "id"}}) as a WebSocket text frame, encoded once for every client
 * @param kafkaTimestamp the record's Kafka timestamp (ms)
 * @param receivedNanos {@link System#nanoTime()} when this instance polled it
 */
record FeedEvent(
        long seq,
        String id,
        String type,
        List<String> channels,
        byte[] frame,
        String topic,
        int partition,
        long offset,
        long kafkaTimestamp,
        long receivedNanos) {

    FeedEvent withSeq(long seq) {
        return new FeedEvent(
                seq,
                id,
                type,
                channels,
                frame,
                topic,
                partition,
                offset,
                kafkaTimestamp,
                receivedNanos);
    }
}
