package io.chainplay.api.feed;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that collects what the server sends, for assertions. */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>(); // "code reason"
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsClient(boolean reading) {
        this.reading = reading;
    }

    /** A client that reads everything as it comes. */
    static WsClient connect(String url) {
        return open(url, true);
    }

    /** A client that reads nothing until {@link #startReading()}: a stalled consumer. */
    static WsClient stalled(String url) {
        return open(url, false);
    }

    private static WsClient open(String url, boolean reading) {
        WsClient client = new WsClient(reading);
        client.socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create(url), client)
                        .join();
        return client;
    }

    void startReading() {
        socket.request(Long.MAX_VALUE);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * The next message matching {@code match}, skipping others (heartbeats...); fails after 10 s.
     */
    JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
        return await(match, Duration.ofSeconds(10));
    }

    JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            String text = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (text == null) {
                throw new AssertionError(
                        "No matching message within " + timeout + "; skipped " + skipped);
            }
            JsonNode node = JSON.readTree(text);
            if (match.test(node)) {
                return node;
            }
            skipped.add(text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }

    /** The next message of {@code type}. */
    JsonNode awaitType(String type) throws InterruptedException {
        return await(m -> type.equals(m.path("type").asString()));
    }

    /** Raw text of the next message whose type is not one of the relay's own. */
    String awaitFeedText() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String text = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (text == null) {
                throw new AssertionError("No feed message within 10 s");
            }
            String type = JSON.readTree(text).path("type").asString();
            if (!List.of("welcome", "heartbeat", "subscribed", "unsubscribed", "pong")
                    .contains(type)) {
                return text;
            }
        }
    }

    /** No feed message (only the relay's own) for {@code quiet}. */
    void assertNoFeedMessage(Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            String text = received.poll(left, TimeUnit.NANOSECONDS);
            if (text != null && !JSON.readTree(text).path("type").asString().equals("heartbeat")) {
                throw new AssertionError("Unexpected message " + text);
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(Long.MAX_VALUE);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
