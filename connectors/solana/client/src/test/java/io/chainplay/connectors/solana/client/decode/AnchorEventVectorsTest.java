package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.Idl;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.testing.Fixtures;
import io.chainplay.connectors.solana.client.testing.Txs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.chainplay.connectors.solana.client.testing.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every vector of {@code fixtures/solana/anchor_event_decode_vectors.json}: real pump.fun and
 * pump-AMM events (one emitted through a CPI from the OKX router, in a real mainnet transaction)
 * and the FarePlay vectors derived from the real fare_vault IDL.
 */
class AnchorEventVectorsTest {

    private static final JsonNode VECTORS =
            Fixtures.json("solana/anchor_event_decode_vectors.json");

    static Stream<JsonNode> lineVectors() {
        List<JsonNode> vectors = new ArrayList<>();
        VECTORS.get("real")
                .forEach(
                        v -> {
                            if (v.has("program_data_line")) {
                                vectors.add(v);
                            }
                        });
        return vectors.stream();
    }

    static Stream<JsonNode> rpcVectors() {
        List<JsonNode> vectors = new ArrayList<>();
        VECTORS.get("real")
                .forEach(
                        v -> {
                            if (v.has("rpc_file")) {
                                vectors.add(v);
                            }
                        });
        return vectors.stream();
    }

    static Stream<JsonNode> fareplayVectors() {
        List<JsonNode> vectors = new ArrayList<>();
        VECTORS.get("derived_fareplay").get("vectors").forEach(vectors::add);
        return vectors.stream();
    }

    @Test
    void coversEveryVector() {
        assertThat(lineVectors().count() + rpcVectors().count())
                .isEqualTo(VECTORS.get("real").size());
        assertThat(fareplayVectors().count()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineVectors")
    void realProgramDataLines(JsonNode vector) {
        EventDecoder decoder =
                decoder(
                        vector.get("program_id").asText(),
                        "solana/" + vector.get("idl_file").asText());
        byte[] data = programData(vector.get("program_data_line").asText());

        if (vector.has("payload_bytes")) {
            assertThat(data).hasSize(vector.get("payload_bytes").asInt());
        }
        assertThat(HexFormat.of().formatHex(data, 0, 8))
                .isEqualTo(vector.get("discriminator_hex").asText());
        EventDecoder.DecodedPayload payload =
                decoder.decode(vector.get("program_id").asText(), 0, data);
        assertThat(payload.eventName()).isEqualTo(vector.get("event").asText());
        assertJsonEquals(payload.json(), vector.get("expected_decoded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rpcVectors")
    void realTransactions(JsonNode vector) {
        String program = vector.get("program_id").asText();
        TransactionDecoder decoder =
                TransactionDecoder.of(
                        registry(program, "solana/" + vector.get("idl_file").asText()));
        JsonNode result = Fixtures.json("solana/" + vector.get("rpc_file").asText()).get("result");

        TransactionEvents tx = decoder.decodeTransactionResult(result);

        assertThat(tx.status()).isEqualTo(TransactionEvents.Status.DECODED);
        assertThat(tx.failures()).isEmpty();
        assertThat(tx.events()).hasSize(1);
        DecodedEvent event = tx.events().get(0);
        assertThat(event.programId()).isEqualTo(program);
        assertThat(event.eventName()).isEqualTo(vector.get("event").asText());
        assertThat(event.txSignature()).isEqualTo(result.at("/transaction/signatures/0").asText());
        assertThat(event.slot()).isEqualTo(result.get("slot").asLong());
        assertThat(event.blockTime()).isEqualTo(result.get("blockTime").asLong());
        // pump-AMM emits each event twice, logged and by self-CPI: one event comes out.
        assertThat(event.source()).isEqualTo(EventSource.LOG_AND_CPI);
        assertJsonEquals(event.payloadJson(), vector.get("expected_decoded"));
        assertThat(event.payloadJson()).contains("\"ix_name\":\"buy\"");
    }

    @Test
    void cpiEventOfTheRouterTransactionBelongsToTheAmmAtDepthTwo() {
        // JSON3: the OKX router (top-level instruction 7) invokes pump-AMM at depth 2, which logs
        // BuyEvent after its own self-invocations returned (depth 3).
        TransactionDecoder decoder =
                TransactionDecoder.of(registry(Fixtures.PUMP_AMM, Fixtures.PUMP_AMM_IDL));
        TransactionEvents tx =
                decoder.decodeTransactionResult(Fixtures.json(Fixtures.JSON3).get("result"));

        DecodedEvent event = tx.events().get(0);
        assertThat(event.instructionIndex()).isEqualTo(7);
        assertThat(event.eventIndex()).isZero();
        assertThat(event.programName()).isEqualTo("pump_amm");
        assertThat(event.idlVersion()).isEqualTo("pump_amm@0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fareplayVectors")
    void fareplayDerivedVectors(JsonNode vector) {
        EventDecoder decoder = decoder(Fixtures.FARE_VAULT, Fixtures.FARE_VAULT_IDL);
        byte[] data = programData(vector.get("program_data_line").asText());

        assertThat(HexFormat.of().formatHex(data, 0, 8))
                .isEqualTo(vector.get("discriminator_hex").asText());
        EventDecoder.DecodedPayload payload = decoder.decode(Fixtures.FARE_VAULT, 0, data);
        assertThat(payload.eventName()).isEqualTo(vector.get("event").asText());
        assertJsonEquals(payload.json(), vector.get("expected_decoded"));
    }

    @Test
    void fareplayQkRendersAsAnchorsTupleStruct() {
        JsonNode registered =
                fareplayVectors()
                        .filter(v -> v.get("event").asText().equals("TrialRegistered"))
                        .findFirst()
                        .orElseThrow();
        String json =
                decoder(Fixtures.FARE_VAULT, Fixtures.FARE_VAULT_IDL)
                        .decode(
                                Fixtures.FARE_VAULT,
                                0,
                                programData(registered.get("program_data_line").asText()))
                        .json();

        assertThat(json).contains("\"qk\":{\"0\":[[0.5,0.0],[0.5,2.0]]}");
        assertThat(json).contains("\"multiplier\":\"2000000000000000000\"");
    }

    @Test
    void fareplaySampleLogStream() {
        List<String> logs = new ArrayList<>();
        VECTORS.at("/derived_fareplay/sample_log_stream").forEach(l -> logs.add(l.asText()));
        ObjectNode tx =
                Txs.tx(
                        "sig1",
                        List.of("Payer1111111111111111111111111111111111111", Fixtures.FARE_VAULT),
                        List.of(1),
                        logs);

        TransactionEvents events =
                TransactionDecoder.of(registry(Fixtures.FARE_VAULT, Fixtures.FARE_VAULT_IDL))
                        .decode(tx, 42, 1_700_000_000L, 3);

        assertThat(events.failures()).isEmpty();
        assertThat(events.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.eventName()).isEqualTo("TrialResolved");
                            assertThat(e.source()).isEqualTo(EventSource.LOG);
                            assertThat(e.txIndex()).isEqualTo(3);
                            assertThat(e.instructionIndex()).isZero();
                            assertThat(e.eventIndex()).isZero();
                            assertThat(e.blockTime()).isEqualTo(1_700_000_000L);
                        });
    }

    @Test
    void pumpDataLoggedAfterANestedSelfInvocationBelongsToTheOuterFrame() {
        JsonNode vector = VECTORS.get("real").get(1);
        List<String> logs = new ArrayList<>();
        vector.get("context_logs").forEach(l -> logs.add(l.asText()));
        List<String> keys =
                List.of(
                        "Payer1111111111111111111111111111111111111",
                        "ComputeBudget111111111111111111111111111111",
                        "11111111111111111111111111111111",
                        Fixtures.PUMP,
                        "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
        ObjectNode tx = Txs.tx("sig2", keys, List.of(1, 2, 3, 2), logs);
        tx.get("meta").withArray("innerInstructions"); // none recorded in the vector

        TransactionEvents events =
                TransactionDecoder.of(registry(Fixtures.PUMP, Fixtures.PUMP_OLD_IDL))
                        .decode(tx, 0, null, -1);

        assertThat(events.failures()).isEmpty();
        assertThat(events.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.programId()).isEqualTo(Fixtures.PUMP);
                            assertThat(e.instructionIndex()).isEqualTo(2);
                            assertJsonEquals(e.payloadJson(), vector.get("expected_decoded"));
                        });
    }

    static byte[] programData(String line) {
        assertThat(line).startsWith("Program data: ");
        return Base64.getDecoder().decode(line.substring("Program data: ".length()));
    }

    static IdlRegistry registry(String programId, String idlPath) {
        Idl idl = Fixtures.idl(idlPath);
        return IdlRegistry.builder().add(programId, idl, 0).build();
    }

    static EventDecoder decoder(String programId, String idlPath) {
        return EventDecoder.of(registry(programId, idlPath));
    }
}
