package io.chainplay.api.feed;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends every client a {@code heartbeat} message, so clients and proxies can tell a quiet feed from
 * a dead connection.
 */
final class FeedHeartbeat {

    private final FeedHub hub;

    FeedHeartbeat(FeedHub hub) {
        this.hub = hub;
    }

    @Scheduled(
            fixedRateString = "${chainplay.feed.heartbeat-interval:15s}",
            initialDelayString = "${chainplay.feed.heartbeat-interval:15s}")
    void beat() {
        hub.heartbeat();
    }
}
