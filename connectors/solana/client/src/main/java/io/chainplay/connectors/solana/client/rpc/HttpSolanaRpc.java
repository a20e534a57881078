package io.chainplay.connectors.solana.client.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * {@link SolanaRpc} over HTTP: the JDK {@link HttpClient}, Jackson, several endpoints.
 *
 * <h2>Failover and backoff</h2>
 *
 * <p>Requests go to the current endpoint and stay there while it answers. A connect error, a
 * timeout, HTTP 408/429/5xx, an unreadable body, or a JSON-RPC error about the node's state (-32005
 * node behind, -32014, -32016, -32019, -32603) puts that endpoint in a cool-down and the request
 * moves on to the next endpoint that is not cooling down; when all are, it waits for the first to
 * come back. A cool-down is an exponential backoff in the endpoint's consecutive failures ({@code
 * initialBackoff * 2^(n-1)}, capped at {@code maxBackoff}, with jitter of 50-100%), or the {@code
 * Retry-After} the endpoint sent when that is longer (capped at 10 minutes). A request gives up
 * after {@code maxAttempts} tries with a transient {@link RpcException}. Errors that will not pass
 * (invalid params, method not found, HTTP 401/403/404) fail at once, naming the method, the
 * endpoint and the node's message. -32001 (block cleaned up on this node) tries each other endpoint
 * once: an archive node may still have it.
 *
 * <h2>Rate limit and batches</h2>
 *
 * <p>A token bucket of {@code rateLimit} calls per second limits the whole client; each call in a
 * batch counts, as providers count them. {@link #getBlocksBatch} sends {@code maxBatchSize}
 * getBlock calls per HTTP request; calls a batch answer lacks or answers with a transient error are
 * sent again, and an endpoint that refuses batches gets the calls one by one.
 *
 * <h2>Secrets</h2>
 *
 * <p>Endpoint URLs often carry an API key in the path or query string, and headers may carry a
 * bearer token: neither appears in exceptions or logs, which show scheme, host and port only.
 */
public final class HttpSolanaRpc implements SolanaRpc {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSolanaRpc.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MAX_RETRY_AFTER_NANOS = Duration.ofMinutes(10).toNanos();
    private static final int MAX_SNIPPET = 300;

    private final List<Endpoint> endpoints;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final int maxBatchSize;
    private final RateLimiter rateLimiter;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();
    private int current;

    HttpSolanaRpc(HttpSolanaRpcBuilder b) {
        List<Endpoint> list = new ArrayList<>();
        for (URI uri : b.endpoints) {
            list.add(new Endpoint(uri, list.size()));
        }
        this.endpoints = List.copyOf(list);
        this.headers = Map.copyOf(b.headers);
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoffNanos = b.initialBackoff.toNanos();
        this.maxBackoffNanos = b.maxBackoff.toNanos();
        this.maxBatchSize = b.maxBatchSize;
        this.rateLimiter =
                b.rateLimit > 0
                        ? new RateLimiter(b.rateLimit, b.rateLimitBurst, RateLimiter.SYSTEM)
                        : null;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(b.connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    public static HttpSolanaRpcBuilder builder() {
        return new HttpSolanaRpcBuilder();
    }

    /** The endpoints, redacted, in failover order. */
    public List<String> endpoints() {
        return endpoints.stream().map(e -> e.redacted).toList();
    }

    // ---------------------------------------------------------------- methods

    @Override
    public long getSlot(Commitment commitment) {
        ArrayNode params = NODES.arrayNode();
        params.addObject().put("commitment", commitment.wireName());
        Answer answer = call("getSlot", params);
        JsonNode result = resultOrThrow("getSlot", answer);
        if (!result.canConvertToLong()) {
            throw unexpected("getSlot", answer, "result is not a slot number: " + snippet(result));
        }
        return result.asLong();
    }

    @Override
    public Optional<Block> getBlock(long slot, Commitment commitment) {
        return block(slot, commitment, "full");
    }

    @Override
    public Optional<Block> getBlockHeader(long slot, Commitment commitment) {
        return block(slot, commitment, "none");
    }

    private Optional<Block> block(long slot, Commitment commitment, String details) {
        Answer answer = call("getBlock", blockParams(slot, commitment, details));
        BlockFetch fetch = blockFetch(slot, answer.endpoint, answer.body);
        if (fetch instanceof BlockFetch.Found found) {
            return Optional.of(found.block());
        }
        if (fetch instanceof BlockFetch.Skipped) {
            return Optional.empty();
        }
        if (fetch instanceof BlockFetch.NotAvailable na) {
            throw new BlockNotAvailableException(
                    "getBlock", answer.endpoint.redacted, slot, na.message());
        }
        throw ((BlockFetch.Failed) fetch).error();
    }

    @Override
    public List<BlockFetch> getBlocksBatch(List<Long> slots, Commitment commitment) {
        requireNotProcessed("getBlock", commitment);
        BlockFetch[] results = new BlockFetch[slots.size()];
        for (int from = 0; from < slots.size(); from += maxBatchSize) {
            List<Integer> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(slots.size(), from + maxBatchSize); i++) {
                chunk.add(i);
            }
            fetchChunk(slots, chunk, commitment, results);
        }
        return List.of(results);
    }

    @Override
    public List<Long> getBlocks(long startSlot, long endSlot, Commitment commitment) {
        requireNotProcessed("getBlocks", commitment);
        if (endSlot < startSlot || endSlot - startSlot > 500_000) {
            throw new IllegalArgumentException(
                    "getBlocks needs startSlot <= endSlot at most 500,000 slots apart, got ["
                            + startSlot
                            + ", "
                            + endSlot
                            + "]");
        }
        ArrayNode params = NODES.arrayNode().add(startSlot).add(endSlot);
        params.addObject().put("commitment", commitment.wireName());
        Answer answer = call("getBlocks", params);
        JsonNode result = resultOrThrow("getBlocks", answer);
        if (!result.isArray()) {
            throw unexpected("getBlocks", answer, "result is not an array");
        }
        List<Long> blocks = new ArrayList<>(result.size());
        result.forEach(n -> blocks.add(n.asLong()));
        return blocks;
    }

    @Override
    public List<SignatureInfo> getSignaturesForAddress(
            String address, String before, String until, int limit, Commitment commitment) {
        requireNotProcessed("getSignaturesForAddress", commitment);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException(
                    "getSignaturesForAddress limit must be 1..1000, got " + limit);
        }
        ArrayNode params = NODES.arrayNode().add(address);
        ObjectNode config =
                params.addObject().put("commitment", commitment.wireName()).put("limit", limit);
        if (before != null) {
            config.put("before", before);
        }
        if (until != null) {
            config.put("until", until);
        }
        Answer answer = call("getSignaturesForAddress", params);
        JsonNode result = resultOrThrow("getSignaturesForAddress", answer);
        if (!result.isArray()) {
            throw unexpected("getSignaturesForAddress", answer, "result is not an array");
        }
        List<SignatureInfo> infos = new ArrayList<>(result.size());
        for (JsonNode n : result) {
            infos.add(
                    new SignatureInfo(
                            n.path("signature").asText(),
                            n.path("slot").asLong(),
                            errJson(n.get("err")),
                            textOrNull(n.get("memo")),
                            longOrNull(n.get("blockTime")),
                            commitmentOrNull(n.get("confirmationStatus"))));
        }
        return infos;
    }

    @Override
    public Optional<TransactionResponse> getTransaction(String signature, Commitment commitment) {
        requireNotProcessed("getTransaction", commitment);
        ArrayNode params = NODES.arrayNode().add(signature);
        params.addObject()
                .put("commitment", commitment.wireName())
                .put("encoding", "json")
                .put("maxSupportedTransactionVersion", 0);
        Answer answer = call("getTransaction", params);
        JsonNode result = resultOrThrow("getTransaction", answer);
        if (result.isNull()) {
            return Optional.empty();
        }
        if (!result.isObject() || !result.path("slot").canConvertToLong()) {
            throw unexpected("getTransaction", answer, "result has no slot");
        }
        return Optional.of(
                new TransactionResponse(
                        result.get("slot").asLong(), longOrNull(result.get("blockTime")), result));
    }

    @Override
    public List<Optional<SignatureStatus>> getSignatureStatuses(
            List<String> signatures, boolean searchTransactionHistory) {
        if (signatures.size() > 256) {
            throw new IllegalArgumentException(
                    "getSignatureStatuses takes at most 256 signatures, got " + signatures.size());
        }
        ArrayNode params = NODES.arrayNode();
        ArrayNode list = params.addArray();
        signatures.forEach(list::add);
        params.addObject().put("searchTransactionHistory", searchTransactionHistory);
        Answer answer = call("getSignatureStatuses", params);
        JsonNode value = resultOrThrow("getSignatureStatuses", answer).path("value");
        if (!value.isArray() || value.size() != signatures.size()) {
            throw unexpected(
                    "getSignatureStatuses", answer, "value is not one entry per signature");
        }
        List<Optional<SignatureStatus>> statuses = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode n = value.get(i);
            statuses.add(
                    n.isNull()
                            ? Optional.empty()
                            : Optional.of(
                                    new SignatureStatus(
                                            signatures.get(i),
                                            n.path("slot").asLong(),
                                            longOrNull(n.get("confirmations")),
                                            errJson(n.get("err")),
                                            commitmentOrNull(n.get("confirmationStatus")))));
        }
        return statuses;
    }

    // ---------------------------------------------------------------- getBlock helpers

    private static ArrayNode blockParams(long slot, Commitment commitment, String details) {
        requireNotProcessed("getBlock", commitment);
        ArrayNode params = NODES.arrayNode().add(slot);
        params.addObject()
                .put("commitment", commitment.wireName())
                .put("encoding", "json")
                .put("transactionDetails", details)
                .put("rewards", false)
                .put("maxSupportedTransactionVersion", 0);
        return params;
    }

    /** Interprets one getBlock response object (a single answer or a batch element). */
    private BlockFetch blockFetch(long slot, Endpoint endpoint, JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            long code = error.path("code").asLong();
            String message = error.path("message").asText("");
            if (code == RpcErrorCodes.SLOT_SKIPPED
                    || code == RpcErrorCodes.LONG_TERM_STORAGE_SLOT_SKIPPED) {
                return new BlockFetch.Skipped(slot, message);
            }
            if (code == RpcErrorCodes.BLOCK_NOT_AVAILABLE) {
                return new BlockFetch.NotAvailable(slot, message);
            }
            return new BlockFetch.Failed(slot, rpcError("getBlock", endpoint, error));
        }
        JsonNode result = response.get("result");
        if (result == null || result.isNull()) {
            return new BlockFetch.NotAvailable(slot, "getBlock returned no block for slot " + slot);
        }
        if (!result.isObject() || !result.path("blockhash").isTextual()) {
            return new BlockFetch.Failed(
                    slot,
                    new RpcException(
                            "getBlock",
                            endpoint.redacted,
                            null,
                            null,
                            false,
                            "getBlock at "
                                    + endpoint.redacted
                                    + " returned no blockhash for slot "
                                    + slot,
                            null));
        }
        List<JsonNode> transactions = new ArrayList<>();
        result.path("transactions").forEach(transactions::add);
        return new BlockFetch.Found(
                new Block(
                        slot,
                        result.get("blockhash").asText(),
                        textOrNull(result.get("previousBlockhash")),
                        result.path("parentSlot").asLong(),
                        longOrNull(result.get("blockTime")),
                        longOrNull(result.get("blockHeight")),
                        transactions));
    }

    private void fetchChunk(
            List<Long> slots, List<Integer> chunk, Commitment commitment, BlockFetch[] results) {
        List<Integer> pending = chunk;
        for (int round = 1; !pending.isEmpty(); round++) {
            ArrayNode body = NODES.arrayNode();
            Map<Long, Integer> byId = new HashMap<>();
            for (int i : pending) {
                long id = ids.incrementAndGet();
                byId.put(id, i);
                body.addObject()
                        .put("jsonrpc", "2.0")
                        .put("id", id)
                        .put("method", "getBlock")
                        .set("params", blockParams(slots.get(i), commitment, "full"));
            }
            Answer answer;
            try {
                answer = send("getBlock", body, pending.size(), true);
            } catch (RpcException e) {
                for (int i : pending) {
                    results[i] = new BlockFetch.Failed(slots.get(i), e);
                }
                return;
            }
            if (!answer.body.isArray()) {
                // Some providers refuse batches with one error object: send the calls one by one.
                LOG.debug(
                        "getBlock batch refused by {}: {}; sending single calls",
                        answer.endpoint.redacted,
                        snippet(answer.body));
                for (int i : pending) {
                    results[i] = single(slots.get(i), commitment);
                }
                return;
            }
            Map<Integer, JsonNode> answered = new HashMap<>();
            for (JsonNode element : answer.body) {
                Integer i = byId.get(element.path("id").asLong(Long.MIN_VALUE));
                if (i != null) {
                    answered.put(i, element);
                }
            }
            List<Integer> again = new ArrayList<>();
            for (int i : pending) {
                JsonNode element = answered.get(i);
                long code = element == null ? 0 : element.path("error").path("code").asLong(0);
                if (element == null
                        || RpcErrorCodes.TRANSIENT.contains(code)
                        || code == RpcErrorCodes.BLOCK_CLEANED_UP) {
                    again.add(i);
                } else {
                    results[i] = blockFetch(slots.get(i), answer.endpoint, element);
                }
            }
            if (!again.isEmpty()) {
                if (round >= maxAttempts) {
                    for (int i : again) {
                        JsonNode element = answered.get(i);
                        results[i] =
                                new BlockFetch.Failed(
                                        slots.get(i),
                                        element == null
                                                ? new RpcException(
                                                        "getBlock",
                                                        answer.endpoint.redacted,
                                                        null,
                                                        null,
                                                        true,
                                                        "getBlock batch: no answer for slot "
                                                                + slots.get(i)
                                                                + " after "
                                                                + round
                                                                + " attempts",
                                                        null)
                                                : rpcError(
                                                        "getBlock",
                                                        answer.endpoint,
                                                        element.get("error")));
                    }
                    return;
                }
                // The answering endpoint could not serve these: let another one (or a later try)
                // do.
                markFailure(
                        answer.endpoint,
                        -1,
                        "batch left "
                                + again.size()
                                + " of "
                                + pending.size()
                                + " calls unanswered");
            }
            pending = again;
        }
    }

    private BlockFetch single(long slot, Commitment commitment) {
        try {
            Answer answer = call("getBlock", blockParams(slot, commitment, "full"));
            return blockFetch(slot, answer.endpoint, answer.body);
        } catch (RpcException e) {
            return new BlockFetch.Failed(slot, e);
        }
    }

    // ---------------------------------------------------------------- transport

    private record Answer(Endpoint endpoint, JsonNode body) {}

    private Answer call(String method, ArrayNode params) {
        ObjectNode body = NODES.objectNode();
        body.put("jsonrpc", "2.0")
                .put("id", ids.incrementAndGet())
                .put("method", method)
                .set("params", params);
        return send(method, body, 1, false);
    }

    /**
     * Sends one request body, moving between endpoints until an answer that is not transient comes
     * back or the attempts are used up.
     */
    private Answer send(String method, JsonNode body, int calls, boolean batch) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Set<Endpoint> cleanedUp = new HashSet<>();
        String lastProblem = "no attempt made";
        Endpoint last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Endpoint endpoint =
                    pick(cleanedUp.size() < endpoints.size() ? cleanedUp : Set.of(), method);
            last = endpoint;
            try {
                if (rateLimiter != null) {
                    rateLimiter.acquire(calls);
                }
                HttpResponse<InputStream> response =
                        http.send(
                                request(endpoint, bytes),
                                HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 429 || status == 408 || status >= 500) {
                    String text = readSnippet(response);
                    long retryAfter = retryAfterNanos(response);
                    lastProblem =
                            "HTTP "
                                    + status
                                    + " from "
                                    + endpoint.redacted
                                    + (text.isEmpty() ? "" : ": " + text);
                    markFailure(endpoint, retryAfter, lastProblem);
                    continue;
                }
                if (status != 200) {
                    String text = readSnippet(response);
                    throw new RpcException(
                            method,
                            endpoint.redacted,
                            status,
                            null,
                            false,
                            method
                                    + " failed at "
                                    + endpoint.redacted
                                    + ": HTTP "
                                    + status
                                    + (status == 401 || status == 403
                                            ? " (check the endpoint's API key or auth header)"
                                            : "")
                                    + (text.isEmpty() ? "" : ": " + text),
                            null);
                }
                JsonNode answer;
                try (InputStream in = decoded(response)) {
                    answer = MAPPER.readTree(in);
                } catch (JsonProcessingException e) {
                    lastProblem =
                            "unreadable JSON from "
                                    + endpoint.redacted
                                    + ": "
                                    + e.getOriginalMessage();
                    markFailure(endpoint, -1, lastProblem);
                    continue;
                }
                if (answer == null || !(answer.isObject() || answer.isArray())) {
                    lastProblem = "empty or non-JSON-RPC body from " + endpoint.redacted;
                    markFailure(endpoint, -1, lastProblem);
                    continue;
                }
                JsonNode error = answer.isObject() ? answer.get("error") : null;
                if (error != null && error.isObject()) {
                    long code = error.path("code").asLong();
                    if (RpcErrorCodes.TRANSIENT.contains(code)) {
                        lastProblem =
                                method
                                        + " error "
                                        + code
                                        + " from "
                                        + endpoint.redacted
                                        + ": "
                                        + error.path("message").asText();
                        markFailure(endpoint, -1, lastProblem);
                        continue;
                    }
                    if (code == RpcErrorCodes.BLOCK_CLEANED_UP && !batch) {
                        cleanedUp.add(endpoint);
                        if (cleanedUp.size() < endpoints.size()) {
                            LOG.debug(
                                    "{}: {} no longer has the data; trying the next endpoint",
                                    method,
                                    endpoint.redacted);
                            advancePast(endpoint);
                            continue;
                        }
                    }
                }
                markSuccess(endpoint);
                return new Answer(endpoint, answer);
            } catch (HttpTimeoutException e) {
                lastProblem =
                        "no answer from "
                                + endpoint.redacted
                                + " within "
                                + requestTimeout.toMillis()
                                + " ms";
                markFailure(endpoint, -1, lastProblem);
            } catch (IOException e) {
                lastProblem =
                        e.getClass().getSimpleName()
                                + " talking to "
                                + endpoint.redacted
                                + ": "
                                + scrub(String.valueOf(e.getMessage()));
                markFailure(endpoint, -1, lastProblem);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RpcException(
                        method, endpoint.redacted, null, null, true, method + " interrupted", e);
            }
        }
        throw new RpcException(
                method,
                last == null ? null : last.redacted,
                null,
                null,
                true,
                method
                        + " gave up after "
                        + maxAttempts
                        + " attempts over "
                        + endpoints()
                        + "; last: "
                        + lastProblem,
                null);
    }

    private HttpRequest request(Endpoint endpoint, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint.uri)
                        .timeout(requestTimeout)
                        .header("Content-Type", "application/json")
                        .header("Accept-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("http".equals(endpoint.uri.getScheme())) {
            request.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain HTTP
        }
        headers.forEach(request::header);
        return request.build();
    }

    private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
        boolean gzip =
                response.headers()
                        .firstValue("Content-Encoding")
                        .map(v -> v.equalsIgnoreCase("gzip"))
                        .orElse(false);
        return gzip ? new GZIPInputStream(response.body()) : response.body();
    }

    private String readSnippet(HttpResponse<InputStream> response) {
        try (InputStream in = decoded(response)) {
            byte[] head = in.readNBytes(MAX_SNIPPET);
            return scrub(new String(head, java.nio.charset.StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return "";
        }
    }

    /** Retry-After as seconds or an HTTP date; -1 when absent or unreadable. */
    static long retryAfterNanos(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After");
        if (value.isEmpty()) {
            return -1;
        }
        String text = value.get().trim();
        try {
            return Math.min(
                    MAX_RETRY_AFTER_NANOS, Duration.ofSeconds(Long.parseLong(text)).toNanos());
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                long millis = at.toInstant().toEpochMilli() - System.currentTimeMillis();
                return Math.min(MAX_RETRY_AFTER_NANOS, Math.max(0, millis) * 1_000_000);
            } catch (RuntimeException unreadable) {
                return -1;
            }
        }
    }

    // ---------------------------------------------------------------- endpoint state

    /** An endpoint and its health. Guarded by the client's lock. */
    static final class Endpoint {
        final URI uri;
        final int index;
        final String redacted;
        long coolUntil;
        int failures;

        Endpoint(URI uri, int index) {
            this.uri = uri;
            this.index = index;
            this.redacted = redact(uri);
        }
    }

    /**
     * The endpoint to try next: the current one if it is not cooling down, else the next one that
     * is not; when all are, sleeps until the first one is back.
     */
    private Endpoint pick(Set<Endpoint> exclude, String method) {
        long wait;
        Endpoint chosen;
        synchronized (this) {
            long now = System.nanoTime();
            for (int k = 0; k < endpoints.size(); k++) {
                Endpoint e = endpoints.get((current + k) % endpoints.size());
                if (!exclude.contains(e) && e.coolUntil - now <= 0) {
                    if (e.index != current) {
                        LOG.info("{}: switching to RPC endpoint {}", method, e.redacted);
                        current = e.index;
                    }
                    return e;
                }
            }
            chosen = null;
            for (Endpoint e : endpoints) {
                if (!exclude.contains(e)
                        && (chosen == null || e.coolUntil - chosen.coolUntil < 0)) {
                    chosen = e;
                }
            }
            wait = chosen.coolUntil - now;
            current = chosen.index;
        }
        LOG.debug(
                "{}: every RPC endpoint is cooling down; waiting {} ms for {}",
                method,
                wait / 1_000_000,
                chosen.redacted);
        try {
            Thread.sleep(Math.max(0, wait / 1_000_000), (int) Math.max(0, wait % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(
                    method, chosen.redacted, null, null, true, method + " interrupted", e);
        }
        return chosen;
    }

    private synchronized void markFailure(Endpoint e, long retryAfterNanos, String problem) {
        e.failures++;
        long backoff = initialBackoffNanos << Math.min(30, e.failures - 1);
        backoff = backoff <= 0 ? maxBackoffNanos : Math.min(maxBackoffNanos, backoff);
        long jittered = (long) (backoff * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
        long cool = Math.max(jittered, retryAfterNanos);
        e.coolUntil = System.nanoTime() + cool;
        if (e.failures == 1) {
            LOG.warn(
                    "RPC endpoint {} failed ({}); cooling down {} ms",
                    e.redacted,
                    problem,
                    cool / 1_000_000);
        } else {
            LOG.debug(
                    "RPC endpoint {} failed {} times in a row ({}); cooling down {} ms",
                    e.redacted,
                    e.failures,
                    problem,
                    cool / 1_000_000);
        }
        if (current == e.index) {
            current = (e.index + 1) % endpoints.size();
        }
    }

    private synchronized void markSuccess(Endpoint e) {
        if (e.failures > 0) {
            LOG.info("RPC endpoint {} answers again after {} failures", e.redacted, e.failures);
        }
        e.failures = 0;
        e.coolUntil = 0;
    }

    private synchronized void advancePast(Endpoint e) {
        if (current == e.index) {
            current = (e.index + 1) % endpoints.size();
        }
    }

    // ---------------------------------------------------------------- errors and text

    private static JsonNode resultOrThrow(String method, Answer answer) {
        JsonNode error = answer.body.get("error");
        if (error != null && !error.isNull()) {
            throw rpcError(method, answer.endpoint, error);
        }
        JsonNode result = answer.body.get("result");
        if (result == null) {
            throw unexpected(method, answer, "neither result nor error");
        }
        return result;
    }

    private static RpcException rpcError(String method, Endpoint endpoint, JsonNode error) {
        long code = error.path("code").asLong();
        String message = scrub(error.path("message").asText(""));
        return new RpcException(
                method,
                endpoint.redacted,
                null,
                code,
                RpcErrorCodes.TRANSIENT.contains(code),
                method
                        + " failed at "
                        + endpoint.redacted
                        + ": JSON-RPC error "
                        + code
                        + ": "
                        + message,
                null);
    }

    private static RpcException unexpected(String method, Answer answer, String what) {
        return new RpcException(
                method,
                answer.endpoint.redacted,
                null,
                null,
                false,
                method
                        + " at "
                        + answer.endpoint.redacted
                        + ": unexpected answer, "
                        + what
                        + ": "
                        + snippet(answer.body),
                null);
    }

    private static void requireNotProcessed(String method, Commitment commitment) {
        if (commitment == Commitment.PROCESSED) {
            throw new IllegalArgumentException(
                    method + " does not support commitment processed: use confirmed or finalized");
        }
    }

    /** scheme://host[:port], with markers where a path or query string was dropped. */
    static String redact(URI uri) {
        StringBuilder text =
                new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            text.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            text.append("/***");
        }
        if (uri.getRawQuery() != null) {
            text.append("?***");
        }
        return text.toString();
    }

    /** Removes anything that looks like a URL with a path or query, in case a node echoes ours. */
    private static String scrub(String text) {
        return text.replaceAll("(https?://[^/\\s?\"']+)[^\\s\"']*", "$1/***");
    }

    private static String snippet(JsonNode node) {
        String text = node == null ? "null" : node.toString();
        return text.length() > MAX_SNIPPET ? text.substring(0, MAX_SNIPPET) + "..." : text;
    }

    private static String errJson(JsonNode err) {
        return err == null || err.isNull() ? null : err.toString();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || !n.canConvertToLong() ? null : n.asLong();
    }

    private static Commitment commitmentOrNull(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return Commitment.parse(n.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "HttpSolanaRpc" + endpoints();
    }
}
