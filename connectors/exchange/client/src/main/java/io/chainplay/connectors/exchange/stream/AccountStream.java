package io.chainplay.connectors.exchange.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Extended's account stream ({@code /stream.extended.exchange/v1/account}) over the JDK's {@link
 * WebSocket}, as a queue of {@link StreamEvent}s that one reader thread polls.
 *
 * <p>Messages are {@code {"type","data":{"orders","positions","trades","balance"},"error","ts",
 * "seq"}}; only {@code TRADE} messages become events, but every message's {@code seq} is checked: a
 * connection numbers its messages 1, 2, ... so a jump means messages were lost ({@link
 * StreamEvent.Gap}). A dropped connection is reopened by itself after a backoff (doubling from
 * {@link Settings#initialBackoff()} up to {@link Settings#maxBackoff()}, reset once a connection
 * delivers a message); each new connection starts with {@link StreamEvent.Connected}, the reader's
 * cue to catch up over REST, since the stream does not replay fills.
 *
 * <p>Events of a connection that has since been replaced are dropped. The queue is unbounded: the
 * stream of one account is small next to what a reader consumes.
 */
public final class AccountStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountStream.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Connection settings.
     *
     * @param connectTimeout opening handshake timeout
     * @param initialBackoff wait before the first reconnect
     * @param maxBackoff upper bound of a reconnect wait
     */
    public record Settings(Duration connectTimeout, Duration initialBackoff, Duration maxBackoff) {
        public static final Settings DEFAULT =
                new Settings(
                        Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(15));
    }

    private final URI url;
    private final String apiKey;
    private final Settings settings;
    private final String name;
    private final LinkedBlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final ScheduledExecutorService reconnector;
    private final AtomicLong connection = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong lostConnection = new AtomicLong();
    private volatile WebSocket socket;
    private volatile boolean closed;
    private int failures;

    /**
     * @param url the account stream, e.g. {@code
     *     wss://api.starknet.extended.exchange/stream.extended.exchange/v1/account}
     * @param name what logs call this stream (the account id, never the key)
     */
    public AccountStream(URI url, String apiKey, Settings settings, String name) {
        this.url = url;
        this.apiKey = apiKey;
        this.settings = settings;
        this.name = name;
        this.httpThreads =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "extended-stream-" + name);
                            t.setDaemon(true);
                            return t;
                        });
        this.http = HttpClient.newBuilder().executor(httpThreads).build();
        this.reconnector =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "extended-stream-reconnect-" + name);
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Opens the first connection (asynchronously: watch for {@link StreamEvent.Connected}). */
    public void start() {
        reconnector.execute(this::connect);
    }

    /** The next event, or null after {@code timeout}. */
    public StreamEvent poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Connections opened after the first one. */
    public long reconnects() {
        return reconnects.get();
    }

    private void connect() {
        if (closed) {
            return;
        }
        long id = connection.incrementAndGet();
        if (id > 1) {
            reconnects.incrementAndGet();
        }
        try {
            http.newWebSocketBuilder()
                    .header("X-Api-Key", apiKey)
                    .header(
                            "User-Agent",
                            io.chainplay.connectors.exchange.rest.ExtendedRestClient.USER_AGENT)
                    .connectTimeout(settings.connectTimeout())
                    .buildAsync(url, new Listener(id))
                    .whenComplete(
                            (ws, error) -> {
                                if (error != null) {
                                    lost(id, "cannot connect: " + rootMessage(error));
                                }
                            });
        } catch (RuntimeException e) {
            // Thrown here rather than through the future (e.g. an executor refusing work): without
            // this the stream would stay dead with nothing in the log and no reconnect.
            lost(id, "cannot connect: " + rootMessage(e));
        }
    }

    /** A connection ended: tell the reader and try again after a backoff. */
    private void lost(long id, String reason) {
        if (closed || connection.get() != id || lostConnection.getAndSet(id) == id) {
            return; // already replaced, or this loss was already handled
        }
        LOG.info("Account stream {} connection {} ended: {}", name, id, reason);
        events.add(new StreamEvent.Disconnected(id, reason));
        long wait;
        synchronized (this) {
            long base = settings.initialBackoff().toMillis() << Math.min(failures, 20);
            failures++;
            long capped = Math.min(base, settings.maxBackoff().toMillis());
            wait = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        }
        reconnector.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final long id;
        private final StringBuilder text = new StringBuilder();
        private long expectedSeq = 1;
        private boolean ended;

        Listener(long id) {
            this.id = id;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (closed || connection.get() != id) {
                // Closed, or replaced while its handshake was still running (it timed out on our
                // side, then opened anyway): it must not become the stream nor announce itself.
                webSocket.abort();
                return;
            }
            socket = webSocket;
            events.add(new StreamEvent.Connected(id));
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (connection.get() == id) {
                    handle(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(
                WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (last && connection.get() == id) {
                events.add(new StreamEvent.Malformed(id, bytes, "binary frame on a JSON stream"));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end("closed by the server: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(rootMessage(error));
        }

        private void end(String reason) {
            if (!ended) {
                ended = true;
                lost(id, reason);
            }
        }

        private void handle(String message) {
            byte[] raw = message.getBytes(StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = MAPPER.readTree(message);
            } catch (IOException e) {
                events.add(
                        new StreamEvent.Malformed(
                                id, raw, "message is not JSON: " + e.getMessage()));
                return;
            }
            if (json == null || !json.isObject()) {
                events.add(new StreamEvent.Malformed(id, raw, "message is not a JSON object"));
                return;
            }
            synchronized (AccountStream.this) {
                failures = 0; // the connection works: the next loss starts the backoff afresh
            }
            JsonNode seqNode = json.get("seq");
            if (seqNode != null && seqNode.canConvertToLong()) {
                long seq = seqNode.asLong();
                if (seq != expectedSeq) {
                    events.add(new StreamEvent.Gap(id, expectedSeq, seq));
                }
                expectedSeq = seq + 1;
            }
            JsonNode error = json.get("error");
            if (error != null && !error.isNull()) {
                events.add(new StreamEvent.Malformed(id, raw, "stream error: " + error));
                return;
            }
            if (!"TRADE".equals(json.path("type").asText())) {
                return; // ORDER, POSITION, BALANCE: not fills
            }
            JsonNode trades = json.path("data").path("trades");
            if (!trades.isArray()) {
                events.add(
                        new StreamEvent.Malformed(
                                id, raw, "TRADE message without data.trades array"));
                return;
            }
            List<JsonNode> list = new ArrayList<>(trades.size());
            trades.forEach(list::add);
            events.add(
                    new StreamEvent.Trades(id, seqNode == null ? -1 : seqNode.asLong(), list, raw));
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Drops the current connection as a network failure would (tests). */
    public void abortConnection() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
            lost(connection.get(), "aborted");
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        reconnector.shutdownNow();
        httpThreads.shutdownNow();
    }

    @Override
    public String toString() {
        return "AccountStream[" + name + " " + url + ", apiKey=<redacted>]";
    }
}
