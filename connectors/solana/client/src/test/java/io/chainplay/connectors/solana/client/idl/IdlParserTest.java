package io.chainplay.connectors.solana.client.idl;

import io.chainplay.connectors.solana.client.testing.Fixtures;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdlParserTest {

    @ParameterizedTest
    @CsvSource({
        "fareplay/fare_vault.idl.json, V0_30, fare_vault, FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe, 12",
        "solana_mafia/solana_mafia.idl.json, V0_30, solana_mafia, GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU, 9",
        "solana/pump.idl.2025-04-04_df5013e.json, V0_30, pump, 6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P, 7",
        "solana/pump.idl.latest_1b82215.json, V0_30, pump, 6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P, 23",
        "solana/pump_amm.idl.2025-10-17_3359025.json, V0_30, pump_amm, pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA, 19",
        "solana/raydium_clmm.idl.legacy.json, LEGACY, amm_v3, , 11"
    })
    void parsesTheRealIdls(
            String path, Idl.Format format, String name, String address, int events) {
        Idl idl = Fixtures.idl(path);

        assertThat(idl.format()).isEqualTo(format);
        assertThat(idl.name()).isEqualTo(name);
        assertThat(idl.address()).isEqualTo(address);
        assertThat(idl.events()).hasSize(events);
        for (IdlEvent event : idl.events()) {
            assertThat(event.discriminator()).isEqualTo(Discriminators.event(event.name()));
        }
    }

    @Test
    void legacyEventsGetComputedDiscriminators() {
        Idl raydium = Fixtures.idl(Fixtures.RAYDIUM_IDL);

        IdlEvent swap = raydium.event("SwapEvent").orElseThrow();
        assertThat(swap.discriminatorHex()).isEqualTo("40c6cde8260871e2");
        assertThat(swap.fields()).extracting(IdlField::name).startsWith("poolState", "sender");
        assertThat(swap.fields().get(9).type()).isEqualTo(IdlType.Primitive.U128);
        assertThat(raydium.type("TickArryBitmap").orElseThrow().body())
                .isEqualTo(new IdlTypeDef.Alias(IdlType.Array.of(IdlType.Primitive.U64, 8)));
    }

    @Test
    void tupleStructAndNestedTypes() {
        IdlTypeDef qk = Fixtures.idl(Fixtures.FARE_VAULT_IDL).type("QK").orElseThrow();

        IdlTypeDef.Struct struct = (IdlTypeDef.Struct) qk.body();
        assertThat(IdlField.isTuple(struct.fields())).isTrue();
        assertThat(struct.fields().get(0).type().describe()).isEqualTo("vec<[f64; 2]>");
    }

    @Test
    void wrongDiscriminatorFailsLoudly() {
        ObjectNode idl = (ObjectNode) Fixtures.json(Fixtures.FARE_VAULT_IDL);
        ArrayNode discriminator = (ArrayNode) idl.get("events").get(2).get("discriminator");
        discriminator.set(0, 11);

        assertThatThrownBy(() -> IdlParser.parse(idl))
                .isInstanceOf(IdlException.class)
                .hasMessageContaining(
                        "event FeeCharged: discriminator 0b0f2cfda50056f8 is not sha256(\"event:FeeCharged\")[0..8] = 0a0f2cfda50056f8")
                .hasMessageContaining("custom discriminators");
        assertThat(
                        IdlParser.parseAllowingCustomDiscriminators(idl.toString())
                                .event("FeeCharged")
                                .orElseThrow()
                                .discriminatorHex())
                .isEqualTo("0b0f2cfda50056f8");
    }

    @Test
    void undefinedAndUnsupportedTypesAreNamed() {
        ObjectNode idl = (ObjectNode) Fixtures.json(Fixtures.FARE_VAULT_IDL);
        ((ArrayNode) idl.get("types"))
                .forEach(
                        t -> {
                            if (t.get("name").asText().equals("TrialRegistered")) {
                                ((ObjectNode)
                                                t.get("type")
                                                        .get("fields")
                                                        .get(4)
                                                        .get("type")
                                                        .get("defined"))
                                        .put("name", "Missing");
                            }
                        });
        assertThatThrownBy(() -> IdlParser.parse(idl))
                .hasMessage(
                        "IDL 'fare_vault' event TrialRegistered field qk: type Missing is not defined in the IDL");

        String legacy =
                Fixtures.resource("idl/all_types.legacy.json")
                        .replace("\"type\": \"i32\"", "\"type\": \"i24\"");
        assertThatThrownBy(() -> IdlParser.parse(legacy))
                .hasMessageContaining("event Everything field a_i32: unsupported type \"i24\"");
    }

    @Test
    void typesOnlyInstructionsUseMayBeAnything() {
        String legacy =
                Fixtures.resource("idl/all_types.legacy.json")
                        .replace(
                                "\"types\": [",
                                "\"types\": [{\"name\": \"Odd\", \"type\": {\"kind\": \"struct\", \"fields\": [{\"name\": \"m\", \"type\": {\"hashMap\": [\"u8\", \"u8\"]}}]}},");

        assertThat(IdlParser.parse(legacy).type("Odd").orElseThrow().body())
                .isInstanceOf(IdlTypeDef.Struct.class);
    }

    @Test
    void selfContainmentAndBadGenericsAreRejected() {
        String recursive =
                """
                {"version": "0.1.0", "name": "r", "instructions": [],
                 "types": [{"name": "A", "type": {"kind": "struct", "fields": [{"name": "a", "type": {"defined": "A"}}]}}],
                 "events": [{"name": "E", "fields": [{"name": "a", "type": {"defined": "A"}, "index": false}]}]}
                """;
        assertThatThrownBy(() -> IdlParser.parse(recursive))
                .hasMessageContaining("field a.a: type A contains itself");

        String unbound =
                Fixtures.resource("idl/generics_and_recursion.idl.json")
                        .replace("\"value\": \"2\"", "\"value\": \"two\"");
        assertThatThrownBy(() -> IdlParser.parse(unbound))
                .hasMessageContaining("array length N is not bound to a non-negative number");
    }

    @Test
    void notAnIdl() {
        assertThatThrownBy(() -> IdlParser.parse("{\"hello\": 1}"))
                .hasMessageContaining("Not an Anchor IDL");
        assertThatThrownBy(() -> IdlParser.parse("{")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> IdlParser.parse("[]"))
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void eventIxTagIsTheLittleEndianAnchorTag() {
        byte[] sha = Discriminators.sighash("anchor", "event");
        byte[] reversed = Arrays.copyOf(sha, 8);
        for (int i = 0; i < 4; i++) {
            byte b = reversed[i];
            reversed[i] = reversed[7 - i];
            reversed[7 - i] = b;
        }
        assertThat(HexFormat.of().formatHex(sha)).isEqualTo("1d9acb512ea545e4");
        assertThat(Discriminators.EVENT_IX_TAG).isEqualTo(reversed);
    }
}
