package io.chainplay.bench.api;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator against a real HTTP server: every response shape it must read to its end. */
class OpenLoopTest {

    private static HttpServer server;
    private static final AtomicInteger served = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(
                "/",
                exchange -> {
                    served.incrementAndGet();
                    String path = exchange.getRequestURI().getPath();
                    byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
                    switch (path) {
                        // a fixed Content-Length
                        case "/fixed" -> exchange.sendResponseHeaders(200, body.length);
                        // length 0 means chunked in the JDK server; several chunks follow
                        case "/chunked" -> exchange.sendResponseHeaders(200, 0);
                        case "/close" -> {
                            exchange.getResponseHeaders().set("Connection", "close");
                            exchange.sendResponseHeaders(200, body.length);
                        }
                        case "/slow" -> {
                            sleep(30);
                            exchange.sendResponseHeaders(200, body.length);
                        }
                        default -> exchange.sendResponseHeaders(404, body.length);
                    }
                    try (OutputStream out = exchange.getResponseBody()) {
                        if (path.equals("/chunked")) {
                            for (int i = 0; i < 3; i++) {
                                out.write(body);
                                out.flush();
                            }
                        } else {
                            out.write(body);
                        }
                    }
                });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void readsEveryResponseShapeAndCountsTheFailures() throws Exception {
        String[] paths = {"/fixed", "/chunked", "/close", "/slow", "/missing"};
        int before = served.get();
        OpenLoop.Result result =
                OpenLoop.run(
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                        250,
                        Duration.ofSeconds(2),
                        i -> paths[i % paths.length]);
        assertThat(served.get() - before).isEqualTo(500);
        assertThat(result.latencies().count()).isEqualTo(500);
        // Only the 404s fail: chunked bodies, closed connections and slow answers all complete.
        assertThat(result.errors()).isEqualTo(100);
        // The slow answers overlap, so they took more connections than one, and still 30 ms each.
        assertThat(result.latencies().maxMicros()).isGreaterThanOrEqualTo(30_000);
        assertThat(result.achievedRate()).isGreaterThan(200);
    }

    @Test
    void parsesAResponseOnlyOnceItIsComplete() {
        byte[] chunked =
                ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        for (int n = 0; n < chunked.length; n++) {
            assertThat(OpenLoop.Response.parse(chunked, n)).as("prefix %d", n).isNull();
        }
        assertThat(OpenLoop.Response.parse(chunked, chunked.length))
                .isEqualTo(new OpenLoop.Response(200, false));

        byte[] fixed =
                "HTTP/1.1 503 Unavailable\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                        .getBytes(StandardCharsets.US_ASCII);
        assertThat(OpenLoop.Response.parse(fixed, fixed.length - 1)).isNull();
        assertThat(OpenLoop.Response.parse(fixed, fixed.length))
                .isEqualTo(new OpenLoop.Response(503, true));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
