package io.chainplay.connectors.exchange.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trades client against a scripted HTTP server: paging, envelope errors, retries. */
class ExtendedRestClientTest {

    static final ExtendedRestClient.Settings FAST =
            new ExtendedRestClient.Settings(
                    Duration.ofMillis(500), 4, Duration.ofMillis(5), Duration.ofMillis(20));

    HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();

    /** Scripted answers, one per request; when empty, the page function answers. */
    final Queue<Answer> script = new ConcurrentLinkedQueue<>();

    Function<String, Answer> pages = q -> new Answer(200, "{\"status\":\"OK\",\"data\":[]}", 0);

    record Answer(int status, String body, long delayMillis) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/user/trades", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange http) throws IOException {
        String query = http.getRequestURI().getQuery();
        queries.add(query);
        keys.add(http.getRequestHeaders().getFirst("X-Api-Key"));
        Answer a = script.poll();
        if (a == null) {
            a = pages.apply(query);
        }
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        http.sendResponseHeaders(a.status(), body.length);
        http.getResponseBody().write(body);
        http.close();
    }

    ExtendedRestClient client() {
        return new ExtendedRestClient(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1", "key-1", FAST);
    }

    /** Ids 1..n served newest first, pages ending before the cursor, as Extended does. */
    static Function<String, Answer> history(int n) {
        return query -> {
            long cursor = Long.MAX_VALUE;
            int limit = 100;
            for (String part : query.split("&")) {
                String[] kv = part.split("=");
                if (kv[0].equals("cursor")) {
                    cursor = Long.parseLong(kv[1]);
                } else if (kv[0].equals("limit")) {
                    limit = Integer.parseInt(kv[1]);
                }
            }
            List<String> items = new ArrayList<>();
            long last = -1;
            for (long id = n; id >= 1 && items.size() < limit; id--) {
                if (id < cursor) {
                    items.add("{\"id\":" + id + "}");
                    last = id;
                }
            }
            String pagination =
                    "{\"cursor\":"
                            + (items.isEmpty() ? "null" : last)
                            + ",\"count\":"
                            + items.size()
                            + "}";
            return new Answer(
                    200,
                    "{\"status\":\"OK\",\"data\":["
                            + String.join(",", items)
                            + "],\"pagination\":"
                            + pagination
                            + "}",
                    0);
        };
    }

    @Test
    void pagesFollowTheCursorNewestFirstUntilEmpty() throws Exception {
        pages = history(25);
        ExtendedRestClient client = client();
        List<Long> ids = new ArrayList<>();
        Long cursor = null;
        int calls = 0;
        TradesPage page;
        do {
            page = client.trades(cursor, 10);
            page.trades().forEach(t -> ids.add(t.path("id").asLong()));
            cursor = page.cursor();
            calls++;
        } while (page.hasMore());

        assertThat(ids).hasSize(25).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(ids.get(0)).isEqualTo(25);
        assertThat(calls).isEqualTo(4); // 10, 10, 5, then the empty page with a null cursor
        assertThat(queries)
                .containsExactly(
                        "limit=10", "limit=10&cursor=16", "limit=10&cursor=6", "limit=10&cursor=1");
        assertThat(keys).containsOnly("key-1");
    }

    @Test
    void serverErrorsAndTimeoutsAreRetried() throws Exception {
        pages = history(3);
        script.add(new Answer(503, "Service Unavailable", 0));
        script.add(new Answer(502, "<html>Bad Gateway</html>", 0));
        script.add(new Answer(200, "{}", 1_500)); // longer than the 500 ms request timeout
        ExtendedRestClient client = client();

        TradesPage page = client.trades(null, 100);

        assertThat(page.trades()).hasSize(3);
        assertThat(client.retries()).isEqualTo(3);
    }

    @Test
    void retriesEndAfterMaxAttemptsWithTheLastFailure() {
        for (int i = 0; i < 4; i++) {
            script.add(new Answer(500, "Internal Server Error", 0));
        }
        assertThatThrownBy(() -> client().trades(null, 100))
                .isInstanceOf(ExtendedApiException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("Internal Server Error");
        assertThat(queries).hasSize(4);
    }

    @Test
    void anErrorEnvelopeIsThrownAtOnceWithItsCode() {
        script.add(
                new Answer(
                        401,
                        "{\"status\":\"ERROR\",\"error\":{\"code\":401,\"message\":\"Invalid API key\"}}",
                        0));
        assertThatThrownBy(() -> client().trades(null, 100))
                .isInstanceOfSatisfying(
                        ExtendedApiException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(401);
                            assertThat(e.code()).isEqualTo(401);
                        })
                .hasMessageContaining("Invalid API key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("key-1"));
        assertThat(queries).hasSize(1); // not retried
    }

    @Test
    void anOkStatusWithAnErrorBodyOrNoDataIsRefused() {
        // Served by the page function rather than the one-shot script, so that whatever request
        // the JDK client makes gets the same answer.
        pages =
                q ->
                        new Answer(
                                200,
                                "{\"status\":\"ERROR\",\"error\":{\"code\":1006,\"message\":\"nope\"}}",
                                0);
        assertThatThrownBy(() -> client().trades(null, 100))
                .isInstanceOf(ExtendedApiException.class)
                .hasMessageContaining("code 1006");
        pages = q -> new Answer(200, "{\"status\":\"OK\"}", 0);
        assertThatThrownBy(() -> client().trades(null, 100)).hasMessageContaining("no data array");
        pages = q -> new Answer(200, "not json", 0);
        assertThatThrownBy(() -> client().trades(null, 100))
                .hasMessageContaining("not Extended's JSON envelope");
    }

    @Test
    void limitIsChecked() {
        assertThatThrownBy(() -> client().trades(null, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> client().trades(null, 1001)).hasMessageContaining("limit");
    }
}
