package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.BOB;
import static io.chainplay.pipelines.casino.CasinoFixtures.COIN_FLIP;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.envelope;
import static io.chainplay.pipelines.casino.CasinoFixtures.raw;
import static io.chainplay.pipelines.casino.CasinoFixtures.registered;
import static io.chainplay.pipelines.casino.CasinoFixtures.resolved;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static org.assertj.core.api.Assertions.assertThat;

class DecodeFareVaultTest {

    private OneInputStreamOperatorTestHarness<RawRecord, CasinoEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new DecodeFareVault()));
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void decodesRegistrationsAndResolutionsWithTheirKind() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, -1L, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 5).withKind(EventKind.FINALIZED);

        send(raw(registration, 0));
        send(raw(resolution, 1));

        assertThat(harness.extractOutputValues()).containsExactly(registration, resolution);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void sendsBytesThatAreNotAnEnvelopeToTheDeadLetters() throws Exception {
        send(raw("garbage".getBytes(), 7));

        assertThat(harness.extractOutputValues()).isEmpty();
        DeadLetterRecord letter = deadLetters().get(0);
        assertThat(letter.reason).startsWith("Not a ChainEvent");
        assertThat(letter.topic).isEqualTo("raw.solana.fare_vault");
        assertThat(letter.offset).isEqualTo(7L);
        assertThat(letter.position).isEqualTo("raw.solana.fare_vault-0@7");
        assertThat(letter.value).isEqualTo("garbage".getBytes());
        assertThat(letter.toAvro().getValue().array()).isEqualTo("garbage".getBytes());
    }

    @Test
    void sendsPayloadsThatBreakTheIdlToTheDeadLetters() throws Exception {
        ChainEvent event = envelope(registered(trial(1), ALICE, POOL_A, 5, COIN_FLIP, T0));
        event.setPayload(event.getPayload().replace("\"5\"", "\"five\""));

        send(raw(Topics.RAW_SOLANA_FARE_VAULT.serializeValue(event), 3));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason).contains("TrialRegistered");
                            assertThat(d.reason).contains("multiplier");
                            assertThat(d.reason).contains(event.getEventId());
                        });
    }

    @Test
    void refusesEventsOfAnotherProgram() throws Exception {
        ChainEvent event = envelope(resolved(trial(1), 1, T0));
        event.setProgram("11111111111111111111111111111111");

        send(raw(Topics.RAW_SOLANA_FARE_VAULT.serializeValue(event), 3));

        assertThat(deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.reason).contains("on the fare_vault topic"));
    }

    @Test
    void decodesEveryOtherEventOfTheIdl() throws Exception {
        List<CasinoEvent> events =
                List.of(
                        CasinoFixtures.fee(trial(1), POOL_A, 1, 15_000, T0, 1),
                        CasinoFixtures.poolRegistered(POOL_A, 0.15, 0.05, T0),
                        CasinoFixtures.accumulated(trial(1), POOL_A, -1L, T0),
                        CasinoFixtures.released(trial(1), POOL_A, ALICE, 42, T0 + 400),
                        CasinoFixtures.vaultValue("FeeNetworkPercentUpdated", 0.5, T0, "admin-1"),
                        CasinoFixtures.vaultValue(
                                "MinimumFeeBurnPercentUpdated", 0.1, T0, "admin-2"),
                        CasinoFixtures.vaultValue("EvThresholdUpdated", 0.98, T0, "admin-3"),
                        CasinoFixtures.vaultAddress("AdminAddressUpdated", ALICE, T0, "admin-4"),
                        CasinoFixtures.vaultAddress("ResolverAddressUpdated", BOB, T0, "admin-5"),
                        CasinoFixtures.vaultAddress(
                                "NetworkFeeRecipientAddressUpdated", BOB, T0, "admin-6"));
        long offset = 0;
        for (CasinoEvent event : events) {
            send(raw(event, offset++));
        }

        assertThat(harness.extractOutputValues()).containsExactlyElementsOf(events);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void skipsEventsTheIdlDoesNotHave() throws Exception {
        ChainEvent event = envelope(resolved(trial(1), 1, T0));
        event.setEventName("PoolManagerUpdated"); // FarePlay's EVM processor has it; the IDL not
        event.setPayload("{}");

        send(raw(Topics.RAW_SOLANA_FARE_VAULT.serializeValue(event), 3));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).isEmpty();
    }

    private void send(RawRecord record) throws Exception {
        harness.processElement(new StreamRecord<>(record));
    }

    private List<DeadLetterRecord> deadLetters() {
        var records = harness.getSideOutput(DecodeFareVault.DEAD_LETTERS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
