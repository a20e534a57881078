package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static org.assertj.core.api.Assertions.assertThat;

class PlayerStatsAggregatorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, BetOutcome, PlayerStatsRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new PlayerStatsAggregator()),
                        BetOutcome::statsKey,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void sumsWinsLossesAndPushesWithAbsoluteRows() throws Exception {
        send(outcome("t1", 100, 198)); // win
        send(outcome("t2", 100, 0)); // loss
        send(outcome("t3", 50, 50)); // push

        PlayerStatsRow last = last();
        assertThat(last.bets).isEqualTo(3);
        assertThat(last.wins).isEqualTo(1);
        assertThat(last.losses).isEqualTo(1);
        assertThat(last.pushes).isEqualTo(1);
        assertThat(last.wagered).isEqualTo(BigInteger.valueOf(250));
        assertThat(last.paidOut).isEqualTo(BigInteger.valueOf(248));
        assertThat(last.net()).isEqualTo(BigInteger.valueOf(-2));
        assertThat(harness.extractOutputValues()).hasSize(3);
    }

    @Test
    void takingABetBackRestoresThePreviousRow() throws Exception {
        send(outcome("t1", 100, 198));
        PlayerStatsRow afterFirst = last().copy();
        send(outcome("t2", 100, 0));

        send(outcome("t2", 100, 0).reversed());

        assertThat(last()).isEqualTo(afterFirst);
    }

    @Test
    void deletesTheRowAndStateWhenNoBetIsLeft() throws Exception {
        send(outcome("t1", 100, 198));

        send(outcome("t1", 100, 198).reversed());

        assertThat(last().deleted).isTrue();
        assertThat(last().player).isEqualTo(ALICE);
        assertThat(last().poolId).isEqualTo(POOL_A);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private void send(BetOutcome outcome) throws Exception {
        harness.processElement(new StreamRecord<>(outcome));
    }

    private PlayerStatsRow last() {
        List<PlayerStatsRow> rows = harness.extractOutputValues();
        return rows.get(rows.size() - 1);
    }

    private static BetOutcome outcome(String trial, long wager, long payout) {
        return new BetOutcome(
                trial,
                ALICE,
                POOL_A,
                BigInteger.valueOf(wager),
                BigInteger.valueOf(payout),
                0,
                (double) payout / wager);
    }
}
