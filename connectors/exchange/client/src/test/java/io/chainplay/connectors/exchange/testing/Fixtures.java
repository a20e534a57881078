package io.chainplay.connectors.exchange.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Reads the copied fixtures ({@code src/test/resources/fixtures}, see its MANIFEST.md). */
public final class Fixtures {

    public static final String VECTORS = "extended/extended_x10_order_signing_vectors.json";
    public static final String MARKETS = "extended/extended_api_markets_btc_usd_response.json";
    public static final String STARKEX_SIGNATURES =
            "stark/starkex-resources__signature_test_data.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    public static String text(String path) {
        try (InputStream in =
                Fixtures.class.getClassLoader().getResourceAsStream("fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return MAPPER.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture number: JSON integer, decimal string or 0x-hex string. */
    public static BigInteger big(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("missing fixture value");
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        String t = node.asText();
        return t.startsWith("0x") || t.startsWith("0X")
                ? new BigInteger(t.substring(2), 16)
                : new BigInteger(t);
    }
}
