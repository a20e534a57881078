package io.chainplay.statefun.functions;

import io.chainplay.statefun.functions.trade.DailyTradeFn;

import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.handler.RequestReplyHandler;
import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves the Chainplay stateful functions to the StateFun runtime over HTTP at {@code /statefun}.
 *
 * <p>The JDK's own {@link HttpServer} rather than Undertow (the StateFun playground's choice): it
 * needs no dependency, and this server only ever talks to the runtime. Its one trap is met here:
 * the JDK server keeps at most 200 idle connections by default ({@code
 * sun.net.httpserver.maxIdleConnections}) and closes the others, while the runtime's HTTP client
 * pools more than that under load and then fails requests on closed connections. The property is
 * read once when the JDK's server classes load, so it is set in this class's static initializer,
 * before any server is created, unless the command line set it already.
 *
 * <pre>{@code
 * java -cp ... io.chainplay.statefun.functions.FunctionServer --port 8000
 * }</pre>
 */
public final class FunctionServer implements AutoCloseable {

    /** The path the runtime's module.yaml points its HTTP endpoint at. */
    public static final String PATH = "/statefun";

    public static final int DEFAULT_PORT = 8000;

    private static final Logger LOG = LoggerFactory.getLogger(FunctionServer.class);

    static {
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private FunctionServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** The functions this server serves. */
    public static StatefulFunctions functions() {
        return new StatefulFunctions().withStatefulFunction(DailyTradeFn.SPEC);
    }

    /** Starts serving {@link #functions()}; port 0 picks a free port. */
    public static FunctionServer start(int port) {
        return start(port, functions());
    }

    public static FunctionServer start(int port, StatefulFunctions functions) {
        RequestReplyHandler handler = functions.requestReplyHandler();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(8, daemonThreads());
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> handle(handler, exchange));
        server.start();
        LOG.info(
                "StateFun function server at http://localhost:{}{} serving {}",
                server.getAddress().getPort(),
                PATH,
                functions.functionSpecs().keySet());
        return new FunctionServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL the runtime's module.yaml needs as endpoint. */
    public String url() {
        return "http://localhost:" + port() + PATH;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void handle(RequestReplyHandler handler, HttpExchange exchange)
            throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            Slice reply;
            try {
                // The handler completes on this thread unless a function goes async; this pool
                // thread waits for it either way, as the runtime waits for the reply anyway.
                reply = handler.handle(Slices.wrap(request)).join();
            } catch (RuntimeException e) {
                // The runtime retries the batch until its call timeout, then fails the job.
                LOG.error("Function invocation failed", e);
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            byte[] body = reply.toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "statefun-http");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs the server until the JVM is stopped. Flags: {@code --port N} (default 8000). */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException(
                        "Unknown argument " + args[i] + "; use --port N");
            }
        }
        FunctionServer server = start(port);
        // On stdout too: the logging backend here has no configuration of its own.
        System.out.println("StateFun function server at " + server.url());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "statefun-http-stop"));
        Thread.currentThread().join();
    }
}
