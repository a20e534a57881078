package io.chainplay.pipelines.trading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

/**
 * One answer of the daily-trade workflow ({@code wf.trade.results}, JSON written by the StateFun
 * function {@code trade/daily-trade}) as a row of {@code trading.trade_requests}. A Flink POJO.
 */
public class TradeRequestRow {

    /** The rank of each status: a row only moves to an equal or higher one (V6 migration). */
    static final Map<String, Integer> RANKS =
            Map.of(
                    "ACCEPTED", 1,
                    "SUBMITTED", 2,
                    "TIMED_OUT", 3,
                    "FILLED", 4,
                    "REJECTED", 4,
                    "CANCELLED", 4);

    private static final ObjectMapper JSON = new ObjectMapper();

    public String requestId;
    public String player;
    public String day;
    public String status;
    public int statusRank;
    public String reason;
    public Integer code;
    public String market;
    public String side;
    public String qty;
    public String externalId;
    public Long orderId;
    public String filledQty;
    public String avgPrice;
    public String fee;
    public long requestedAt;
    public long updatedAt;

    public TradeRequestRow() {}

    /**
     * Parses one answer.
     *
     * @throws IllegalArgumentException naming what is wrong: not JSON, no request id or player, an
     *     unknown status, a decimal or day that does not parse
     */
    static TradeRequestRow parse(byte[] value) {
        JsonNode json;
        try {
            json = JSON.readTree(value == null ? new byte[0] : value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "not JSON: "
                            + (value == null
                                    ? "null"
                                    : new String(value, StandardCharsets.UTF_8)
                                            .substring(0, Math.min(value.length, 80))));
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        TradeRequestRow row = new TradeRequestRow();
        row.requestId = required(json, "requestId");
        row.player = required(json, "player");
        row.status = required(json, "status");
        Integer rank = RANKS.get(row.status);
        if (rank == null) {
            throw new IllegalArgumentException("unknown status " + row.status);
        }
        row.statusRank = rank;
        row.day = text(json, "day");
        if (row.day != null) {
            LocalDate.parse(row.day); // throws DateTimeParseException (an IllegalArgumentException)
        }
        row.reason = text(json, "reason");
        row.code = json.path("code").isInt() ? json.get("code").intValue() : null;
        row.market = text(json, "market");
        row.side = text(json, "side");
        row.qty = decimal(json, "qty");
        row.externalId = text(json, "externalId");
        row.orderId = json.path("orderId").canConvertToLong() ? json.get("orderId").asLong() : null;
        row.filledQty = decimal(json, "filledQty");
        row.avgPrice = decimal(json, "avgPrice");
        row.fee = decimal(json, "fee");
        if (!json.path("requestedAt").canConvertToLong()
                || !json.path("updatedAt").canConvertToLong()) {
            throw new IllegalArgumentException("requestedAt and updatedAt must be epoch millis");
        }
        row.requestedAt = json.get("requestedAt").asLong();
        row.updatedAt = json.get("updatedAt").asLong();
        return row;
    }

    private static String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String decimal(JsonNode json, String field) {
        String text = text(json, field);
        if (text != null) {
            try {
                new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " is not a decimal: " + text);
            }
        }
        return text;
    }
}
