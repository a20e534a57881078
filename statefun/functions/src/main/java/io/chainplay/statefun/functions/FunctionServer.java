package io.chainplay.statefun.functions;

import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.statefun.functions.exchange.ExchangeAccounts;
import io.chainplay.statefun.functions.exchange.ExchangeGateway;
import io.chainplay.statefun.functions.exchange.ExtendedGateway;
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

    /** The functions this server serves, trading through {@code exchange}. */
    public static StatefulFunctions functions(
            ExchangeGateway exchange, DailyTradeFn.Settings settings) {
        return new StatefulFunctions().withStatefulFunction(DailyTradeFn.spec(exchange, settings));
    }

    /**
     * The gateway to Extended at {@code baseUrl} (including {@code /api/v1}) for the players in
     * {@code accounts}; {@code domain} is {@code mainnet} or {@code sepolia} (the devnet's).
     */
    public static ExchangeGateway extended(
            String baseUrl, ExchangeAccounts accounts, String domain) {
        Snip12Domain snip12 =
                switch (domain) {
                    case "mainnet" -> Snip12Domain.MAINNET;
                    case "sepolia" -> Snip12Domain.SEPOLIA;
                    default ->
                            throw new IllegalArgumentException(
                                    "exchange domain must be mainnet or sepolia: " + domain);
                };
        return new ExtendedGateway(
                baseUrl,
                accounts,
                SignatureFormat.snip12(snip12),
                ExtendedGateway.Settings.DEFAULT,
                java.time.Clock.systemUTC());
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

    /**
     * Runs the server until the JVM is stopped. Flags (each with an environment variable as
     * default): {@code --port N} (8000), {@code --exchange-url URL} ({@code
     * CHAINPLAY_EXCHANGE_URL}, Extended mainnet), {@code --accounts FILE} ({@code
     * CHAINPLAY_EXCHANGE_ACCOUNTS}; without it every request is rejected "no exchange account"),
     * {@code --exchange-domain mainnet|sepolia} ({@code CHAINPLAY_EXCHANGE_DOMAIN}, mainnet),
     * {@code --fill-timeout-ms N} (30000).
     */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        String url = env("CHAINPLAY_EXCHANGE_URL", "https://api.starknet.extended.exchange/api/v1");
        String accountsFile = env("CHAINPLAY_EXCHANGE_ACCOUNTS", null);
        String domain = env("CHAINPLAY_EXCHANGE_DOMAIN", "mainnet");
        DailyTradeFn.Settings settings = DailyTradeFn.Settings.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = Integer.parseInt(value);
                case "--exchange-url" -> url = value;
                case "--accounts" -> accountsFile = value;
                case "--exchange-domain" -> domain = value;
                case "--fill-timeout-ms" ->
                        settings =
                                new DailyTradeFn.Settings(
                                        java.time.Duration.ofMillis(Long.parseLong(value)),
                                        settings.initialBackoff(),
                                        settings.maxBackoff(),
                                        settings.maxSignAttempts());
                default ->
                        throw new IllegalArgumentException(
                                "Unknown argument "
                                        + flag
                                        + "; use --port, --exchange-url, --accounts,"
                                        + " --exchange-domain, --fill-timeout-ms");
            }
        }
        ExchangeAccounts accounts =
                accountsFile == null
                        ? ExchangeAccounts.none()
                        : ExchangeAccounts.fromFile(java.nio.file.Path.of(accountsFile));
        FunctionServer server = start(port, functions(extended(url, accounts, domain), settings));
        // On stdout too: the logging backend here has no configuration of its own. Players only,
        // never their keys.
        System.out.println(
                "StateFun function server at "
                        + server.url()
                        + ", exchange "
                        + url
                        + ", "
                        + accounts);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "statefun-http-stop"));
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
