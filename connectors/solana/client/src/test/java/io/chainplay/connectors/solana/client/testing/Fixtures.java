package io.chainplay.connectors.solana.client.testing;

import io.chainplay.connectors.solana.client.idl.Idl;
import io.chainplay.connectors.solana.client.idl.IdlParser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the copied fixtures ({@code src/test/resources/fixtures}, see its MANIFEST.md). */
public final class Fixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static final String PUMP = "6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P";
    public static final String PUMP_AMM = "pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA";
    public static final String RAYDIUM_CLMM = "CAMMCzo5YL8w4VFF8KVHrK22GGUsp5VTaW7grrKgrWqK";
    public static final String FARE_VAULT = "FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe";
    public static final String SOLANA_MAFIA = "GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU";
    public static final String OKX_ROUTER = "6m2CDdhRgxpH4WjvdzxAYbGxwdGUz5MziiL5jek2kBma";

    public static final String PUMP_OLD_IDL = "solana/pump.idl.2025-04-04_df5013e.json";
    public static final String PUMP_LATEST_IDL = "solana/pump.idl.latest_1b82215.json";
    public static final String PUMP_AMM_IDL = "solana/pump_amm.idl.2025-10-17_3359025.json";
    public static final String RAYDIUM_IDL = "solana/raydium_clmm.idl.legacy.json";
    public static final String FARE_VAULT_IDL = "fareplay/fare_vault.idl.json";
    public static final String SOLANA_MAFIA_IDL = "solana_mafia/solana_mafia.idl.json";

    public static final String JSON1 = "solana/agavesim__JSON1_getTransaction_2cd7QQSByKy6.json";
    public static final String JSON2 = "solana/agavesim__JSON2_getTransaction_5bvyp1nob51M.json";
    public static final String JSON3 = "solana/agavesim__JSON3_getTransaction_2zNeSn8cJpTA.json";

    private Fixtures() {}

    public static String text(String path) {
        return resource("fixtures/" + path);
    }

    /** A test resource outside the fixtures (IDLs written for these tests). */
    public static String resource(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        return tree(text(path));
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Idl idl(String path) {
        return IdlParser.parse(text(path));
    }
}
