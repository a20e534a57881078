package io.chainplay.connectors.exchange.rest;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.order.CreateOrderBody;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.OrderSigner;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.connectors.exchange.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Placing, finding and cancelling orders against a scripted server speaking Extended's envelope
 * (https://api.docs.extended.exchange/#create-or-edit-order, #get-orders-by-external-id,
 * #cancel-order-by-external-id): the body sent is the signed body, and a refusal of a repeated
 * order is resolved by looking the external id up.
 */
class ExtendedRestClientOrdersTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ExtendedRestClient.Settings FAST =
            new ExtendedRestClient.Settings(
                    Duration.ofMillis(500), 3, Duration.ofMillis(5), Duration.ofMillis(20));

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final Queue<String[]> script = new ConcurrentLinkedQueue<>(); // {status, body}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange http) throws IOException {
        requests.add(http.getRequestMethod() + " " + http.getRequestURI());
        bodies.add(new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] a = script.poll();
        byte[] body = (a == null ? "{\"status\":\"OK\"}" : a[1]).getBytes(StandardCharsets.UTF_8);
        http.sendResponseHeaders(a == null ? 200 : Integer.parseInt(a[0]), body.length);
        http.getResponseBody().write(body);
        http.close();
    }

    ExtendedRestClient client() {
        return new ExtendedRestClient(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1", "key-1", FAST);
    }

    static CreateOrderBody signedBody(String externalId) {
        JsonNode account = Fixtures.json(Fixtures.VECTORS).path("account");
        OrderSigner signer =
                OrderSigner.builder()
                        .markets(Markets.fromApiResponse(Fixtures.text(Fixtures.MARKETS)))
                        .account(
                                new ExtendedAccount(
                                        "key-1",
                                        account.path("vault").asLong(10002),
                                        StarkPrivateKey.fromHex(
                                                account.path("private_key").asText())))
                        .format(SignatureFormat.snip12(Snip12Domain.SEPOLIA))
                        .build();
        return CreateOrderBody.of(
                        signer.sign(
                                new OrderRequest(
                                        "BTC-USD",
                                        OrderSide.BUY,
                                        new BigDecimal("0.001"),
                                        new BigDecimal("64000.0"),
                                        new BigDecimal("0.0005"),
                                        Instant.now().plus(Duration.ofHours(1)),
                                        42)))
                .externalId(externalId);
    }

    @Test
    void createOrderPostsTheSignedBodyAndReadsTheOrderId() throws Exception {
        CreateOrderBody body = signedBody("ext-1");
        script.add(
                new String[] {
                    "200", "{\"status\":\"OK\",\"data\":{\"id\":1234,\"externalId\":\"ext-1\"}}"
                });

        ExtendedRestClient.PlacedOrder placed = client().createOrder(body);

        assertThat(placed).isEqualTo(new ExtendedRestClient.PlacedOrder(1234, "ext-1"));
        assertThat(requests).containsExactly("POST /api/v1/user/order");
        assertThat(JSON.readTree(bodies.get(0))).isEqualTo(body.toJsonTree());
    }

    @Test
    void aServerErrorIsRetriedWithTheSameBody() throws Exception {
        script.add(new String[] {"503", "Service Unavailable"});
        script.add(
                new String[] {
                    "200", "{\"status\":\"OK\",\"data\":{\"id\":7,\"externalId\":\"ext-2\"}}"
                });

        assertThat(client().createOrder(signedBody("ext-2")).orderId()).isEqualTo(7);
        assertThat(requests).hasSize(2);
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
    }

    @Test
    void aRefusedRepeatOfAnOrderThatExistsIsThatOrder() throws Exception {
        // The first attempt placed the order but its answer was lost; the exchange refuses the
        // repeat (duplicate nonce), and the order is found under its external id.
        script.add(
                new String[] {
                    "400",
                    "{\"status\":\"ERROR\",\"error\":{\"code\":1134,\"message\":\"Duplicate"
                            + " Order.\"}}"
                });
        script.add(
                new String[] {
                    "200",
                    "{\"status\":\"OK\",\"data\":[{\"id\":99,\"externalId\":\"ext-3\","
                            + "\"status\":\"FILLED\"}]}"
                });

        assertThat(client().createOrder(signedBody("ext-3")))
                .isEqualTo(new ExtendedRestClient.PlacedOrder(99, "ext-3"));
        assertThat(requests)
                .containsExactly(
                        "POST /api/v1/user/order", "GET /api/v1/user/orders/external/ext-3");
    }

    @Test
    void aRefusalWithNoSuchOrderIsThrownWithItsCode() {
        script.add(
                new String[] {
                    "400",
                    "{\"status\":\"ERROR\",\"error\":{\"code\":1101,\"message\":\"Invalid StarkEx"
                            + " signature\"}}"
                });
        script.add(new String[] {"200", "{\"status\":\"OK\",\"data\":[]}"});

        assertThatThrownBy(() -> client().createOrder(signedBody("ext-4")))
                .isInstanceOfSatisfying(
                        ExtendedApiException.class,
                        e -> assertThat(e.getMessage()).contains("Invalid StarkEx signature"))
                .hasMessageContaining("1101");
    }

    @Test
    void cancelAndLookupUseTheEncodedExternalId() throws Exception {
        script.add(new String[] {"200", "{\"status\":\"OK\"}"});
        script.add(new String[] {"200", "{\"status\":\"OK\",\"data\":[]}"});

        client().cancelByExternalId("a b/c");
        assertThat(client().orderByExternalId("a b/c")).isEmpty();

        assertThat(requests)
                .containsExactly(
                        "DELETE /api/v1/user/order?externalId=a+b%2Fc",
                        "GET /api/v1/user/orders/external/a%20b%2Fc");
    }
}
