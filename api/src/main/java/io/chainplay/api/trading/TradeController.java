package io.chainplay.api.trading;

import io.chainplay.api.ApiException;
import io.chainplay.api.Pages;
import io.chainplay.api.auth.Caller;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/trades}: the signed-in player asks for their daily trade. The request goes to
 * the StateFun daily-trade workflow ({@code wf.trade.requests}, keyed by the wallet), which decides
 * and places it; this endpoint only validates and queues, and answers {@code 202}.
 *
 * <p>The player is always the token's wallet, never the body's (a body {@code player} is ignored),
 * so nobody can spend another player's trade of the day. {@code AuthFilter} guards the route and
 * applies the per-wallet rate limit.
 */
@RestController
@Tag(name = "trading")
class TradeController {

    static final Set<String> SIDES = Set.of("BUY", "SELL");
    // A positive decimal the trading tables can hold: numeric(40,16), no sign, no exponent.
    static final Pattern QTY = Pattern.compile("[0-9]{1,24}(\\.[0-9]{1,16})?");
    // Client-chosen idempotency keys: short and plain, so they log and key safely.
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final TradeRequestPublisher publisher;
    private final TradingRepository repository;
    private final JsonMapper json;

    TradeController(
            TradeRequestPublisher publisher, TradingRepository repository, JsonMapper json) {
        this.publisher = publisher;
        this.repository = repository;
        this.json = json;
    }

    /**
     * The body of {@code POST /api/trades}.
     *
     * @param market e.g. BTC-USD
     * @param side BUY or SELL
     * @param qty a positive decimal string, at most 24 integer and 16 fraction digits
     * @param requestId optional idempotency key; a UUID is generated when absent
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TradeBody(String market, String side, String qty, String requestId) {}

    @PostMapping("/api/trades")
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Request the signed-in player's daily trade (queued, answered 202)",
            description =
                    "Body {market, side: BUY|SELL, qty: decimal string, requestId?}. The request is"
                            + " queued for the daily-trade workflow on wf.trade.requests (keyed by"
                            + " the token's wallet) and answered 202 {requestId, player, status:"
                            + " SUBMITTED} once Kafka has it; 503 trade_queue_unavailable when it"
                            + " does not within the timeout (retry with the same requestId: a"
                            + " repeated id gets the same answer). The fill arrives on WebSocket"
                            + " /ws, channel player:<wallet>, as trade.filled and"
                            + " position.updated.")
    ResponseEntity<Map<String, Object>> submit(
            @RequestBody TradeBody body, HttpServletRequest request) {
        String player = Caller.of(request).wallet();
        if (body == null) {
            throw ApiException.badRequest("invalid_request", "A JSON body is required");
        }
        if (body.market() == null) {
            throw ApiException.badRequest("invalid_market", "Field 'market' is required");
        }
        TradingController.requireMarket(body.market());
        if (body.side() == null || !SIDES.contains(body.side())) {
            throw ApiException.badRequest(
                    "invalid_side", "Field 'side' must be BUY or SELL, got " + shown(body.side()));
        }
        if (body.qty() == null
                || !QTY.matcher(body.qty()).matches()
                || body.qty().chars().noneMatch(c -> c >= '1' && c <= '9')) {
            throw ApiException.badRequest(
                    "invalid_qty",
                    "Field 'qty' must be a positive decimal string (at most 24 integer and 16"
                            + " fraction digits), got "
                            + shown(body.qty()));
        }
        if (body.requestId() != null && !REQUEST_ID.matcher(body.requestId()).matches()) {
            throw ApiException.badRequest(
                    "invalid_request_id",
                    "Field 'requestId' must be 1 to 64 of A-Z a-z 0-9 . _ : -, got "
                            + shown(body.requestId()));
        }
        String requestId =
                body.requestId() != null ? body.requestId() : UUID.randomUUID().toString();

        // Exactly the workflow's TradeRequest (statefun/functions), in its field order.
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("requestId", requestId);
        message.put("player", player);
        message.put("market", body.market());
        message.put("side", body.side());
        message.put("qty", body.qty());
        publisher.send(player, json.writeValueAsString(message));

        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("requestId", requestId);
        reply.put("player", player);
        reply.put("status", "SUBMITTED");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(reply);
    }

    @GetMapping("/api/me/trades")
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "The signed-in player's daily-trade requests, newest first",
            description =
                    "Each request with the furthest status the workflow reported (ACCEPTED,"
                            + " SUBMITTED, TIMED_OUT, FILLED, REJECTED, CANCELLED), its reason,"
                            + " the order it placed and its fills' quantity, average price and"
                            + " fee. A request appears once the workflow has answered it.")
    Map<String, Object> mine(
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit,
            HttpServletRequest request) {
        String player = Caller.of(request).wallet();
        Pages.limit(limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("player", player);
        out.put("requests", repository.tradeRequests(player, limit));
        return out;
    }

    @GetMapping("/api/me/trades/{requestId}")
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "One of the signed-in player's daily-trade requests",
            description =
                    "404 trade_request_not_found until the workflow has answered it, or when it"
                            + " is another player's.")
    Map<String, Object> one(@PathVariable String requestId, HttpServletRequest request) {
        String player = Caller.of(request).wallet();
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw ApiException.badRequest(
                    "invalid_request_id",
                    "A request id is 1 to 64 of A-Z a-z 0-9 . _ : -, got "
                            + ApiException.quote(requestId));
        }
        return repository
                .tradeRequest(player, requestId)
                .orElseThrow(
                        () ->
                                ApiException.notFound(
                                        "trade_request_not_found",
                                        "No answer yet for request "
                                                + ApiException.quote(requestId)
                                                + " of this player"));
    }

    private static String shown(String value) {
        return value == null ? "nothing" : ApiException.quote(value);
    }
}
