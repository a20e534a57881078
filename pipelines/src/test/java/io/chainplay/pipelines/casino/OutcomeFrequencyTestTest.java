package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.COIN_FLIP;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class OutcomeFrequencyTestTest {

    private static final Duration BUCKET = Duration.ofMinutes(1);
    private static final Duration WINDOW = Duration.ofMinutes(10);

    /** T0 rounded down to a bucket. */
    private static final long B = T0 / 60_000 * 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, BetOutcome, TableRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new OutcomeFrequencyTest(
                                        BUCKET, WINDOW, Duration.ofMinutes(5), 100, 1e-6)),
                        outcome -> outcome.poolId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aFairPoolIsTestedAndNotFlagged() throws Exception {
        Random random = new Random(1);
        for (int i = 0; i < 600; i++) {
            send(outcome(i, random.nextBoolean() ? 1 : 0, B + i * 1_000L, 1));
        }
        harness.processWatermark(B + 600_000);

        assertThat(anomalies()).isEmpty();
        TableRow latest = lastTest();
        assertThat(latest.get("flagged")).isEqualTo("false");
        assertThat(Long.parseLong(latest.get("bets"))).isBetween(500L, 600L);
        assertThat(latest.get("degrees_of_freedom")).isEqualTo("1");
    }

    @Test
    void aPoolThatWinsTooOftenIsFlaggedAndAReorgCanClearIt() throws Exception {
        List<BetOutcome> bets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // 90 % wins on a coin flip
            bets.add(outcome(i, i % 10 == 0 ? 0 : 1, B + i * 1_000L, 1));
        }
        for (BetOutcome bet : bets) {
            send(bet);
        }
        harness.processWatermark(B + 300_000);

        assertThat(anomalies()).isNotEmpty();
        assertThat(anomalies())
                .allSatisfy(a -> assertThat(a.get("kind")).isEqualTo("outcome_frequencies"));
        assertThat(lastTest().get("flagged")).isEqualTo("true");
        int flagged = (int) anomalies().stream().filter(a -> !a.deleted).count();

        // A reorg takes every bet of the last minute back: the canonical chain has no window
        // ending there, so its anomaly goes and the latest result is the window before.
        for (BetOutcome bet : bets.subList(240, 300)) {
            send(bet.reversed());
        }
        java.util.Map<String, TableRow> table = new java.util.TreeMap<>();
        for (TableRow row : anomalies()) {
            if (row.deleted) {
                table.remove(row.key());
            } else {
                table.put(row.key(), row);
            }
        }
        assertThat(table).hasSize(flagged - 1);
        assertThat(table.keySet()).noneMatch(key -> key.endsWith(":" + (B + 300_000)));
        assertThat(table.keySet()).anyMatch(key -> key.endsWith(":" + (B + 240_000)));
        assertThat(lastTest().get("window_end")).isEqualTo(CasinoTables.time(B + 240_000));
    }

    private void send(BetOutcome outcome) throws Exception {
        harness.processElement(new StreamRecord<>(outcome, outcome.time));
    }

    private List<TableRow> anomalies() {
        return harness.extractOutputValues().stream()
                .filter(r -> r.table.equals(CasinoTables.ANOMALIES.name()))
                .toList();
    }

    private TableRow lastTest() {
        List<TableRow> tests =
                harness.extractOutputValues().stream()
                        .filter(r -> r.table.equals(CasinoTables.OUTCOME_TESTS.name()))
                        .toList();
        return tests.get(tests.size() - 1);
    }

    private static BetOutcome outcome(int n, int index, long time, int sign) {
        BetOutcome outcome =
                new BetOutcome(
                        "trial-" + n,
                        ALICE,
                        POOL_A,
                        BigInteger.TEN,
                        index == 1 ? BigInteger.valueOf(19) : BigInteger.ZERO,
                        index,
                        COIN_FLIP[2 * index + 1]);
        outcome.qk = COIN_FLIP;
        outcome.time = time;
        outcome.slot = n;
        outcome.sign = sign;
        return outcome;
    }
}
