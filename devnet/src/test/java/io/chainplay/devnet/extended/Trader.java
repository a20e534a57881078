package io.chainplay.devnet.extended;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.order.CreateOrderBody;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.OrderSigner;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A client as a player's trading service would be: signs with our signer, talks plain HTTP. */
final class Trader {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong NONCES = new AtomicLong(1_000);

    final ExtendedAccount account;
    final String baseUrl;
    private final OrderSigner signer;

    Trader(
            String baseUrl,
            String apiKey,
            long vault,
            String privateKeyHex,
            SignatureFormat format,
            Clock clock) {
        this.baseUrl = baseUrl;
        this.account = new ExtendedAccount(apiKey, vault, StarkPrivateKey.fromHex(privateKeyHex));
        Response markets = get("/info/markets");
        this.signer =
                OrderSigner.builder()
                        .markets(Markets.fromApiResponse(markets.json.toString()))
                        .account(account)
                        .format(format)
                        .clock(clock)
                        .build();
    }

    Trader(String baseUrl, String apiKey, long vault, String privateKeyHex) {
        this(
                baseUrl,
                apiKey,
                vault,
                privateKeyHex,
                SignatureFormat.snip12(Snip12Domain.SEPOLIA),
                Clock.systemUTC());
    }

    static String publicKeyHex(String privateKeyHex) {
        return StarkPrivateKey.fromHex(privateKeyHex).publicKeyHex();
    }

    /** A signed create-order body: GTT limit order expiring in an hour, a fresh nonce. */
    ObjectNode order(String market, OrderSide side, String qty, String price, String externalId) {
        return order(
                market,
                side,
                qty,
                price,
                externalId,
                Instant.now().plus(Duration.ofHours(1)),
                NONCES.incrementAndGet());
    }

    ObjectNode order(
            String market,
            OrderSide side,
            String qty,
            String price,
            String externalId,
            Instant expiry,
            long nonce) {
        OrderRequest request =
                new OrderRequest(
                        market,
                        side,
                        new BigDecimal(qty),
                        new BigDecimal(price),
                        new BigDecimal("0.0005"),
                        expiry,
                        nonce);
        return CreateOrderBody.of(signer.sign(request)).externalId(externalId).toJsonTree();
    }

    Response place(JsonNode body) {
        return send(
                HttpRequest.newBuilder(uri("/user/order"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            request.header("X-Api-Key", account.apiKey())
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = MAPPER.readTree(r.body());
            } catch (IOException e) {
                json = null; // e.g. a gateway's plain-text 5xx
            }
            return new Response(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, JsonNode json, String body) {
        JsonNode data() {
            return json.path("data");
        }

        int errorCode() {
            return json.path("error").path("code").asInt();
        }
    }
}
