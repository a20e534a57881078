package io.chainplay.api.feed;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The newest feed events, bounded by count and age, for clients that reconnect with the last event
 * id they saw. Not thread-safe: {@link FeedHub} guards it.
 */
final class ReplayBuffer {

    private final int capacity;
    private final long maxAgeNanos;
    private final ArrayDeque<FeedEvent> events;

    ReplayBuffer(int capacity, Duration maxAge) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAge.toNanos();
        this.events = new ArrayDeque<>(Math.min(capacity, 65_536));
    }

    void add(FeedEvent event) {
        if (capacity == 0) {
            return;
        }
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /**
     * The events after the newest one with {@code id}, oldest first; null when {@code id} is not in
     * the window (too old, or never seen), so the client must catch up over REST instead.
     */
    List<FeedEvent> after(String id, long nowNanos) {
        expire(nowNanos);
        List<FeedEvent> newer = new ArrayList<>();
        for (Iterator<FeedEvent> it = events.descendingIterator(); it.hasNext(); ) {
            FeedEvent event = it.next();
            if (id.equals(event.id())) {
                java.util.Collections.reverse(newer);
                return newer;
            }
            newer.add(event);
        }
        return null;
    }

    int size() {
        return events.size();
    }

    private void expire(long nowNanos) {
        while (!events.isEmpty() && nowNanos - events.peekFirst().receivedNanos() > maxAgeNanos) {
            events.removeFirst();
        }
    }
}
