package io.chainplay.connectors.exchange.source;

import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.rest.ExtendedRestClient;
import io.chainplay.connectors.exchange.source.split.FillsSplit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an {@link ExtendedFillsSource}; {@link #build()} checks the settings and says what to fix.
 *
 * <pre>{@code
 * ExtendedFillsSource source = ExtendedFillsSource.builder()
 *         .setRestUrl("https://api.starknet.extended.exchange/api/v1")
 *         .setStreamUrl("wss://api.starknet.extended.exchange/stream.extended.exchange/v1/account")
 *         .addAccount(PlayerAccount.parse("3001:<wallet>:env:EXTENDED_API_KEY_3001"))
 *         .setStartingTime(Instant.parse("2026-01-01T00:00:00Z"))  // default: whole history
 *         .build();                                   // live; setBounded(from, to) for a backfill
 * }</pre>
 */
public final class ExtendedFillsSourceBuilder {

    private String restUrl;
    private String streamUrl;
    private final List<PlayerAccount> accounts = new ArrayList<>();
    private Instant from;
    private Instant to;
    private int pageSize = 100;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration pollInterval = Duration.ofMillis(100);
    private Duration silentCatchUp = DEFAULT_SILENT_CATCH_UP;

    /** Default of {@link #setSilentStreamCatchUp(Duration)}. */
    public static final Duration DEFAULT_SILENT_CATCH_UP = Duration.ofSeconds(30);

    ExtendedFillsSourceBuilder() {}

    /** The REST API root including {@code /api/v1}. */
    public ExtendedFillsSourceBuilder setRestUrl(String url) {
        this.restUrl = url;
        return this;
    }

    /** The account stream URL ({@code .../stream.extended.exchange/v1/account}); live only. */
    public ExtendedFillsSourceBuilder setStreamUrl(String url) {
        this.streamUrl = url;
        return this;
    }

    public ExtendedFillsSourceBuilder addAccount(PlayerAccount account) {
        this.accounts.add(account);
        return this;
    }

    public ExtendedFillsSourceBuilder setAccounts(List<PlayerAccount> accounts) {
        this.accounts.clear();
        this.accounts.addAll(accounts);
        return this;
    }

    /**
     * Fills created before this are not read. Default: the accounts' whole history, so that a first
     * start misses nothing (paging back through it once).
     */
    public ExtendedFillsSourceBuilder setStartingTime(Instant from) {
        this.from = from;
        return this;
    }

    /**
     * Makes the source bounded: the fills created in {@code [from, to)}, read over REST only; the
     * source ends when every account's range is read.
     */
    public ExtendedFillsSourceBuilder setBounded(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        return this;
    }

    /** Trades per REST page, 1..1000 (default 100). */
    public ExtendedFillsSourceBuilder setPageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    /** REST request and stream handshake timeout (default 10 s). */
    public ExtendedFillsSourceBuilder setRequestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /**
     * Attempts per REST call on 5xx or timeout before the reader fails (and the job restarts from
     * its checkpoint); default 6.
     */
    public ExtendedFillsSourceBuilder setMaxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    /** First and longest wait between REST retries and stream reconnects (200 ms, 10 s). */
    public ExtendedFillsSourceBuilder setBackoff(Duration initial, Duration max) {
        this.initialBackoff = initial;
        this.maxBackoff = max;
        return this;
    }

    /** How long a reader waits for stream messages before looking again (default 100 ms). */
    public ExtendedFillsSourceBuilder setPollInterval(Duration interval) {
        this.pollInterval = interval;
        return this;
    }

    /**
     * The safety net under the stream: a live account whose stream delivered nothing for this long
     * (silent, not connected, or dead without being closed) catches up over REST anyway, and again
     * every such interval while the silence lasts, so no fill waits for the stream longer than
     * that. One {@code GET /user/trades} page per account per interval while an account is quiet.
     * Default 30 s; {@link Duration#ZERO} turns it off.
     */
    public ExtendedFillsSourceBuilder setSilentStreamCatchUp(Duration interval) {
        this.silentCatchUp = interval;
        return this;
    }

    public ExtendedFillsSource build() {
        if (restUrl == null || restUrl.isBlank()) {
            throw new IllegalStateException(
                    "No REST URL: call setRestUrl(...) with the API root, e.g."
                            + " https://api.starknet.extended.exchange/api/v1");
        }
        if (to == null && (streamUrl == null || streamUrl.isBlank())) {
            throw new IllegalStateException(
                    "A live source needs the account stream: call setStreamUrl(...), or"
                            + " setBounded(from, to) to read a time range over REST only");
        }
        if (accounts.isEmpty()) {
            throw new IllegalStateException(
                    "No accounts: call addAccount(...) for each sub-account to read");
        }
        Set<Long> ids = new HashSet<>();
        for (PlayerAccount a : accounts) {
            if (!ids.add(a.accountId())) {
                throw new IllegalStateException(
                        "Account " + a.accountId() + " is added twice: each account is one split");
            }
        }
        if (to != null && (from == null || !from.isBefore(to))) {
            throw new IllegalStateException(
                    "Bounded range is empty or open: from " + from + " must be before to " + to);
        }
        if (pageSize < 1 || pageSize > ExtendedRestClient.MAX_LIMIT) {
            throw new IllegalStateException(
                    "Page size must be in [1, " + ExtendedRestClient.MAX_LIMIT + "]: " + pageSize);
        }
        if (silentCatchUp == null || silentCatchUp.isNegative()) {
            throw new IllegalStateException(
                    "The silent-stream catch-up interval must be positive, or zero to turn it off: "
                            + silentCatchUp);
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("Max attempts must be >= 1: " + maxAttempts);
        }
        for (Duration d : List.of(requestTimeout, initialBackoff, maxBackoff, pollInterval)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException(
                        "Timeouts, backoffs and the poll interval must be positive: " + d);
            }
        }
        FillsConnection connection =
                new FillsConnection(
                        restUrl,
                        streamUrl,
                        accounts,
                        pageSize,
                        requestTimeout.toMillis(),
                        maxAttempts,
                        initialBackoff.toMillis(),
                        maxBackoff.toMillis());
        return new ExtendedFillsSource(
                connection,
                from == null ? Long.MIN_VALUE : from.toEpochMilli(),
                to == null ? FillsSplit.LIVE : to.toEpochMilli(),
                pollInterval.toMillis(),
                silentCatchUp.toMillis());
    }
}
