package io.chainplay.connectors.solana.client.rpc;

/**
 * A token bucket: {@code rate} tokens per second, at most {@code burst} saved up.
 *
 * <p>A caller that takes more than there is goes into debt and sleeps until the debt is paid, so
 * callers are served in arrival order and a batch larger than the burst still goes out.
 */
final class RateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long last;

    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Clock SYSTEM =
            new Clock() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void sleepNanos(long nanos) throws InterruptedException {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            };

    RateLimiter(double perSecond, int burst, Clock clock) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.last = clock.nanoTime();
    }

    /** Takes {@code permits} tokens, sleeping as long as the bucket is in debt. */
    void acquire(int permits) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
            last = now;
            tokens -= permits;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
        }
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }
}
