package io.chainplay.schemas.casino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/** The derived fare_vault vectors of {@code fixtures/solana/anchor_event_decode_vectors.json}. */
final class FareVaultFixtures {

    private static final JsonNode VECTORS = load();

    private FareVaultFixtures() {}

    /** The vector of one event: program_data_line, discriminator_hex, expected_decoded. */
    static JsonNode vector(String event) {
        for (JsonNode vector : VECTORS.path("derived_fareplay").path("vectors")) {
            if (event.equals(vector.path("event").asText())) {
                return vector;
            }
        }
        throw new IllegalArgumentException("No fixture vector for " + event);
    }

    /** The Borsh bytes after the 8-byte discriminator of a vector's 'Program data' line. */
    static byte[] borsh(JsonNode vector) {
        String line = vector.path("program_data_line").asText();
        byte[] data = Base64.getDecoder().decode(line.substring("Program data: ".length()));
        byte[] fields = new byte[data.length - 8];
        System.arraycopy(data, 8, fields, 0, fields.length);
        return fields;
    }

    private static JsonNode load() {
        try (InputStream in =
                FareVaultFixtures.class.getResourceAsStream(
                        "/fixtures/solana/anchor_event_decode_vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
