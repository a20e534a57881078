package io.chainplay.connectors.exchange.order;

import java.time.Duration;
import java.time.Instant;

/**
 * The expiration a signed order carries: the order's own expiry plus 14 days, rounded up.
 *
 * <p>The buffer lets the exchange settle a trade matched just before the order expired; the order
 * itself still expires at its API {@code expiryEpochMillis}. StarkEx messages count whole hours
 * since the epoch, SNIP-12 messages whole seconds (Extended's SDKs: {@code math.ceil((expire_time +
 * timedelta(days=14)).timestamp() / 3600)} and without the division).
 */
public final class OrderExpiry {

    /** The settlement buffer added to every signed expiration. */
    public static final Duration SETTLEMENT_BUFFER = Duration.ofDays(14);

    private OrderExpiry() {}

    /** Hours since the epoch, rounded up, of {@code expiry + 14 days} (StarkEx). */
    public static long starkExHours(Instant expiry) {
        return ceilDiv(expiry.plus(SETTLEMENT_BUFFER).toEpochMilli(), 3_600_000L);
    }

    /** Seconds since the epoch, rounded up, of {@code expiry + 14 days} (SNIP-12). */
    public static long starknetSeconds(Instant expiry) {
        return ceilDiv(expiry.plus(SETTLEMENT_BUFFER).toEpochMilli(), 1_000L);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
