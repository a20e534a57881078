package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.Idl;
import io.chainplay.connectors.solana.client.idl.IdlParser;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.chainplay.connectors.solana.client.testing.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pump.fun's TradeEvent grew from 10 fields (IDL @ df5013e) to 32 (IDL @ 1b82215): the slot picks
 * the version, and the wrong version fails loudly instead of reading zeros.
 */
class PumpIdlVersionsTest {

    static final long NEW_LAYOUT_FROM = 370_000_000L; // any slot after the 2024 vectors
    static final JsonNode OLD_TRADE =
            Fixtures.json("solana/anchor_event_decode_vectors.json").get("real").get(0);

    static byte[] oldTrade() {
        return AnchorEventVectorsTest.programData(OLD_TRADE.get("program_data_line").asText());
    }

    static IdlRegistry twoVersions() {
        return IdlRegistry.builder()
                .add(Fixtures.PUMP, Fixtures.idl(Fixtures.PUMP_OLD_IDL), 0, null, "pump-2025-04")
                .add(
                        Fixtures.PUMP,
                        Fixtures.idl(Fixtures.PUMP_LATEST_IDL),
                        NEW_LAYOUT_FROM,
                        null,
                        "pump-latest")
                .build();
    }

    @Test
    void oldEventWithTheNewIdlFailsLoudly() {
        EventDecoder latest =
                AnchorEventVectorsTest.decoder(Fixtures.PUMP, Fixtures.PUMP_LATEST_IDL);

        assertThatThrownBy(() -> latest.decode(Fixtures.PUMP, 0, oldTrade()))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.TOO_SHORT))
                .hasMessageStartingWith(
                        "TradeEvent: 129 bytes but the layout of IDL version 'pump@0' needs at least");
    }

    @Test
    void theSlotPicksTheVersion() {
        EventDecoder decoder = EventDecoder.of(twoVersions());

        EventDecoder.DecodedPayload payload =
                decoder.decode(Fixtures.PUMP, 309_000_000L, oldTrade());
        assertThat(payload.version().label()).isEqualTo("pump-2025-04");
        assertJsonEquals(payload.json(), OLD_TRADE.get("expected_decoded"));

        assertThatThrownBy(() -> decoder.decode(Fixtures.PUMP, NEW_LAYOUT_FROM, oldTrade()))
                .hasMessageContaining("IDL version 'pump-latest'");
    }

    @Test
    void newEventWithTheOldIdlHasTrailingBytes() {
        // The 10 old fields, then the 22 that were added: the old IDL must not stop at byte 129.
        byte[] old = oldTrade();
        byte[] longer = java.util.Arrays.copyOf(old, old.length + 200);

        assertThatThrownBy(
                        () ->
                                AnchorEventVectorsTest.decoder(Fixtures.PUMP, Fixtures.PUMP_OLD_IDL)
                                        .decode(Fixtures.PUMP, 0, longer))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.TRAILING_BYTES))
                .hasMessageContaining("200 bytes left over after TradeEvent");
    }

    @Test
    void ammEventShorterThanAGrownLayoutFails() {
        // pump_amm's later IDL appends 4 u64 fields to BuyEvent; @coral-xyz/anchor then silently
        // returns "0" for them. Append them to the real IDL and decode the real 408-byte event.
        ObjectNode idl = (ObjectNode) Fixtures.json(Fixtures.PUMP_AMM_IDL);
        for (JsonNode type : idl.get("types")) {
            if (type.get("name").asText().equals("BuyEvent")) {
                ArrayNode fields = (ArrayNode) type.get("type").get("fields");
                for (String name : new String[] {"a", "b", "c", "d"}) {
                    fields.addObject().put("name", "added_" + name).put("type", "u64");
                }
            }
        }
        Idl grown = IdlParser.parse(idl);
        EventDecoder decoder =
                EventDecoder.of(IdlRegistry.builder().add(Fixtures.PUMP_AMM, grown, 0).build());
        TransactionDecoder transactions = new TransactionDecoder(decoder);

        TransactionEvents tx =
                transactions.decodeTransactionResult(Fixtures.json(Fixtures.JSON2).get("result"));

        assertThat(tx.events()).isEmpty();
        assertThat(tx.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.TOO_SHORT);
                            // 408 - 3 (the string 'buy' counts as its empty minimum) + 4 * 8
                            assertThat(f.reason())
                                    .startsWith(
                                            "BuyEvent: 408 bytes but the layout of IDL version 'pump_amm@0' needs at least 437");
                            assertThat(f.rawData()).hasSize(408);
                            assertThat(f.programId()).isEqualTo(Fixtures.PUMP_AMM);
                            assertThat(f.instructionIndex()).isEqualTo(1);
                            assertThat(f.eventIndex()).isZero();
                        });
    }
}
