package io.chainplay.bench.api;

import java.util.Locale;

/**
 * A latency histogram with 10 µs buckets up to 10 s (beyond: the last bucket), cheap enough to
 * record 200,000 samples a second from several threads (one instance per thread, then merged).
 */
final class Latencies {

    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 1_000_000;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxNanos;

    void record(long nanos) {
        int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, nanos / BUCKET_NANOS));
        counts[bucket]++;
        total++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    void merge(Latencies other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    long count() {
        return total;
    }

    /** The latency at quantile q (0..1), in microseconds, from the bucket's upper bound. */
    double quantileMicros(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1000.0;
            }
        }
        return maxNanos / 1000.0;
    }

    double maxMicros() {
        return maxNanos / 1000.0;
    }

    String summary() {
        return String.format(
                Locale.ROOT,
                "n=%,d  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  p99.9=%.2f ms  max=%.2f ms",
                total,
                quantileMicros(0.50) / 1000,
                quantileMicros(0.90) / 1000,
                quantileMicros(0.99) / 1000,
                quantileMicros(0.999) / 1000,
                maxMicros() / 1000);
    }
}
