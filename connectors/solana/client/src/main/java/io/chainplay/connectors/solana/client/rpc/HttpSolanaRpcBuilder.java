package io.chainplay.connectors.solana.client.rpc;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an {@link HttpSolanaRpc}; {@link #build()} checks the settings and says what to fix.
 *
 * <pre>{@code
 * SolanaRpc rpc = HttpSolanaRpc.builder()
 *         .setEndpoints("https://mainnet.helius-rpc.com/?api-key=...", "https://api.mainnet-beta.solana.com")
 *         .setRateLimit(40)                       // calls per second, whole client
 *         .setRequestTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
public final class HttpSolanaRpcBuilder {

    /** Headers the HTTP client sets itself or that would break JSON-RPC. */
    private static final Set<String> RESERVED =
            Set.of(
                    "host",
                    "content-length",
                    "content-type",
                    "accept-encoding",
                    "connection",
                    "upgrade",
                    "expect");

    final List<URI> endpoints = new ArrayList<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> rawEndpoints = new ArrayList<>();
    Duration requestTimeout = Duration.ofSeconds(30);
    Duration connectTimeout = Duration.ofSeconds(10);
    int maxAttempts = 6;
    Duration initialBackoff = Duration.ofMillis(250);
    Duration maxBackoff = Duration.ofSeconds(30);
    double rateLimit = 0;
    int rateLimitBurst = -1;
    int maxBatchSize = 10;

    HttpSolanaRpcBuilder() {}

    /**
     * The JSON-RPC endpoints, in failover order: the first is used while it answers. URLs may carry
     * an API key (path or query); it never appears in logs or errors.
     */
    public HttpSolanaRpcBuilder setEndpoints(String... urls) {
        return setEndpoints(List.of(urls));
    }

    public HttpSolanaRpcBuilder setEndpoints(List<String> urls) {
        rawEndpoints.clear();
        rawEndpoints.addAll(urls);
        return this;
    }

    /** A header sent with every request, e.g. {@code Authorization: Bearer ...}; never logged. */
    public HttpSolanaRpcBuilder setHeader(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** How long one HTTP request may take before the next endpoint is tried; default 30 s. */
    public HttpSolanaRpcBuilder setRequestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** How long connecting may take; default 10 s. */
    public HttpSolanaRpcBuilder setConnectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** Tries per request across all endpoints before giving up; default 6. */
    public HttpSolanaRpcBuilder setMaxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    /** First cool-down of a failing endpoint, doubled per further failure; default 250 ms. */
    public HttpSolanaRpcBuilder setInitialBackoff(Duration backoff) {
        this.initialBackoff = backoff;
        return this;
    }

    /** Longest cool-down from backoff (Retry-After may ask for more); default 30 s. */
    public HttpSolanaRpcBuilder setMaxBackoff(Duration backoff) {
        this.maxBackoff = backoff;
        return this;
    }

    /**
     * JSON-RPC calls per second for the whole client (each call of a batch counts); 0, the default,
     * means no limit. Set it to the provider's plan, e.g. 10 for a free tier.
     */
    public HttpSolanaRpcBuilder setRateLimit(double callsPerSecond) {
        this.rateLimit = callsPerSecond;
        return this;
    }

    /** Calls that may go out at once after a quiet spell; default the rate rounded up (min 1). */
    public HttpSolanaRpcBuilder setRateLimitBurst(int calls) {
        this.rateLimitBurst = calls;
        return this;
    }

    /** getBlock calls per HTTP request in {@code getBlocksBatch}; default 10. */
    public HttpSolanaRpcBuilder setMaxBatchSize(int calls) {
        this.maxBatchSize = calls;
        return this;
    }

    public HttpSolanaRpc build() {
        sanityCheck();
        return new HttpSolanaRpc(this);
    }

    private void sanityCheck() {
        if (rawEndpoints.isEmpty()) {
            throw new IllegalStateException(
                    "No RPC endpoint set: call setEndpoints(\"https://api.mainnet-beta.solana.com\")"
                            + " with one or more JSON-RPC URLs (several give failover)");
        }
        endpoints.clear();
        for (String raw : rawEndpoints) {
            URI uri;
            try {
                uri = new URI(raw == null ? "" : raw.trim());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(
                        "RPC endpoint #"
                                + (endpoints.size() + 1)
                                + " is not a URL ("
                                + e.getReason()
                                + ")");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalStateException(
                        "RPC endpoint #"
                                + (endpoints.size() + 1)
                                + " must be an http:// or https:// URL with a host, got "
                                + (uri.getScheme() == null
                                        ? "no scheme"
                                        : uri.getScheme() + "://" + uri.getHost()));
            }
            if (endpoints.contains(uri)) {
                throw new IllegalStateException(
                        "RPC endpoint "
                                + HttpSolanaRpc.redact(uri)
                                + " is listed twice: list each endpoint once");
            }
            endpoints.add(uri);
        }
        requirePositive(
                "requestTimeout", requestTimeout, "setRequestTimeout(Duration.ofSeconds(30))");
        requirePositive(
                "connectTimeout", connectTimeout, "setConnectTimeout(Duration.ofSeconds(10))");
        requirePositive(
                "initialBackoff", initialBackoff, "setInitialBackoff(Duration.ofMillis(250))");
        requirePositive("maxBackoff", maxBackoff, "setMaxBackoff(Duration.ofSeconds(30))");
        if (initialBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalStateException(
                    "initialBackoff ("
                            + initialBackoff
                            + ") must not exceed maxBackoff ("
                            + maxBackoff
                            + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
            throw new IllegalStateException(
                    "rateLimit must be a finite number of calls per second >= 0 (0 = unlimited), got "
                            + rateLimit);
        }
        if (rateLimitBurst == -1) {
            rateLimitBurst = (int) Math.max(1, Math.ceil(rateLimit));
        } else if (rateLimitBurst < 1) {
            throw new IllegalStateException(
                    "rateLimitBurst must be at least 1, got " + rateLimitBurst);
        }
        if (maxBatchSize < 1 || maxBatchSize > 1000) {
            throw new IllegalStateException("maxBatchSize must be 1..1000, got " + maxBatchSize);
        }
        for (String name : headers.keySet()) {
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(
                        "Header '"
                                + name
                                + "' is set by the client itself: remove setHeader(\""
                                + name
                                + "\", ...)");
            }
        }
    }

    private static void requirePositive(String name, Duration value, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException(
                    name + " must be positive, got " + value + ": e.g. " + example);
        }
    }
}
