package io.chainplay.devnet.extended;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** An account-stream subscriber over the JDK's WebSocket client, keeping every message. */
final class StreamTap implements WebSocket.Listener, AutoCloseable {

    private final List<JsonNode> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final WebSocket socket;

    StreamTap(String url, String apiKey) throws Exception {
        this.socket =
                Trader.HTTP
                        .newWebSocketBuilder()
                        .header("X-Api-Key", apiKey)
                        .connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create(url), this)
                        .get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = Trader.MAPPER.readTree(partial.toString());
                synchronized (messages) {
                    messages.add(message);
                }
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(null); // a dropped connection ends here
    }

    List<JsonNode> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Every trade of every TRADE message so far, in arrival order. */
    List<JsonNode> trades() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages()) {
            if (m.path("type").asText().equals("TRADE")) {
                m.path("data").path("trades").forEach(out::add);
            }
        }
        return out;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
