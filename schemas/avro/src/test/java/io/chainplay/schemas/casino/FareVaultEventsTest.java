package io.chainplay.schemas.casino;

import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.Finality;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FareVaultEventsTest {

    @Test
    void mapsTheFixtureTrialRegisteredWithAllIdlFields() {
        JsonNode vector = FareVaultFixtures.vector("TrialRegistered");

        TrialRegistered trial =
                FareVaultEvents.trialRegistered(
                        envelope("TrialRegistered", vector.get("expected_decoded").toString()));

        assertThat(trial.getTrialId()).isEqualTo("So11111111111111111111111111111111111111112");
        assertThat(trial.getWho()).isEqualTo("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
        assertThat(trial.getPoolId()).isEqualTo("SysvarRent111111111111111111111111111111111");
        assertThat(Long.toUnsignedString(trial.getMultiplier())).isEqualTo("2000000000000000000");
        assertThat(trial.getQk()).containsExactly(new QkPair(0.5, 0.0), new QkPair(0.5, 2.0));
        assertThat(trial.getExtraDataHash()).isEqualTo("0xabc123");
        assertThat(trial.getMeta().getEventId()).isEqualTo("solana:sig1:0:0");
        assertThat(trial.getMeta().getSlot()).isEqualTo(42L);
    }

    @Test
    void mapsTheFixtureTrialResolvedWithF64Randomness() {
        JsonNode vector = FareVaultFixtures.vector("TrialResolved");

        TrialResolved resolution =
                FareVaultEvents.trialResolved(
                        envelope("TrialResolved", vector.get("expected_decoded").toString()));

        assertThat(resolution.getTrialId())
                .isEqualTo("So11111111111111111111111111111111111111112");
        assertThat(resolution.getResultIndex()).isEqualTo(1L);
        assertThat(resolution.getRandomness()).isEqualTo(0.734512);
    }

    @Test
    void readsU64AboveLongMaxAsUnsigned() {
        String payload =
                FareVaultFixtures.vector("TrialRegistered")
                        .get("expected_decoded")
                        .toString()
                        .replace("2000000000000000000", "18446744073709551615");

        TrialRegistered trial =
                FareVaultEvents.trialRegistered(envelope("TrialRegistered", payload));

        assertThat(trial.getMultiplier()).isEqualTo(-1L);
        assertThat(Long.toUnsignedString(trial.getMultiplier())).isEqualTo("18446744073709551615");
    }

    @Test
    void payloadRoundTripsThroughTheMapping() {
        TrialRegistered trial =
                FareVaultEvents.trialRegistered(
                        envelope(
                                "TrialRegistered",
                                FareVaultFixtures.vector("TrialRegistered")
                                        .get("expected_decoded")
                                        .toString()));
        trial.setMultiplier(-2L); // 2^64 - 2 must survive as unsigned text

        TrialRegistered again =
                FareVaultEvents.trialRegistered(
                        envelope("TrialRegistered", FareVaultEvents.payload(trial)));

        assertThat(again).isEqualTo(trial);
    }

    @Test
    void envelopeIsTheInverseOfTheMapping() {
        ChainEvent original =
                envelope(
                        "TrialRegistered",
                        FareVaultFixtures.vector("TrialRegistered")
                                .get("expected_decoded")
                                .toString());
        TrialRegistered trial = FareVaultEvents.trialRegistered(original);

        ChainEvent again = FareVaultEvents.envelope(trial);

        assertThat(FareVaultEvents.trialRegistered(again)).isEqualTo(trial);
        assertThat(again.getEventId()).isEqualTo(original.getEventId());
        assertThat(again.getProgram()).isEqualTo(FareVaultEvents.PROGRAM_ID);
        assertThat(again.getCommitment()).isEqualTo("confirmed");
        TrialResolved resolution =
                FareVaultEvents.trialResolved(
                        envelope(
                                "TrialResolved",
                                FareVaultFixtures.vector("TrialResolved")
                                        .get("expected_decoded")
                                        .toString()));
        assertThat(FareVaultEvents.trialResolved(FareVaultEvents.envelope(resolution)))
                .isEqualTo(resolution);
    }

    @Test
    void keepsTheKindOfTheEnvelope() {
        ChainEvent event =
                envelope(
                        "TrialResolved",
                        FareVaultFixtures.vector("TrialResolved")
                                .get("expected_decoded")
                                .toString());
        event.setRetracted(true);

        TrialResolved resolution = FareVaultEvents.trialResolved(event);

        assertThat(EventKind.of(resolution.getMeta())).isEqualTo(EventKind.RETRACTED);
    }

    @Test
    void refusesPayloadsThatDoNotFollowTheIdl() {
        String good =
                FareVaultFixtures.vector("TrialRegistered").get("expected_decoded").toString();

        List.of(
                        good.replace("\"2000000000000000000\"", "2000000000000000000"),
                        good.replace("2000000000000000000", "-1"),
                        good.replace("2000000000000000000", "18446744073709551616"),
                        good.replace("SysvarRent111111111111111111111111111111111", "not-a-pubkey"),
                        good.replace("[0.5,2]", "[0.5]"),
                        good.replace("\"qk\":{\"0\":", "\"qk\":{\"1\":"),
                        good.replace("\"who\"", "\"whom\""),
                        "[1,2]",
                        "{\"trial_id\": ")
                .forEach(
                        payload ->
                                assertThatThrownBy(
                                                () ->
                                                        FareVaultEvents.trialRegistered(
                                                                envelope(
                                                                        "TrialRegistered",
                                                                        payload)))
                                        .as(payload)
                                        .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void namesTheWrongFieldInTheError() {
        String payload =
                FareVaultFixtures.vector("TrialResolved")
                        .get("expected_decoded")
                        .toString()
                        .replace("\"1\"", "\"one\"");

        assertThatThrownBy(() -> FareVaultEvents.trialResolved(envelope("TrialResolved", payload)))
                .hasMessageContaining("result_index")
                .hasMessageContaining("one");
    }

    @Test
    void refusesAnEnvelopeOfAnotherEvent() {
        assertThatThrownBy(() -> FareVaultEvents.trialResolved(envelope("FeeCharged", "{}")))
                .hasMessageContaining("Expected a TrialResolved event but got FeeCharged");
    }

    static ChainEvent envelope(String eventName, String payload) {
        return ChainEvent.newBuilder()
                .setEventId("solana:sig1:0:0")
                .setChain(Chain.SOLANA)
                .setProgram(FareVaultEvents.PROGRAM_ID)
                .setProgramName(FareVaultEvents.PROGRAM_NAME)
                .setEventName(eventName)
                .setTxSignature("sig1")
                .setSlot(42L)
                .setInstructionIndex(0)
                .setEventIndex(0)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setCommitment("confirmed")
                .setFinality(Finality.OBSERVED)
                .setRetracted(false)
                .setPayload(payload)
                .build();
    }
}
