package io.chainplay.pipelines.casino;

import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.feed.FeedMessage;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.accumulated;
import static io.chainplay.pipelines.casino.CasinoFixtures.poolRegistered;
import static io.chainplay.pipelines.casino.CasinoFixtures.released;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static org.assertj.core.api.Assertions.assertThat;

class PoolAggregatorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, PoolSignal, TableRow> harness;
    private long now;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new PoolAggregator(
                                        Duration.ofMinutes(10),
                                        Duration.ofMillis(200),
                                        Duration.ofSeconds(1),
                                        PoolRegistry.parse(
                                                "pool="
                                                        + POOL_A
                                                        + ", name=Slots, slug=slots,"
                                                        + " game=slots"))),
                        signal -> signal.poolId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void writesTheTotalsTheVolumeAndThePoolOncePerInterval() throws Exception {
        send(PoolSignal.registered(poolRegistered(POOL_A, 0.15, 0.05, T0 - 1_000)));
        send(PoolSignal.settled(settled("t1", 100, 198, T0)));
        send(PoolSignal.settled(settled("t2", 100, 0, T0 + Periods.HOUR)));
        send(PoolSignal.players(POOL_A, 1, T0));

        advance(200);

        TableRow stats = last(CasinoTables.POOL_STATS);
        assertThat(stats.get("plays")).isEqualTo("2");
        assertThat(stats.get("wins")).isEqualTo("1");
        assertThat(stats.get("players")).isEqualTo("1");
        assertThat(stats.get("house_profit")).isEqualTo("2");
        assertThat(last(CasinoTables.POOLS).get("slug")).isEqualTo("slots");
        assertThat(rows(CasinoTables.POOL_VOLUME))
                .extracting(r -> r.get("granularity"))
                .containsExactlyInAnyOrder("hour", "hour", "day");
        assertThat(rows(CasinoTables.POOL_STATS)).hasSize(1);
    }

    @Test
    void theJackpotIsTheLatestByChainOrderWhateverTheArrivalOrder() throws Exception {
        CasinoEvent first = accumulated(trial(1), POOL_A, 100, T0);
        CasinoEvent second = accumulated(trial(2), POOL_A, 200, T0 + 400);
        CasinoEvent release = released(trial(3), POOL_A, ALICE, 200, T0 + 800);
        send(PoolSignal.jackpot(second, 1));
        send(PoolSignal.jackpot(first, 1)); // arrives late: not the latest
        advance(200);
        assertThat(last(CasinoTables.POOL_STATS).get("jackpot")).isEqualTo("200");

        send(PoolSignal.jackpot(release, 1));
        advance(200);
        assertThat(last(CasinoTables.POOL_STATS).get("jackpot")).isEqualTo("0");
        assertThat(last(CasinoTables.POOL_STATS).get("jackpots_won")).isEqualTo("1");

        send(PoolSignal.jackpot(release, -1)); // the release's block left the chain
        send(PoolSignal.jackpot(second, -1));
        advance(200);
        assertThat(last(CasinoTables.POOL_STATS).get("jackpot")).isEqualTo("100");
        assertThat(last(CasinoTables.POOL_STATS).get("jackpot_released")).isEqualTo("0");
    }

    @Test
    void debouncesStatsUpdatedToOnePerSecond() throws Exception {
        for (int i = 0; i < 50; i++) {
            send(PoolSignal.settled(settled("t" + i, 100, 0, T0 + i)));
            advance(100);
        }
        advance(1_000);

        List<FeedMessage> messages =
                values(harness.getSideOutput(PoolAggregator.FEED)).stream()
                        .map(r -> FeedMessage.parse(r.json))
                        .toList();
        assertThat(messages).hasSizeBetween(5, 7); // 6 s of processing time
        FeedMessage last = messages.get(messages.size() - 1);
        assertThat(last.type()).isEqualTo("stats.updated");
        assertThat(last.data().get("totalBets").asText()).isEqualTo("50");
        assertThat(last.data().get("gameType").asText()).isEqualTo("slots");
        assertThat(messages).extracting(FeedMessage::id).doesNotHaveDuplicates();
    }

    @Test
    void aPoolWhoseEventsAllLeftTheChainLeavesNoRows() throws Exception {
        CasinoEvent registration = poolRegistered(POOL_A, 0.15, 0.05, T0);
        send(PoolSignal.registered(registration));
        send(PoolSignal.settled(settled("t1", 100, 198, T0)));
        advance(200);

        send(PoolSignal.registered(registration.withKind(EventKind.RETRACTED)));
        send(PoolSignal.settled(settled("t1", 100, 198, T0).reversed()));
        advance(200);

        assertThat(last(CasinoTables.POOLS).deleted).isTrue();
        assertThat(last(CasinoTables.POOL_STATS).deleted).isTrue();
        assertThat(rows(CasinoTables.POOL_VOLUME).stream().filter(r -> r.deleted)).hasSize(2);
    }

    private void send(PoolSignal signal) throws Exception {
        harness.processElement(new StreamRecord<>(signal, signal.time));
    }

    private void advance(long millis) throws Exception {
        now += millis;
        harness.setProcessingTime(now);
    }

    private List<TableRow> rows(CasinoTables.Table table) {
        return harness.extractOutputValues().stream()
                .filter(r -> r.table.equals(table.name()))
                .toList();
    }

    private TableRow last(CasinoTables.Table table) {
        List<TableRow> rows = rows(table);
        return rows.get(rows.size() - 1);
    }

    private static BetOutcome settled(String trial, long wager, long payout, long time) {
        BetOutcome outcome =
                new BetOutcome(
                        trial,
                        ALICE,
                        POOL_A,
                        BigInteger.valueOf(wager),
                        BigInteger.valueOf(payout),
                        0,
                        0);
        outcome.time = time;
        return outcome;
    }

    private static <T> List<T> values(java.util.Queue<StreamRecord<T>> records) {
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).filter(Objects::nonNull).toList();
    }
}
