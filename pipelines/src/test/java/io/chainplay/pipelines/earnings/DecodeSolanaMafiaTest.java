package io.chainplay.pipelines.earnings;

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

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.chainplay.pipelines.earnings.EarningsFixtures.ALICE;
import static io.chainplay.pipelines.earnings.EarningsFixtures.SOL;
import static io.chainplay.pipelines.earnings.EarningsFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class DecodeSolanaMafiaTest {

    private OneInputStreamOperatorTestHarness<RawRecord, MafiaEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new DecodeSolanaMafia(
                                        io.chainplay.schemas.earnings.SolanaMafiaEvents
                                                .PROGRAM_ID)));
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void decodesEachOfTheNineEventsWithAllTheirFields() throws Exception {
        List<MafiaEvent> events =
                List.of(
                        EarningsFixtures.joined(ALICE, T0, T0 + 5),
                        EarningsFixtures.createdLegacy(ALICE, 2, 2 * SOL, 160, T0 + 1),
                        EarningsFixtures.created(ALICE, 4, 1, 3 * SOL, 280, T0 + 2),
                        legacy(EarningsFixtures.upgraded(ALICE, 4, -1, 1, SOL, 290, T0 + 3)),
                        EarningsFixtures.upgraded(ALICE, 4, 1, 2, SOL, 305, T0 + 4),
                        legacySale(
                                EarningsFixtures.sold(
                                        ALICE, 0, -1, -1, 3, -1, -1, 25, SOL, T0 + 5)),
                        EarningsFixtures.sold(ALICE, 4, 1, 5 * SOL, 0, 25, 50, 12, 4 * SOL, T0 + 6),
                        EarningsFixtures.claimed(ALICE, 123, T0 + 7),
                        EarningsFixtures.updated(ALICE, -1L, 7, T0 + 9, 3, T0 + 8)
                                .withKind(EventKind.FINALIZED));
        long offset = 0;
        for (MafiaEvent e : events) {
            harness.processElement(EarningsFixtures.raw(e, offset++), T0);
        }

        assertThat(harness.extractOutputValues()).containsExactlyElementsOf(events);
        assertThat(harness.getSideOutput(DecodeSolanaMafia.DEAD_LETTERS)).isNull();
    }

    @Test
    void refusesWhatIsNotASolanaMafiaEventWithTheReason() throws Exception {
        harness.processElement(
                EarningsFixtures.raw("not an envelope".getBytes(StandardCharsets.UTF_8), 1), T0);
        ChainEvent other = EarningsFixtures.envelope(EarningsFixtures.claimed(ALICE, 1, T0));
        other.setProgram("FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe");
        harness.processElement(
                EarningsFixtures.raw(Topics.RAW_SOLANA_SOLANA_MAFIA.serializeValue(other), 2), T0);
        ChainEvent broken = EarningsFixtures.envelope(EarningsFixtures.claimed(ALICE, 1, T0));
        broken.setPayload(broken.getPayload().replace("\"amount\":\"1\"", "\"amount\":1"));
        harness.processElement(
                EarningsFixtures.raw(Topics.RAW_SOLANA_SOLANA_MAFIA.serializeValue(broken), 3), T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetterRecord> letters =
                harness.getSideOutput(DecodeSolanaMafia.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(letters)
                .extracting(d -> d.reason)
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("Not a ChainEvent"),
                        r -> assertThat(r).contains("on the solana_mafia topic"),
                        r -> assertThat(r).contains("Field amount (u64) must be a decimal string"));
        assertThat(letters).allSatisfy(d -> assertThat(d.value).isNotNull());
        assertThat(letters.get(2).position).isEqualTo("raw.solana.solana_mafia-0@3");
    }

    private static MafiaEvent legacy(MafiaEvent upgrade) {
        upgrade.type = MafiaEvent.Type.BUSINESS_UPGRADED;
        upgrade.chainTime = 0;
        return upgrade;
    }

    private static MafiaEvent legacySale(MafiaEvent sale) {
        sale.type = MafiaEvent.Type.BUSINESS_SOLD;
        sale.chainTime = 0;
        return sale;
    }
}
