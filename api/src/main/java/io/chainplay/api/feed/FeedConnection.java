package io.chainplay.api.feed;

import java.util.HashSet;
import java.util.Set;

/** One WebSocket client of the relay: its socket and the channels it subscribed to. */
final class FeedConnection {

    final FeedSocket socket;

    /** Guarded by the hub's lock. */
    final Set<String> channels = new HashSet<>();

    /** The seq of the last event offered, so an event on two of its channels goes once. */
    long lastSeq = -1; // guarded by the hub's lock

    FeedConnection(FeedSocket socket) {
        this.socket = socket;
    }

    String id() {
        return socket.id();
    }

    /** Queues a frame for the writer threads; false when the client is too far behind. */
    boolean send(byte[] frame) {
        return socket.send(frame);
    }

    /** Queues a reply and writes it from this thread (replies to the client's own messages). */
    void reply(String json) {
        socket.sendNow(Frames.text(json));
    }
}
