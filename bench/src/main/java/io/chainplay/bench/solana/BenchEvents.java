package io.chainplay.bench.solana;

import io.chainplay.connectors.solana.client.idl.Idl;
import io.chainplay.connectors.solana.client.idl.IdlParser;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The events the decoding benchmarks decode: the real pump.fun TradeEvents and the fare_vault
 * events of the fixtures, each as the bytes of its {@code Program data:} line.
 */
final class BenchEvents {

    static final String PUMP = "6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P";
    static final String FARE_VAULT = "FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe";

    /**
     * One event to decode.
     *
     * @param programId its program
     * @param data its bytes, discriminator first
     * @param expected the fixture's decoded fields
     */
    record Event(String programId, byte[] data, JsonNode expected) {}

    private BenchEvents() {}

    static List<Event> load() {
        JsonNode vectors = json("anchor_event_decode_vectors.json");
        List<Event> events = new ArrayList<>();
        for (JsonNode v : vectors.path("real")) {
            if (v.path("idl_file").asText().equals("pump.idl.2025-04-04_df5013e.json")) {
                events.add(event(PUMP, v));
            }
        }
        for (JsonNode v : vectors.path("derived_fareplay").path("vectors")) {
            events.add(event(FARE_VAULT, v));
        }
        return events;
    }

    static IdlRegistry registry() {
        return IdlRegistry.builder()
                .add(PUMP, idl("pump.idl.2025-04-04_df5013e.json"), 0)
                .add(FARE_VAULT, idl("fare_vault.idl.json"), 0)
                .build();
    }

    static JsonNode idlJson(String programId) {
        return json(
                programId.equals(PUMP)
                        ? "pump.idl.2025-04-04_df5013e.json"
                        : "fare_vault.idl.json");
    }

    private static Event event(String programId, JsonNode vector) {
        String line = vector.path("program_data_line").asText();
        byte[] data = Base64.getDecoder().decode(line.substring("Program data: ".length()));
        return new Event(programId, data, vector.path("expected_decoded"));
    }

    private static Idl idl(String name) {
        return IdlParser.parse(json(name));
    }

    private static JsonNode json(String name) {
        try (InputStream in = BenchEvents.class.getResourceAsStream("/bench/solana/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource /bench/solana/" + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
