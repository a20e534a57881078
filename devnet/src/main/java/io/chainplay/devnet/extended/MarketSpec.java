package io.chainplay.devnet.extended;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One market as the devnet serves and enforces it: the trading rules of {@code tradingConfig}, the
 * Stark settlement parameters of {@code l2Config}, and the market-list JSON it came from.
 *
 * <p>Read from the market-list JSON directly (not through the exchange client's {@code Market}) so
 * that the devnet's checks are its own reading of the documented fields.
 */
public record MarketSpec(
        String name,
        String assetName,
        String collateralAssetName,
        boolean active,
        BigDecimal minOrderSize,
        BigDecimal minOrderSizeChange,
        BigDecimal minPriceChange,
        BigDecimal maxLimitOrderValue,
        BigDecimal maxMarketOrderValue,
        int maxNumOrders,
        BigDecimal limitPriceCap,
        BigDecimal limitPriceFloor,
        BigInteger syntheticId,
        BigInteger collateralId,
        long syntheticResolution,
        long collateralResolution,
        int collateralAssetPrecision,
        BigDecimal initialMarkPrice,
        ObjectNode json) {

    static MarketSpec fromJson(ObjectNode m) {
        JsonNode tc = m.path("tradingConfig");
        JsonNode l2 = m.path("l2Config");
        return new MarketSpec(
                m.path("name").asText(),
                m.path("assetName").asText(),
                m.path("collateralAssetName").asText(),
                m.path("active").asBoolean(),
                dec(tc, "minOrderSize"),
                dec(tc, "minOrderSizeChange"),
                dec(tc, "minPriceChange"),
                dec(tc, "maxLimitOrderValue"),
                dec(tc, "maxMarketOrderValue"),
                tc.path("maxNumOrders").asInt(200),
                dec(tc, "limitPriceCap"),
                dec(tc, "limitPriceFloor"),
                hex(l2.path("syntheticId").asText()),
                hex(l2.path("collateralId").asText()),
                l2.path("syntheticResolution").asLong(),
                l2.path("collateralResolution").asLong(),
                m.path("collateralAssetPrecision").asInt(6),
                dec(m.path("marketStats"), "markPrice"),
                m);
    }

    private static BigDecimal dec(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        if (v.isMissingNode() || v.isNull()) {
            throw new IllegalArgumentException("market JSON lacks " + field);
        }
        return new BigDecimal(v.asText());
    }

    private static BigInteger hex(String s) {
        return new BigInteger(s.startsWith("0x") ? s.substring(2) : s, 16);
    }
}
