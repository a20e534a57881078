package io.chainplay.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chainplay.rate-limit.*}: token buckets per client IP and per wallet, kept in each API
 * instance's memory (so N instances behind a balancer allow up to N times the rate).
 *
 * @param enabled false switches every limit off (the benchmarks do)
 * @param trustForwardedFor take the client IP from {@code X-Forwarded-For} (its first entry); only
 *     behind a proxy that sets it, since clients can forge it
 * @param apiPerIp every {@code /api/**} request, per client IP
 * @param authPerIp {@code /api/auth/**}, per client IP, on top of {@code apiPerIp}
 * @param signInPerWallet sign-in attempts per wallet, whatever the IP
 * @param apiPerWallet requests with a token, per wallet
 */
@ConfigurationProperties("chainplay.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("false") boolean trustForwardedFor,
        Limit apiPerIp,
        Limit authPerIp,
        Limit signInPerWallet,
        Limit apiPerWallet) {

    public RateLimitProperties {
        apiPerIp = apiPerIp != null ? apiPerIp : new Limit(100, Duration.ofSeconds(1), 200);
        authPerIp = authPerIp != null ? authPerIp : new Limit(20, Duration.ofMinutes(1), 20);
        signInPerWallet =
                signInPerWallet != null
                        ? signInPerWallet
                        : new Limit(10, Duration.ofMinutes(1), 10);
        apiPerWallet =
                apiPerWallet != null ? apiPerWallet : new Limit(50, Duration.ofSeconds(1), 100);
    }

    /**
     * A token bucket: {@code requests} per {@code per}, and at most {@code burst} at once.
     *
     * @param requests tokens added per period
     * @param per the period
     * @param burst the bucket's size
     */
    public record Limit(int requests, Duration per, int burst) {

        /** Tokens per nanosecond. */
        double ratePerNano() {
            return (double) requests / per.toNanos();
        }
    }
}
