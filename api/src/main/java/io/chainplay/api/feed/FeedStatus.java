package io.chainplay.api.feed;

import java.util.LinkedHashMap;
import java.util.Map;

/** The relay's state for health and admin routes, without exposing the hub itself. */
public final class FeedStatus {

    private final FeedHub hub;
    private final FeedConsumer consumer;

    FeedStatus(FeedHub hub, FeedConsumer consumer) {
        this.hub = hub;
        this.consumer = consumer;
    }

    /** False when the relay is switched off ({@code chainplay.feed.enabled=false}). */
    public boolean enabled() {
        return consumer != null;
    }

    /** The consumer's partitions, lag and counters. */
    public Map<String, Object> consumer() {
        return consumer == null ? Map.of("state", "disabled") : consumer.status();
    }

    /** Connections, subscribers per channel, deliveries and drops. */
    public Map<String, Object> clients() {
        return hub.stats();
    }

    public Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("consumer", consumer());
        all.put("clients", clients());
        return all;
    }
}
