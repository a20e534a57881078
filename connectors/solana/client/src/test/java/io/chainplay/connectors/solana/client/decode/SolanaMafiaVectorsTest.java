package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.chainplay.connectors.solana.client.testing.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

/** All 9 events of the real solana_mafia IDL, as @coral-xyz/anchor's BorshCoder encoded them. */
class SolanaMafiaVectorsTest {

    static final EventDecoder DECODER =
            AnchorEventVectorsTest.decoder(Fixtures.SOLANA_MAFIA, Fixtures.SOLANA_MAFIA_IDL);

    static Stream<JsonNode> vectors() {
        List<JsonNode> vectors = new ArrayList<>();
        Fixtures.json("solana_mafia/event_vectors_derived.json")
                .get("vectors")
                .forEach(vectors::add);
        return vectors.stream();
    }

    @Test
    void allNineEvents() {
        assertThat(vectors().map(v -> v.get("event").asText()))
                .hasSize(9)
                .containsExactlyInAnyOrderElementsOf(
                        Fixtures.idl(Fixtures.SOLANA_MAFIA_IDL).events().stream()
                                .map(e -> e.name())
                                .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodes(JsonNode vector) {
        byte[] data = AnchorEventVectorsTest.programData(vector.get("program_data_line").asText());

        assertThat(HexFormat.of().formatHex(data, 0, 8))
                .isEqualTo(vector.get("discriminator_hex").asText());
        EventDecoder.DecodedPayload payload = DECODER.decode(Fixtures.SOLANA_MAFIA, 0, data);
        assertThat(payload.eventName()).isEqualTo(vector.get("event").asText());
        assertThat(payload.version().programName()).isEqualTo("solana_mafia");
        assertJsonEquals(payload.json(), vector.get("expected_decoded"));
    }
}
