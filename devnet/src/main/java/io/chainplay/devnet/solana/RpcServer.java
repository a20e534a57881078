package io.chainplay.devnet.solana;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of the node: {@code POST /} with a JSON-RPC request or batch, {@code GET /health}
 * as Agave serves it, and the fault injection of {@link Faults} in front of both.
 *
 * <p>Uses the JDK's {@code com.sun.net.httpserver}, whose defaults need two changes, both system
 * properties read once when the server implementation loads: {@code
 * sun.net.httpserver.maxIdleConnections} (default 200 idle keep-alive connections; more are closed,
 * which a connector with many parallel readers runs into) goes to 4096, and {@code
 * sun.net.httpserver.nodelay} (default false: Nagle's algorithm delays every keep-alive response by
 * the client's delayed ACK, about 40 ms) goes to true. This class sets both before first use unless
 * already set — which only takes effect if nothing in the JVM started a JDK HTTP server earlier;
 * otherwise pass {@code -Dsun.net.httpserver.maxIdleConnections=4096
 * -Dsun.net.httpserver.nodelay=true} on the command line.
 */
final class RpcServer implements AutoCloseable {

    static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "4096");
        }
        // Headers and body go out in separate writes; with Nagle's algorithm on (the JDK's
        // default) each keep-alive request then waits out the client's delayed ACK, ~40 ms.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final RpcMethods methods;
    private final Faults faults;

    RpcServer(String host, int port, RpcMethods methods, Faults faults) throws IOException {
        this.methods = methods;
        this.faults = faults;
        AtomicInteger threads = new AtomicInteger();
        // Unbounded on purpose: a hung (timeout-fault) request must not starve the others.
        this.executor =
                Executors.newCachedThreadPool(
                        runnable -> {
                            Thread thread =
                                    new Thread(
                                            runnable,
                                            "solana-devnet-rpc-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        this.server = HttpServer.create(new InetSocketAddress(host, port), 1_024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(method) && "/health".equals(path)) {
                send(
                        exchange,
                        200,
                        "text/plain; charset=utf-8",
                        "ok".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!"POST".equals(method)) {
                exchange.getResponseHeaders().add("Allow", "POST");
                send(
                        exchange,
                        405,
                        "text/plain; charset=utf-8",
                        "Used HTTP Method is not allowed. POST or OPTIONS is required"
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Faults.Kind fault = faults.draw();
            if (fault != null) {
                switch (fault) {
                    case RATE_LIMIT -> {
                        exchange.getResponseHeaders()
                                .add(
                                        "Retry-After",
                                        Long.toString(
                                                Math.max(1, faults.retryAfter().toSeconds())));
                        send(
                                exchange,
                                429,
                                "application/json; charset=utf-8",
                                ("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":429,\"message\":\"Too"
                                                + " many requests for a specific RPC call\"},\"id\":null}")
                                        .getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    case SERVER_ERROR -> {
                        int status = faults.serverErrorStatus();
                        send(
                                exchange,
                                status,
                                "text/plain; charset=utf-8",
                                (status == 502
                                                ? "Bad Gateway"
                                                : status == 503
                                                        ? "Service Unavailable"
                                                        : "Internal Server Error")
                                        .getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    case SLOW -> sleep(faults.slowDelay().toMillis());
                    case TIMEOUT -> {
                        sleep(faults.hang().toMillis());
                        return; // closed without a response: the client sees a dead connection
                    }
                }
            }
            byte[] response = methods.handle(body);
            send(exchange, 200, "application/json; charset=utf-8", response);
        } catch (RuntimeException e) {
            LOG.warn("Request failed", e);
            throw e;
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: answer (or drop) right away
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
