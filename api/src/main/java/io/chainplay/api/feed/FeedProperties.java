package io.chainplay.api.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code chainplay.feed.*}: the WebSocket relay of the {@code feed.*} topics.
 *
 * @param enabled false runs the API without Kafka (no consumer; {@code /ws} still accepts clients)
 * @param topics the topics relayed
 * @param replayCapacity how many of the newest records a reconnecting client can resume within
 * @param replayWindow and how old they may be
 * @param clientBuffer messages queued for one client before it is dropped as too slow
 * @param heartbeatInterval how often every client gets a heartbeat message
 * @param maxConnections clients beyond this are refused (close 1013)
 * @param topicRefresh how often topics and partitions that appeared are picked up
 * @param closeTimeout how long a dropped client has to read its close frame before it is cut off
 */
@ConfigurationProperties("chainplay.feed")
public record FeedProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"feed.casino", "feed.earnings", "feed.trades"}) List<String> topics,
        @DefaultValue("10000") int replayCapacity,
        @DefaultValue("5m") Duration replayWindow,
        @DefaultValue("1000") int clientBuffer,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("15000") int maxConnections,
        @DefaultValue("5s") Duration topicRefresh,
        @DefaultValue("10s") Duration closeTimeout) {}
