package io.chainplay.schemas.earnings;

import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventMeta;
import io.chainplay.schemas.chain.Finality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SolanaMafiaEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mapsEveryDerivedVectorAndBack() throws IOException {
        Set<String> seen = new HashSet<>();
        for (JsonNode vector : vectors()) {
            String name = vector.get("event").asText();
            JsonNode decoded = vector.get("expected_decoded");

            SpecificRecordBase typed = SolanaMafiaEvents.typed(envelope(name, decoded.toString()));

            assertThat(typed.getSchema().getName()).isEqualTo(name);
            assertThat(((EventMeta) typed.get(0)).getEventId()).isEqualTo("solana:sig:2:0");
            assertThat(JSON.readTree(SolanaMafiaEvents.payload(typed))).isEqualTo(decoded);
            ChainEvent back = SolanaMafiaEvents.envelope(typed);
            assertThat(back.getEventName()).isEqualTo(name);
            assertThat(back.getSlot()).isEqualTo(42L);
            assertThat(JSON.readTree(back.getPayload())).isEqualTo(decoded);
            seen.add(name);
        }
        assertThat(seen).isEqualTo(SolanaMafiaEvents.eventNames());
    }

    @Test
    void readsTheFieldsWithTheirIdlTypes() {
        EarningsUpdated update =
                (EarningsUpdated)
                        SolanaMafiaEvents.typed(
                                envelope(
                                        "EarningsUpdated",
                                        "{\"player\":\"So11111111111111111111111111111111111111112\","
                                                + "\"earnings_added\":\"18446744073709551615\","
                                                + "\"total_pending\":\"7\","
                                                + "\"next_earnings_time\":\"-1\","
                                                + "\"businesses_count\":255}"));

        assertThat(Long.toUnsignedString(update.getEarningsAdded()))
                .isEqualTo("18446744073709551615");
        assertThat(update.getTotalPending()).isEqualTo(7L);
        assertThat(update.getNextEarningsTime()).isEqualTo(-1L);
        assertThat(update.getBusinessesCount()).isEqualTo(255);
    }

    @Test
    void refusesPayloadsThatBreakTheIdl() {
        String good =
                "{\"player\":\"So11111111111111111111111111111111111111112\","
                        + "\"amount\":\"5\",\"claimed_at\":\"1700000000\"}";
        assertThatThrownBy(
                        () ->
                                SolanaMafiaEvents.typed(
                                        envelope("EarningsClaimed", good.replace("\"5\"", "5"))))
                .hasMessageContaining("Field amount (u64) must be a decimal string");
        assertThatThrownBy(
                        () ->
                                SolanaMafiaEvents.typed(
                                        envelope(
                                                "EarningsClaimed",
                                                good.replace("\"5\"", "\"-5\""))))
                .hasMessageContaining("Field amount is not an u64");
        assertThatThrownBy(
                        () ->
                                SolanaMafiaEvents.typed(
                                        envelope(
                                                "EarningsClaimed",
                                                good.replace(
                                                        ",\"claimed_at\":\"1700000000\"", ""))))
                .hasMessageContaining("Missing field claimed_at");
        assertThatThrownBy(
                        () ->
                                SolanaMafiaEvents.typed(
                                        envelope(
                                                "EarningsClaimed",
                                                good.replace("So1111111111", "0OIl"))))
                .hasMessageContaining("Field player is not a base58 public key");
        assertThatThrownBy(
                        () ->
                                SolanaMafiaEvents.typed(
                                        envelope(
                                                "BusinessUpgraded",
                                                "{\"player\":\"So11111111111111111111111111111111111111112\","
                                                        + "\"business_index\":256,\"new_level\":1,"
                                                        + "\"upgrade_cost\":\"1\",\"new_daily_rate\":1}")))
                .hasMessageContaining("Field business_index is not a u8: 256");
        assertThatThrownBy(() -> SolanaMafiaEvents.typed(envelope("EarningsClaimed", "[1]")))
                .hasMessageContaining("payload is not a JSON object");
        assertThatThrownBy(() -> SolanaMafiaEvents.typed(envelope("Initialized", "{}")))
                .hasMessageContaining("Not a solana_mafia event: Initialized");
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in =
                SolanaMafiaEventsTest.class.getResourceAsStream("event_vectors_derived.json")) {
            return JSON.readTree(in).get("vectors");
        }
    }

    private static ChainEvent envelope(String name, String payload) {
        return ChainEvent.newBuilder()
                .setEventId("solana:sig:2:0")
                .setChain(Chain.SOLANA)
                .setProgram(SolanaMafiaEvents.PROGRAM_ID)
                .setProgramName(SolanaMafiaEvents.PROGRAM_NAME)
                .setEventName(name)
                .setTxSignature("sig")
                .setSlot(42L)
                .setInstructionIndex(2)
                .setEventIndex(0)
                .setEventTime(Instant.ofEpochSecond(1_700_000_000L))
                .setCommitment("confirmed")
                .setFinality(Finality.OBSERVED)
                .setRetracted(false)
                .setPayload(payload)
                .build();
    }
}
