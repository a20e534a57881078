package io.chainplay.api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets, one per key (an IP or a wallet with the limit's name).
 *
 * <p>Per instance by design: limits exist to keep one client from starving others on this instance,
 * and keeping them local costs no round trip per request. The map is bounded: past {@link
 * #MAX_KEYS} keys, buckets that have refilled completely (idle clients, which would be recreated
 * identical) are dropped.
 */
@Component
public class RateLimiter {

    static final int MAX_KEYS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final RateLimitProperties properties;

    @Autowired
    public RateLimiter(RateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    RateLimiter(RateLimitProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * Takes one token for {@code key}, or throws a 429 {@link ApiException} with the seconds until
     * one is available.
     *
     * @param who words for the message ("IP 1.2.3.4", "wallet")
     */
    public void check(String key, RateLimitProperties.Limit limit, String who) {
        long waitNanos = acquire(key, limit);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate_limited",
                    "Too many requests for this " + who + "; retry in " + seconds + " s",
                    seconds);
        }
    }

    /** 0 when a token was taken, else the nanoseconds until one will be there. */
    public long acquire(String key, RateLimitProperties.Limit limit) {
        if (!properties.enabled()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_KEYS) {
                evictIdle(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        }
        return bucket.take(now);
    }

    int size() {
        return buckets.size();
    }

    private void evictIdle(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().full(now)) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        private final double ratePerNano;
        private final int burst;
        private double tokens;
        private long updated;

        Bucket(RateLimitProperties.Limit limit, long now) {
            this.ratePerNano = limit.ratePerNano();
            this.burst = limit.burst();
            this.tokens = burst;
            this.updated = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / ratePerNano);
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * ratePerNano);
            updated = now;
        }
    }
}
