package io.chainplay.devnet.extended;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The markets the devnet knows: Extended's recorded BTC-USD entry (copied unchanged from the
 * fixtures, see MANIFEST.md beside it) and markets derived from it by the same conventions.
 *
 * <p>A derived market keeps BTC-USD's structure and risk settings and changes what the conventions
 * tie together: the synthetic asset id is the ASCII of {@code <ASSET>-<d>} left-aligned in 15
 * bytes, where 10^d is the synthetic resolution (BTC-USD: {@code "BTC-6"} and 10^6); the size step
 * is 10^-assetPrecision and the minimum size ten steps, as on BTC-USD.
 */
public final class Markets {

    static final String RESOURCE = "extended_api_markets_btc_usd_response.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Markets() {}

    /** The recorded BTC-USD market. */
    public static MarketSpec btcUsd() {
        try (InputStream in = Markets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            ObjectNode root =
                    (ObjectNode)
                            MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return MarketSpec.fromJson((ObjectNode) root.path("data").get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A market derived from BTC-USD: {@code asset}-USD with synthetic resolution 10^{@code
     * resolutionDigits}, size step 10^-{@code assetPrecision}, price tick {@code tick} and a mark
     * price near {@code markPrice}.
     */
    public static MarketSpec derive(
            String asset, int resolutionDigits, int assetPrecision, String tick, String markPrice) {
        MarketSpec btc = btcUsd();
        ObjectNode m = btc.json().deepCopy();
        m.put("name", asset + "-USD");
        m.put("assetName", asset);
        m.put("assetPrecision", assetPrecision);
        BigDecimal step = BigDecimal.ONE.movePointLeft(assetPrecision);
        ObjectNode tc = (ObjectNode) m.get("tradingConfig");
        tc.put("minOrderSize", step.multiply(BigDecimal.TEN).stripTrailingZeros().toPlainString());
        tc.put("minOrderSizeChange", step.toPlainString());
        tc.put("minPriceChange", tick);
        ObjectNode stats = (ObjectNode) m.get("marketStats");
        for (String f :
                new String[] {"lastPrice", "askPrice", "bidPrice", "markPrice", "indexPrice"}) {
            stats.put(f, markPrice);
        }
        ObjectNode l2 = (ObjectNode) m.get("l2Config");
        l2.put("syntheticId", "0x" + syntheticId(asset, resolutionDigits).toString(16));
        l2.put("syntheticResolution", BigInteger.TEN.pow(resolutionDigits).longValueExact());
        return MarketSpec.fromJson(m);
    }

    /**
     * {@code "<ASSET>-<d>"} as ASCII, left-aligned in 15 bytes (BTC-USD's 0x4254432d36 + zeros).
     */
    static BigInteger syntheticId(String asset, int resolutionDigits) {
        byte[] text = (asset + "-" + resolutionDigits).getBytes(StandardCharsets.US_ASCII);
        if (text.length > 15) {
            throw new IllegalArgumentException("asset name too long for a synthetic id: " + asset);
        }
        byte[] padded = new byte[15];
        System.arraycopy(text, 0, padded, 0, text.length);
        return new BigInteger(1, padded);
    }

    /** The default set: BTC-USD as recorded and a derived ETH-USD (10^4 resolution, 0.001 step). */
    static Map<String, MarketSpec> defaults() {
        Map<String, MarketSpec> all = new LinkedHashMap<>();
        MarketSpec btc = btcUsd();
        all.put(btc.name(), btc);
        MarketSpec eth = derive("ETH", 4, 3, "0.01", "3400.00");
        all.put(eth.name(), eth);
        return all;
    }
}
