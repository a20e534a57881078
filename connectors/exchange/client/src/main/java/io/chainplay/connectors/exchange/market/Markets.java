package io.chainplay.connectors.exchange.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The markets an order can name, read from Extended's market list ({@code GET
 * /api/v1/info/markets}: {@code {"status":"OK","data":[market...]}}).
 *
 * <p>Only what signing and order checks need is kept; stats and risk tiers are ignored. Numbers are
 * read from their text so that decimals like {@code "0.00001"} stay exact.
 */
public final class Markets {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Market> byName;

    private Markets(Map<String, Market> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static Markets of(Market... markets) {
        Map<String, Market> m = new LinkedHashMap<>();
        for (Market market : markets) {
            m.put(market.name(), market);
        }
        return new Markets(m);
    }

    /**
     * Parses a markets response body.
     *
     * @throws IllegalArgumentException naming the market and field that is missing or malformed
     */
    public static Markets fromApiResponse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "markets response is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !"OK".equals(root.path("status").asText())) {
            throw new IllegalArgumentException(
                    "markets response status is not OK: "
                            + (root == null ? "empty" : root.path("status")));
        }
        JsonNode data = root.path("data");
        if (!data.isArray()) {
            throw new IllegalArgumentException("markets response has no 'data' array");
        }
        Map<String, Market> m = new LinkedHashMap<>();
        for (JsonNode node : data) {
            Market market = parse(node);
            m.put(market.name(), market);
        }
        return new Markets(m);
    }

    /**
     * @throws UnknownMarketException listing the markets that are known
     */
    public Market get(String name) {
        Market market = byName.get(name);
        if (market == null) {
            throw new UnknownMarketException(name, byName.keySet());
        }
        return market;
    }

    public Map<String, Market> all() {
        return byName;
    }

    private static Market parse(JsonNode n) {
        String name = text(n, "name", "market");
        String where = "market " + name;
        JsonNode tc = n.path("tradingConfig");
        JsonNode l2 = n.path("l2Config");
        return new Market(
                name,
                n.path("assetName").asText(),
                n.path("assetPrecision").asInt(),
                n.path("collateralAssetName").asText(),
                n.path("collateralAssetPrecision").asInt(),
                n.path("active").asBoolean(true),
                new TradingConfig(
                        decimal(tc, "minOrderSize", where),
                        decimal(tc, "minOrderSizeChange", where),
                        decimal(tc, "minPriceChange", where),
                        decimal(tc, "maxLimitOrderValue", where)),
                new L2Config(
                        l2.path("type").asText(),
                        hex(l2, "collateralId", where),
                        hex(l2, "syntheticId", where),
                        integer(l2, "syntheticResolution", where),
                        integer(l2, "collateralResolution", where)));
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isValueNode() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(where + " has no '" + field + "'");
        }
        return v.asText();
    }

    private static BigDecimal decimal(JsonNode n, String field, String where) {
        String t = text(n, field, where + " tradingConfig");
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    where + " tradingConfig." + field + " is not a number: '" + t + "'");
        }
    }

    private static BigInteger hex(JsonNode n, String field, String where) {
        String t = text(n, field, where + " l2Config");
        try {
            return t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    where + " l2Config." + field + " is not a hex asset id: '" + t + "'");
        }
    }

    private static long integer(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.canConvertToLong()) {
            throw new IllegalArgumentException(
                    where + " l2Config." + field + " is not an integer: " + v);
        }
        return v.asLong();
    }
}
