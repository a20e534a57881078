package io.chainplay.api.feed;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * One WebSocket client: its channels and a bounded queue in front of Tomcat's asynchronous send.
 *
 * <p>At most one send is in flight per client (the Jakarta API allows no more); the next message is
 * sent when the previous one completes. Messages that arrive meanwhile wait in the queue, and a
 * client whose queue is full is too slow to keep up: it is dropped with a reason instead of making
 * the relay buffer without bound or wait for it. A completion can arrive on the sending thread
 * itself (the socket took the bytes at once); the loop in {@link #pump} then sends the next message
 * instead of recursing, so a long queue cannot overflow the stack.
 */
final class FeedConnection implements SendHandler {

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final FeedHub hub;
    private final int capacity;

    /** Guarded by the hub's lock. */
    final Set<String> channels = new HashSet<>();

    /** The seq of the last event offered, so an event on two of its channels goes once. */
    long lastSeq = -1; // guarded by the hub's lock

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending; // guarded by this
    private boolean closed; // guarded by this
    private CloseReason closeWhenIdle; // guarded by this: sent once the in-flight write completes
    private long sends; // guarded by this: numbers the sends, one in flight at a time
    private long completedInline = -1; // guarded by this: the send that completed inside sendText

    // The connection whose sendText this thread is inside, to tell an inline completion.
    private static final ThreadLocal<FeedConnection> IN_SEND = new ThreadLocal<>();

    FeedConnection(Session session, FeedHub hub, int capacity) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.hub = hub;
        this.capacity = capacity;
    }

    String id() {
        return session.getId();
    }

    Session session() {
        return session;
    }

    /** Queues a message; false when the client was too slow and is being dropped. */
    boolean send(String text) {
        synchronized (this) {
            if (closed) {
                return true;
            }
            if (sending) {
                if (queue.size() >= capacity) {
                    closed = true;
                    queue.clear();
                } else {
                    queue.addLast(text);
                    return true;
                }
            } else {
                sending = true;
            }
        }
        if (isClosed()) {
            hub.drop(
                    this,
                    new CloseReason(
                            CloseReason.CloseCodes.VIOLATED_POLICY,
                            "slow_consumer: more than " + capacity + " messages behind"));
            return false;
        }
        pump(text);
        return true;
    }

    /**
     * Stops sending and closes with {@code reason} once the write in flight (if any) has completed:
     * the close frame must follow it on the wire, and Tomcat cuts the connection instead of closing
     * cleanly when asked to close in the middle of an asynchronous send.
     *
     * @return true when nothing is in flight and the caller should close now
     */
    boolean closeWhenIdle(CloseReason reason) {
        synchronized (this) {
            closed = true;
            queue.clear();
            if (sending) {
                closeWhenIdle = reason;
                return false;
            }
            return true;
        }
    }

    /** Stops sending; queued messages are discarded. */
    void markClosed() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int queued() {
        return queue.size();
    }

    private void pump(String first) {
        String text = first;
        while (text != null) {
            long send;
            synchronized (this) {
                send = ++sends;
            }
            IN_SEND.set(this);
            try {
                remote.sendText(text, this);
            } catch (RuntimeException e) {
                // The session closed under us (IllegalStateException): nothing more to send.
                markClosed();
                hub.remove(this);
                return;
            } finally {
                IN_SEND.remove();
            }
            synchronized (this) {
                if (completedInline != send) {
                    return; // onResult continues on the thread that completes the write
                }
                text = next();
            }
        }
    }

    @Override
    public void onResult(SendResult result) {
        if (!result.isOK()) {
            markClosed();
            hub.remove(this);
            return;
        }
        hub.delivered();
        String next;
        CloseReason close = null;
        synchronized (this) {
            if (closeWhenIdle != null) {
                close = closeWhenIdle;
                closeWhenIdle = null;
                sending = false;
                next = null;
            } else if (IN_SEND.get() == this) {
                completedInline = sends; // pump's loop sends the next one
                return;
            } else {
                next = next();
            }
        }
        if (close != null) {
            hub.closeNow(this, close);
            return;
        }
        if (next != null) {
            pump(next);
        }
    }

    // Holding this: the next queued message, or null (and no longer sending).
    private String next() {
        String text = closed ? null : queue.pollFirst();
        if (text == null) {
            sending = false;
        }
        return text;
    }
}
