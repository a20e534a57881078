package io.chainplay.devnet.solana;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP-level fault injection, changeable while the node runs: each POST draws at most one fault.
 *
 * <ul>
 *   <li>{@link Kind#RATE_LIMIT}: HTTP 429 with a {@code Retry-After} header (seconds) and a
 *       JSON-RPC error body, as public RPC providers answer.
 *   <li>{@link Kind#SERVER_ERROR}: HTTP 500, 502 or 503 with a plain-text body.
 *   <li>{@link Kind#SLOW}: the normal response, after a delay.
 *   <li>{@link Kind#TIMEOUT}: no response; the connection is held for the hang time, then closed.
 * </ul>
 *
 * Fractions are probabilities per request (they are tried in the order above); {@link #injectNext}
 * queues faults for the next requests regardless of fractions, for tests that need them exactly.
 * Ledger faults (forks, failed transactions, skipped slots) are set on the builder instead, since
 * they are part of the seeded ledger.
 */
public final class Faults {

    /** What a request can suffer. */
    public enum Kind {
        RATE_LIMIT,
        SERVER_ERROR,
        SLOW,
        TIMEOUT
    }

    private final Random random;
    private final Deque<Kind> queued = new ArrayDeque<>();
    private final Map<Kind, AtomicLong> injected = new EnumMap<>(Kind.class);
    private double rateLimitFraction;
    private Duration retryAfter = Duration.ofSeconds(1);
    private double serverErrorFraction;
    private double slowFraction;
    private Duration slowDelay = Duration.ofSeconds(2);
    private double timeoutFraction;
    private Duration hang = Duration.ofSeconds(30);

    Faults(long seed) {
        this.random = new Random(seed);
        for (Kind kind : Kind.values()) {
            injected.put(kind, new AtomicLong());
        }
    }

    /** Answers this fraction of requests with 429 and {@code Retry-After: <seconds>}. */
    public synchronized Faults rateLimit(double fraction, Duration retryAfter) {
        this.rateLimitFraction = checkFraction(fraction);
        this.retryAfter = retryAfter;
        return this;
    }

    /** Answers this fraction of requests with a 5xx. */
    public synchronized Faults serverErrors(double fraction) {
        this.serverErrorFraction = checkFraction(fraction);
        return this;
    }

    /** Delays this fraction of responses. */
    public synchronized Faults slow(double fraction, Duration delay) {
        this.slowFraction = checkFraction(fraction);
        this.slowDelay = delay;
        return this;
    }

    /**
     * Never answers this fraction of requests: holds the connection for {@code hang}, closes it.
     */
    public synchronized Faults timeouts(double fraction, Duration hang) {
        this.timeoutFraction = checkFraction(fraction);
        this.hang = hang;
        return this;
    }

    /** The next {@code requests} requests suffer {@code kind}, before any drawn fault. */
    public synchronized Faults injectNext(Kind kind, int requests) {
        for (int i = 0; i < requests; i++) {
            queued.add(kind);
        }
        return this;
    }

    /** No more faults: fractions to zero, queue emptied. */
    public synchronized Faults clear() {
        rateLimitFraction = 0;
        serverErrorFraction = 0;
        slowFraction = 0;
        timeoutFraction = 0;
        queued.clear();
        return this;
    }

    /** How many requests have suffered this fault so far. */
    public long injected(Kind kind) {
        return injected.get(kind).get();
    }

    synchronized Duration retryAfter() {
        return retryAfter;
    }

    synchronized Duration slowDelay() {
        return slowDelay;
    }

    synchronized Duration hang() {
        return hang;
    }

    /** The fault for one request, or null; counted as injected. */
    synchronized Kind draw() {
        Kind kind = queued.poll();
        if (kind == null) {
            if (random.nextDouble() < rateLimitFraction) {
                kind = Kind.RATE_LIMIT;
            } else if (random.nextDouble() < serverErrorFraction) {
                kind = Kind.SERVER_ERROR;
            } else if (random.nextDouble() < slowFraction) {
                kind = Kind.SLOW;
            } else if (random.nextDouble() < timeoutFraction) {
                kind = Kind.TIMEOUT;
            }
        }
        if (kind != null) {
            injected.get(kind).incrementAndGet();
        }
        return kind;
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
