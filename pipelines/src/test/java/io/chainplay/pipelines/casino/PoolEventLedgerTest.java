package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.feed.FeedMessage;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.accumulated;
import static io.chainplay.pipelines.casino.CasinoFixtures.fee;
import static io.chainplay.pipelines.casino.CasinoFixtures.poolRegistered;
import static io.chainplay.pipelines.casino.CasinoFixtures.released;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static io.chainplay.pipelines.casino.CasinoFixtures.vaultValue;
import static org.assertj.core.api.Assertions.assertThat;

class PoolEventLedgerTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);

    private KeyedBroadcastOperatorTestHarness<String, CasinoEvent, CasinoEvent, TableRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new PoolEventLedger(
                                        RETENTION,
                                        PoolRegistry.parse("pool=" + POOL_A + ", game=slots")),
                                List.of(PoolEventLedger.CONFIG)),
                        event -> event.eventId,
                        Types.STRING,
                        1,
                        1,
                        0);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void splitsAFeeWithThePoolAndVaultConfigurationOfItsTime() throws Exception {
        configure(T0 - 10_000, 0.5);
        CasinoEvent fee = fee(trial(1), POOL_A, 0, 10_000, T0, 1);

        harness.processElement(fee, T0);

        TableRow row = last(CasinoTables.FEES);
        assertThat(row.get("host_amount")).isEqualTo("1500");
        assertThat(row.get("network_percent")).isEqualTo("0.5");
        assertThat(row.get("burn_amount")).isEqualTo("3000");
        assertThat(poolSignals()).containsExactly("FEE+10000/5000");
    }

    @Test
    void correctsASplitWhenAnEarlierSettingArrivesAfterTheFee() throws Exception {
        configure(T0 - 10_000, 0.5);
        CasinoEvent fee = fee(trial(1), POOL_A, 0, 10_000, T0, 1);
        harness.processElement(fee, T0);
        // An update earlier on the chain, delivered late by another partition, still on time.
        harness.processBroadcastElement(
                vaultValue("FeeNetworkPercentUpdated", 0.3, T0 - 1_000, "admin-late"), T0 - 1_000);

        watermark(T0); // the fee's check
        assertThat(last(CasinoTables.FEES).get("network_amount")).isEqualTo("3000");
        assertThat(poolSignals())
                .containsExactly("FEE+10000/5000", "FEE-10000/5000", "FEE+10000/3000");

        // Behind the watermark now: a retraction of that update corrects checked fees at once.
        harness.processBroadcastElement(
                vaultValue("FeeNetworkPercentUpdated", 0.3, T0 - 1_000, "admin-late")
                        .withKind(EventKind.RETRACTED),
                T0 - 1_000);
        assertThat(last(CasinoTables.FEES).get("network_amount")).isEqualTo("5000");
    }

    @Test
    void aRetractedFeeLeavesTheTableAndThePool() throws Exception {
        configure(T0 - 10_000, 0.5);
        CasinoEvent fee = fee(trial(1), POOL_A, 0, 10_000, T0, 1);
        harness.processElement(fee, T0);
        harness.processElement(fee, T0); // a duplicate

        harness.processElement(fee.withKind(EventKind.RETRACTED), T0);

        assertThat(last(CasinoTables.FEES).deleted).isTrue();
        assertThat(poolSignals()).containsExactly("FEE+10000/5000", "FEE-10000/5000");
    }

    @Test
    void reportsJackpotsOnTheFeedAndKeepsTheirRows() throws Exception {
        harness.processElement(accumulated(trial(1), POOL_A, 5_000, T0), T0);
        CasinoEvent release = released(trial(2), POOL_A, ALICE, 5_000, T0 + 400);
        harness.processElement(release, T0 + 400);

        assertThat(last(CasinoTables.POOL_ACCUMULATIONS).get("new_accumulated_amount"))
                .isEqualTo("5000");
        assertThat(last(CasinoTables.JACKPOTS).get("receiver")).isEqualTo(ALICE);
        FeedMessage won = FeedMessage.parse(feed().get(0).json);
        assertThat(won.type()).isEqualTo("jackpot.won");
        assertThat(won.data().get("amount").asText()).isEqualTo("5000");
        assertThat(won.data().get("gameType").asText()).isEqualTo("slots");
        assertThat(won.id()).isEqualTo(release.eventId);
    }

    @Test
    void dropsStateAfterTheRetention() throws Exception {
        configure(T0 - 10_000, 0.5);
        CasinoEvent fee = fee(trial(1), POOL_A, 0, 10_000, T0, 1);
        harness.processElement(fee, T0);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(T0 + RETENTION.toMillis());
        assertThat(harness.numEventTimeTimers()).isZero();

        // Forgotten: a copy now counts as new (the retention is the dedup window).
        harness.processElement(fee, T0 + RETENTION.toMillis() + 1);
        assertThat(poolSignals()).containsExactly("FEE+10000/5000", "FEE+10000/5000");
    }

    private void configure(long time, double network) throws Exception {
        harness.processBroadcastElement(poolRegistered(POOL_A, 0.15, 0.05, time), time);
        harness.processBroadcastElement(
                vaultValue("FeeNetworkPercentUpdated", network, time, "admin-1"), time);
        harness.processBroadcastElement(
                vaultValue("MinimumFeeBurnPercentUpdated", 0.1, time, "admin-2"), time);
    }

    private void watermark(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        harness.processBroadcastWatermark(new Watermark(time));
    }

    private TableRow last(CasinoTables.Table table) {
        List<TableRow> rows =
                harness.extractOutputValues().stream()
                        .filter(r -> r.table.equals(table.name()))
                        .toList();
        return rows.get(rows.size() - 1);
    }

    private List<String> poolSignals() {
        return values(harness.getSideOutput(PoolEventLedger.POOL)).stream()
                .map(s -> s.type + (s.sign > 0 ? "+" : "-") + s.amount + "/" + s.network)
                .toList();
    }

    private List<FeedRecord> feed() {
        return values(harness.getSideOutput(PoolEventLedger.FEED));
    }

    private static <T> List<T> values(java.util.Queue<StreamRecord<T>> records) {
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).filter(Objects::nonNull).toList();
    }
}
