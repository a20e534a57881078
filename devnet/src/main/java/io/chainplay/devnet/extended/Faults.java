package io.chainplay.devnet.extended;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection for the Extended devnet, changeable while it runs, in the manner of the Solana
 * devnet's: each REST request draws at most one of {@link Kind#SERVER_ERROR} (HTTP 500, 502 or 503
 * with a plain-text body, as a gateway answers) or {@link Kind#SLOW} (the normal answer, late); and
 * before each account-stream message a connection may suffer {@link Kind#STREAM_DISCONNECT}: the
 * socket is dropped without a close frame and that message never reaches it, so a client has to
 * reconnect and catch up over REST.
 */
public final class Faults {

    /** What a request or a stream message can suffer. */
    public enum Kind {
        SERVER_ERROR,
        SLOW,
        STREAM_DISCONNECT
    }

    private final Random random;
    private final Deque<Kind> queuedRequests = new ArrayDeque<>();
    private int queuedDisconnects;
    private final Map<Kind, AtomicLong> injected = new EnumMap<>(Kind.class);
    private double serverErrorFraction;
    private double slowFraction;
    private Duration slowDelay = Duration.ofMillis(500);
    private double disconnectFraction;

    Faults(long seed) {
        this.random = new Random(seed);
        for (Kind kind : Kind.values()) {
            injected.put(kind, new AtomicLong());
        }
    }

    /** Answers this fraction of REST requests with a 5xx. */
    public synchronized Faults serverErrors(double fraction) {
        this.serverErrorFraction = checkFraction(fraction);
        return this;
    }

    /** Answers this fraction of REST requests after {@code delay} (latency). */
    public synchronized Faults latency(double fraction, Duration delay) {
        this.slowFraction = checkFraction(fraction);
        this.slowDelay = delay;
        return this;
    }

    /** Drops a stream connection before this fraction of its messages (the message is lost). */
    public synchronized Faults streamDisconnects(double fraction) {
        this.disconnectFraction = checkFraction(fraction);
        return this;
    }

    /**
     * The next {@code count} REST requests suffer {@code kind} (SERVER_ERROR or SLOW), or, for
     * STREAM_DISCONNECT, the next {@code count} stream messages drop their connection.
     */
    public synchronized Faults injectNext(Kind kind, int count) {
        for (int i = 0; i < count; i++) {
            if (kind == Kind.STREAM_DISCONNECT) {
                queuedDisconnects++;
            } else {
                queuedRequests.add(kind);
            }
        }
        return this;
    }

    /** No more faults. */
    public synchronized Faults clear() {
        serverErrorFraction = 0;
        slowFraction = 0;
        disconnectFraction = 0;
        queuedRequests.clear();
        queuedDisconnects = 0;
        return this;
    }

    /** How many times this fault has been injected so far. */
    public long injected(Kind kind) {
        return injected.get(kind).get();
    }

    synchronized Duration slowDelay() {
        return slowDelay;
    }

    /** The fault for one REST request, or null. */
    synchronized Kind drawRequest() {
        Kind kind = queuedRequests.poll();
        if (kind == null) {
            if (random.nextDouble() < serverErrorFraction) {
                kind = Kind.SERVER_ERROR;
            } else if (random.nextDouble() < slowFraction) {
                kind = Kind.SLOW;
            }
        }
        if (kind != null) {
            injected.get(kind).incrementAndGet();
        }
        return kind;
    }

    /** Whether the connection drops instead of sending its next message. */
    synchronized boolean drawDisconnect() {
        boolean drop = queuedDisconnects > 0 || random.nextDouble() < disconnectFraction;
        if (queuedDisconnects > 0) {
            queuedDisconnects--;
        }
        if (drop) {
            injected.get(Kind.STREAM_DISCONNECT).incrementAndGet();
        }
        return drop;
    }

    synchronized int serverErrorStatus() {
        int[] statuses = {500, 502, 503};
        return statuses[random.nextInt(statuses.length)];
    }

    private static double checkFraction(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("A fraction is in [0, 1], got " + fraction);
        }
        return fraction;
    }
}
