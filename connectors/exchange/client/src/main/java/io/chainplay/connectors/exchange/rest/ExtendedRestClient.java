package io.chainplay.connectors.exchange.rest;

import io.chainplay.connectors.exchange.order.CreateOrderBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The part of Extended's REST API Chainplay uses: the account's trades (paged, for the fills
 * source), markets, and placing, finding and cancelling orders (the daily-trade workflow, the demo
 * traders).
 *
 * <p>Every request carries the account's {@code X-Api-Key}. Answers are Extended's envelope {@code
 * {"status":"OK","data":[...],"pagination":{"cursor","count"}}}; an error envelope (or a 4xx)
 * throws {@link ExtendedApiException} at once. Server errors (5xx, including a gateway's plain-text
 * page), timeouts and dropped connections are retried with exponential backoff and jitter, up to
 * {@link Settings#maxAttempts()}; after that the last failure is thrown.
 *
 * <p>The API key is held only here and in the request headers; no message built here contains it.
 */
public final class ExtendedRestClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtendedRestClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Sent on every request: Extended's API asks clients to identify themselves. */
    public static final String USER_AGENT = "chainplay-exchange-client/0.1";

    /** Extended's maximum page size for {@code /user/trades}. */
    public static final int MAX_LIMIT = 1000;

    /**
     * How hard to try.
     *
     * @param requestTimeout per request
     * @param maxAttempts attempts per call, at least 1
     * @param initialBackoff wait before the second attempt; doubled each time
     * @param maxBackoff upper bound of one wait
     */
    public record Settings(
            Duration requestTimeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff) {

        public static final Settings DEFAULT =
                new Settings(
                        Duration.ofSeconds(10), 6, Duration.ofMillis(200), Duration.ofSeconds(10));

        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
            }
        }
    }

    private final String baseUrl;
    private final String apiKey;
    private final Settings settings;
    private final HttpClient http;
    private long retries;

    /**
     * @param baseUrl the API root including {@code /api/v1}, e.g. {@code
     *     https://api.starknet.extended.exchange/api/v1}
     */
    public ExtendedRestClient(String baseUrl, String apiKey, Settings settings) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.settings = settings;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(settings.requestTimeout())
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
    }

    /**
     * One page of the account's trades, newest first.
     *
     * @param cursor the previous page's {@link TradesPage#cursor()}, or null for the newest page
     * @param limit page size, 1..{@value #MAX_LIMIT}
     */
    public TradesPage trades(Long cursor, int limit) throws IOException, InterruptedException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "]: " + limit);
        }
        StringBuilder path = new StringBuilder("/user/trades?limit=").append(limit);
        if (cursor != null) {
            path.append("&cursor=")
                    .append(URLEncoder.encode(Long.toString(cursor), StandardCharsets.UTF_8));
        }
        JsonNode envelope = get(path.toString());
        JsonNode data = envelope.get("data");
        if (data == null || !data.isArray()) {
            throw new ExtendedApiException(
                    200, 0, "trades answer has no data array: " + abbreviate(envelope.toString()));
        }
        List<JsonNode> trades = new ArrayList<>(data.size());
        data.forEach(trades::add);
        JsonNode next = envelope.path("pagination").path("cursor");
        Long nextCursor = next.canConvertToLong() && !next.isNull() ? next.asLong() : null;
        if (next.isTextual()) {
            try {
                nextCursor = Long.parseLong(next.textValue());
            } catch (NumberFormatException e) {
                nextCursor = null;
            }
        }
        return new TradesPage(trades, nextCursor);
    }

    /**
     * {@code GET /info/markets}: the markets answer as sent (what {@code Markets.fromApiResponse}
     * reads for the signer's l2 configuration, and where live bid/ask/mark prices are).
     */
    public String marketsJson() throws IOException, InterruptedException {
        return get("/info/markets").toString();
    }

    /**
     * {@code POST /user/order}: places a signed order, or finds the one an earlier attempt placed.
     *
     * <p>Safe to call again with the same body (a crash between sending and recording the answer, a
     * retried timeout): the body's external id names the order. A repeat that the exchange answers
     * as the same order is returned as such; one it refuses (a duplicate nonce or id) is looked up
     * by external id, and only if no order with that id exists is the refusal thrown.
     *
     * @return the exchange's order id and the external id
     * @throws ExtendedApiException when the exchange refuses the order (bad signature, limits,
     *     unknown market, ...): Extended's code and message, never retried
     */
    public PlacedOrder createOrder(CreateOrderBody body) throws IOException, InterruptedException {
        JsonNode data;
        try {
            data =
                    send("POST", "/user/order", HttpRequest.BodyPublishers.ofString(body.toJson()))
                            .path("data");
        } catch (ExtendedApiException refused) {
            Optional<JsonNode> existing = orderByExternalId(body.id());
            if (existing.isEmpty()) {
                throw refused;
            }
            return new PlacedOrder(existing.get().path("id").asLong(), body.id());
        }
        if (!data.path("id").canConvertToLong()) {
            throw new ExtendedApiException(
                    200, 0, "create-order answer has no order id: " + abbreviate(data.toString()));
        }
        return new PlacedOrder(data.path("id").asLong(), data.path("externalId").asText(body.id()));
    }

    /**
     * {@code GET /user/orders/external/{id}}: the account's order with this external id (Extended's
     * {@code OpenOrderModel}: status, filledQty, averagePrice, ...), if there is one.
     */
    public Optional<JsonNode> orderByExternalId(String externalId)
            throws IOException, InterruptedException {
        JsonNode data =
                get("/user/orders/external/"
                                + URLEncoder.encode(externalId, StandardCharsets.UTF_8)
                                        .replace("+", "%20")) // a path segment, not a form
                        .path("data");
        return data.isArray() && !data.isEmpty() ? Optional.of(data.get(0)) : Optional.empty();
    }

    /**
     * {@code DELETE /user/order?externalId=..}: cancels the account's order with this external id.
     * Repeating it is harmless.
     */
    public void cancelByExternalId(String externalId) throws IOException, InterruptedException {
        send(
                "DELETE",
                "/user/order?externalId=" + URLEncoder.encode(externalId, StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.noBody());
    }

    /** An order the exchange accepted: its own id and the external id it was placed with. */
    public record PlacedOrder(long orderId, String externalId) {}

    /** Requests retried so far (each retry of each call). */
    public synchronized long retries() {
        return retries;
    }

    /** GET with retries; returns the parsed OK envelope. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    /**
     * One request with retries of server errors, timeouts and dropped connections; returns the
     * parsed OK envelope. Only for requests that are safe to repeat: reads, and writes the exchange
     * recognises when repeated (an order carries its external id, a cancel names one).
     */
    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("X-Api-Key", apiKey)
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .header("User-Agent", USER_AGENT)
                        .timeout(settings.requestTimeout())
                        .method(method, body)
                        .build();
        IOException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                synchronized (this) {
                    retries++;
                }
                Thread.sleep(backoff(attempt - 1));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                last = e;
                LOG.warn("{} {} timed out (attempt {})", method, path, attempt);
                continue;
            } catch (IOException e) {
                last = e; // connection refused or dropped
                LOG.warn("{} {} failed (attempt {}): {}", method, path, attempt, e.toString());
                continue;
            }
            int status = response.statusCode();
            if (status >= 500) {
                last =
                        new ExtendedApiException(
                                status, 0, "server error: " + abbreviate(response.body()));
                LOG.warn("{} {} answered {} (attempt {})", method, path, status, attempt);
                continue;
            }
            return envelope(status, response.body());
        }
        throw last;
    }

    /** The OK envelope, or the error it carries as an exception. */
    static JsonNode envelope(int status, String body) throws ExtendedApiException {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new ExtendedApiException(
                    status, 0, "answer is not Extended's JSON envelope: " + abbreviate(body));
        }
        String outcome = json.path("status").asText("");
        if (status >= 400 || !"OK".equalsIgnoreCase(outcome)) {
            JsonNode error = json.path("error");
            throw new ExtendedApiException(
                    status,
                    error.path("code").asInt(0),
                    error.path("message").asText(abbreviate(body)));
        }
        return json;
    }

    private long backoff(int retry) {
        long base = settings.initialBackoff().toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        // Full jitter on the upper half, so that many readers do not retry in step.
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    @Override
    public void close() {
        // HttpClient.close() exists from Java 21 only; its threads end when it is unreachable.
    }

    @Override
    public String toString() {
        return "ExtendedRestClient[" + baseUrl + ", apiKey=<redacted>]";
    }
}
