package io.chainplay.devnet.extended;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST side: Extended's paths under {@code /api/v1}, answered in its envelope {@code
 * {"status":"OK","data":...}} or {@code {"status":"ERROR","error":{"code","message"}}}, with {@code
 * X-Api-Key} authenticating every {@code /user/} path. Paths and models follow Extended's API
 * documentation (https://api.docs.extended.exchange/) and its Python SDK (x10xchange/python_sdk
 * {@code x10/perpetual/trading_client/*}, {@code x10/utils/http.py}).
 *
 * <p>JDK {@code HttpServer}, as the Solana devnet uses it (see its {@code RpcServer} for the two
 * system properties this relies on, set there before the first server starts).
 */
final class RestServer implements AutoCloseable {

    static final String BASE = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    static {
        // The same two JDK server settings as the Solana devnet's RpcServer, for the same reasons.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Exchange exchange;
    private final Faults faults;

    RestServer(String host, int port, Exchange exchange, Faults faults) throws IOException {
        this.exchange = exchange;
        this.faults = faults;
        AtomicInteger threads = new AtomicInteger();
        this.executor =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t =
                                    new Thread(
                                            r, "extended-devnet-rest-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        this.server = HttpServer.create(new InetSocketAddress(host, port), 1_024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            byte[] body;
            try (InputStream in = http.getRequestBody()) {
                body = in.readAllBytes();
            }
            Faults.Kind fault = faults.drawRequest();
            if (fault == Faults.Kind.SERVER_ERROR) {
                int status = faults.serverErrorStatus();
                send(
                        http,
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
            if (fault == Faults.Kind.SLOW) {
                try {
                    Thread.sleep(faults.slowDelay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ObjectNode response = Exchange.MAPPER.createObjectNode();
            int status = 200;
            try {
                JsonNode data = route(http, body);
                response.put("status", "OK");
                if (data != null) {
                    response.set("data", data);
                }
                if (data instanceof ArrayNode list && isTradesPath(http)) {
                    ObjectNode pagination = response.putObject("pagination");
                    if (list.isEmpty()) {
                        pagination.putNull("cursor");
                    } else {
                        pagination.put("cursor", list.get(list.size() - 1).path("id").asLong());
                    }
                    pagination.put("count", list.size());
                }
            } catch (ApiException e) {
                status = e.code().httpStatus();
                response.put("status", "ERROR");
                ObjectNode error = response.putObject("error");
                error.put("code", e.code().code());
                error.put("message", e.getMessage());
            }
            send(http, status, "application/json", Exchange.MAPPER.writeValueAsBytes(response));
        } catch (RuntimeException e) {
            LOG.warn("Request failed", e);
            throw e;
        }
    }

    private static boolean isTradesPath(HttpExchange http) {
        return http.getRequestURI().getPath().equals(BASE + "/user/trades");
    }

    private JsonNode route(HttpExchange http, byte[] body) {
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getPath();
        Map<String, List<String>> query = query(http.getRequestURI().getRawQuery());
        if (!path.startsWith(BASE + "/")) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such path " + path);
        }
        String p = path.substring(BASE.length());
        if (method.equals("GET") && p.equals("/info/markets")) {
            return exchange.marketsJson(Set.copyOf(query.getOrDefault("market", List.of())));
        }
        if (!p.startsWith("/user/")) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such path " + path);
        }
        Exchange.Account account =
                exchange.authenticate(http.getRequestHeaders().getFirst("X-Api-Key"));
        Set<String> markets = new HashSet<>(query.getOrDefault("market", List.of()));
        switch (method) {
            case "POST" -> {
                if (p.equals("/user/order")) {
                    JsonNode order;
                    try {
                        order = Exchange.MAPPER.readTree(body);
                    } catch (IOException e) {
                        throw new ApiException(
                                ErrorCode.BAD_REQUEST, "Body is not JSON: " + e.getMessage());
                    }
                    if (order == null || !order.isObject()) {
                        throw new ApiException(ErrorCode.BAD_REQUEST, "Body must be a JSON object");
                    }
                    return exchange.placeOrder(account, order);
                }
            }
            case "DELETE" -> {
                if (p.equals("/user/order")) {
                    String externalId = first(query, "externalId");
                    if (externalId == null) {
                        throw new ApiException(ErrorCode.BAD_REQUEST, "externalId is required");
                    }
                    exchange.cancelByExternalId(account, externalId);
                    return null;
                }
                if (p.startsWith("/user/order/")) {
                    exchange.cancel(account, id(p.substring("/user/order/".length())));
                    return null;
                }
            }
            case "GET" -> {
                switch (p) {
                    case "/user/orders" -> {
                        return exchange.openOrders(account, markets);
                    }
                    case "/user/positions" -> {
                        return exchange.positions(account, markets);
                    }
                    case "/user/balance" -> {
                        return exchange.balance(account);
                    }
                    case "/user/account/info" -> {
                        ObjectNode info = Exchange.MAPPER.createObjectNode();
                        info.put("accountId", account.config.accountId());
                        info.put("description", "devnet account");
                        info.put("accountIndex", 0);
                        info.put("status", "ACTIVE");
                        info.put("l2Key", "0x" + account.config.starkPublicKey().toString(16));
                        info.put("l2Vault", account.config.vault());
                        return info;
                    }
                    case "/user/trades" -> {
                        String cursor = first(query, "cursor");
                        String limit = first(query, "limit");
                        ArrayNode list = Exchange.MAPPER.createArrayNode();
                        exchange.trades(
                                        account,
                                        markets,
                                        cursor == null ? null : id(cursor),
                                        limit == null ? 100 : (int) Math.min(id(limit), 1000))
                                .forEach(f -> list.add(Exchange.tradeJson(f)));
                        return list;
                    }
                    default -> {
                        if (p.startsWith("/user/orders/external/")) {
                            return exchange.ordersByExternalId(
                                    account, p.substring("/user/orders/external/".length()));
                        }
                        if (p.startsWith("/user/orders/")) {
                            return exchange.order(
                                    account, id(p.substring("/user/orders/".length())));
                        }
                    }
                }
            }
            default -> {}
        }
        throw new ApiException(ErrorCode.NOT_FOUND, "No such path " + method + " " + path);
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Not a number: " + text);
        }
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Repeated keys stay repeated ({@code market=A&market=B}), as the SDK sends lists. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v =
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static void send(HttpExchange http, int status, String contentType, byte[] body)
            throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
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
