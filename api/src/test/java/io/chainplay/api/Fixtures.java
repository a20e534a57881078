package io.chainplay.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** The shared fixtures copied into {@code src/test/resources/fixtures} (see MANIFEST.md there). */
public final class Fixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {}

    public static JsonNode json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signed SIWS/FarePlay vector of that name. */
    public static JsonNode signedVector(String name) {
        for (JsonNode v : json("siws_signed_vectors_derived.json").path("vectors")) {
            if (v.path("name").asString().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("No signed vector " + name);
    }

    public static JsonNode negativeVector(String name) {
        for (JsonNode v : json("siws_signed_vectors_derived.json").path("negative")) {
            if (v.path("name").asString().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("No negative vector " + name);
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
