package io.chainplay.connectors.solana.client.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares JSON as trees, numbers by value (so 0 equals 0.0 and 1e2 equals 100). */
public final class JsonAssert {

    private static final Comparator<JsonNode> NUMERIC =
            (a, b) -> {
                if (a.isNumber() && b.isNumber()) {
                    return a.decimalValue().compareTo(b.decimalValue());
                }
                return a.equals(b) ? 0 : 1;
            };

    private JsonAssert() {}

    public static void assertJsonEquals(String actualJson, JsonNode expected) {
        JsonNode actual = Fixtures.tree(actualJson);
        assertThat(actual.equals(NUMERIC, expected))
                .as("decoded %s%nexpected %s", actual, expected)
                .isTrue();
    }
}
