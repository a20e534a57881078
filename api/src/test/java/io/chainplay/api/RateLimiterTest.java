package io.chainplay.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimitProperties.Limit twoPerSecond =
            new RateLimitProperties.Limit(2, Duration.ofSeconds(1), 3);

    private RateLimiter limiter(boolean enabled) {
        return new RateLimiter(
                new RateLimitProperties(enabled, false, null, null, null, null), now::get);
    }

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        RateLimiter limiter = limiter(true);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a", twoPerSecond)).isZero();
        }
        assertThat(limiter.acquire("a", twoPerSecond)).isEqualTo(500_000_000L);
        assertThat(limiter.acquire("b", twoPerSecond)).isZero(); // keys are independent
        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a", twoPerSecond)).isZero();
    }

    @Test
    void throwsA429WithRetryAfterInWholeSeconds() {
        RateLimiter limiter = limiter(true);
        RateLimitProperties.Limit slow = new RateLimitProperties.Limit(1, Duration.ofMinutes(1), 1);
        limiter.check("k", slow, "wallet");
        assertThatThrownBy(() -> limiter.check("k", slow, "wallet"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> {
                            assertThat(e.status().value()).isEqualTo(429);
                            assertThat(e.code()).isEqualTo("rate_limited");
                            assertThat(e.retryAfterSeconds()).isEqualTo(60);
                        });
    }

    @Test
    void doesNothingWhenDisabled() {
        RateLimiter limiter = limiter(false);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("a", twoPerSecond)).isZero();
        }
        assertThat(limiter.size()).isZero();
    }

    @Test
    void forgetsIdleClientsWhenFull() {
        RateLimiter limiter = limiter(true);
        for (int i = 0; i < RateLimiter.MAX_KEYS; i++) {
            limiter.acquire("ip-" + i, twoPerSecond);
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos()); // all refilled: idle
        limiter.acquire("new", twoPerSecond);
        assertThat(limiter.size()).isEqualTo(1);
    }
}
