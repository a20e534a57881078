package io.chainplay.connectors.solana.client.rpc;

import io.chainplay.connectors.solana.client.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON-RPC node for tests on the JDK's HttpServer: each request's parsed body goes to a script
 * that decides the answer (status, headers, body, delay). Records what it was asked.
 */
final class FakeRpcNode implements AutoCloseable {

    /** What to answer. */
    record Reply(
            int status, Map<String, String> headers, String body, long delayMillis, boolean gzip) {
        static Reply ok(String body) {
            return new Reply(200, Map.of(), body, 0, false);
        }

        static Reply status(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, body, 0, false);
        }

        Reply delayed(long millis) {
            return new Reply(status, headers, body, millis, gzip);
        }

        Reply gzipped() {
            return new Reply(status, headers, body, delayMillis, true);
        }
    }

    private final HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    final AtomicInteger count = new AtomicInteger();
    private volatile Function<JsonNode, Reply> script;

    FakeRpcNode(Function<JsonNode, Reply> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    void script(Function<JsonNode, Reply> script) {
        this.script = script;
    }

    /** The URL with an API key in the query string, which must never show up in messages. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rpc/v2?api-key=SECRET-KEY";
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body =
                    Fixtures.tree(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
            count.incrementAndGet();
            requests.add(body);
            requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            Reply reply = script.apply(body);
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.gzip()) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                    gz.write(bytes);
                }
                bytes = zipped.toByteArray();
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    /** {"jsonrpc":"2.0","id":<id>,"result":<resultJson>}. */
    static String result(JsonNode request, String resultJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":"
                + request.get("id")
                + ",\"result\":"
                + resultJson
                + "}";
    }

    static String error(JsonNode request, long code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"id\":"
                + request.get("id")
                + ",\"error\":{\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\"}}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
