package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.FeedRecord;
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
import static org.assertj.core.api.Assertions.assertThat;

class PlayerStatsAggregatorTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final long FLUSH = 1_000;

    private KeyedOneInputStreamOperatorTestHarness<String, BetOutcome, TableRow> harness;
    private long now;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BetOutcome, TableRow> harness()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, BetOutcome, TableRow> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new PlayerStatsAggregator(
                                        RETENTION, Duration.ofMillis(FLUSH), PoolRegistry.empty())),
                        BetOutcome::statsKey,
                        Types.STRING);
        h.open();
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void sumsTheBetsAndWritesTheLatestRowOncePerInterval() throws Exception {
        send(settled("t1", 1, 100, 198)); // win
        send(settled("t2", 2, 100, 0)); // loss
        send(settled("t3", 3, 50, 50)); // push
        assertThat(rows()).isEmpty(); // nothing before the flush

        flush();

        assertThat(rows()).hasSize(1);
        TableRow row = last();
        assertThat(row.get("bets")).isEqualTo("3");
        assertThat(row.get("wins")).isEqualTo("1");
        assertThat(row.get("losses")).isEqualTo("1");
        assertThat(row.get("pushes")).isEqualTo("1");
        assertThat(row.get("wagered")).isEqualTo("250");
        assertThat(row.get("paid_out")).isEqualTo("248");
        assertThat(row.get("net")).isEqualTo("-2");
        assertThat(row.get("first_seen")).isEqualTo(CasinoTables.time(time(1)));
        assertThat(row.get("last_seen")).isEqualTo(CasinoTables.time(time(3)));
    }

    @Test
    void keepsStreaksAndTheBiggestWin() throws Exception {
        send(settled("t1", 1, 100, 198)); // +98
        send(settled("t2", 2, 100, 300)); // +200
        send(settled("t3", 3, 100, 0));
        send(settled("t4", 4, 100, 150));
        send(settled("t5", 5, 100, 150));
        send(settled("t6", 6, 100, 150));
        flush();
        assertThat(last().get("current_streak")).isEqualTo("3");
        assertThat(last().get("best_streak")).isEqualTo("3");
        assertThat(last().get("biggest_win")).isEqualTo("200");
        assertThat(last().get("biggest_win_trial")).isEqualTo("t2");

        send(settled("t7", 7, 100, 0));
        send(settled("t8", 8, 100, 0));
        flush();
        assertThat(last().get("current_streak")).isEqualTo("-2");
        assertThat(last().get("best_streak")).isEqualTo("3");
    }

    @Test
    void aReorgInTheMiddleOfAStreakGivesTheCanonicalFigures() throws Exception {
        List<BetOutcome> bets =
                List.of(
                        settled("t1", 1, 100, 198),
                        settled("t2", 2, 100, 0),
                        settled("t3", 3, 100, 500),
                        settled("t4", 4, 100, 198),
                        settled("t5", 5, 100, 198));
        bets.forEach(this::sendQuietly);
        send(bets.get(1).reversed()); // the loss leaves the chain: t1, t3..t5 are one run
        send(bets.get(2).reversed()); // and the biggest win too
        flush();
        TableRow afterReorg = last();

        KeyedOneInputStreamOperatorTestHarness<String, BetOutcome, TableRow> canonical = harness();
        for (BetOutcome bet : List.of(bets.get(0), bets.get(3), bets.get(4))) {
            canonical.processElement(new StreamRecord<>(bet));
        }
        canonical.setProcessingTime(now + FLUSH);
        List<TableRow> canonicalRows = canonical.extractOutputValues();

        assertThat(afterReorg).isEqualTo(canonicalRows.get(canonicalRows.size() - 1));
        assertThat(afterReorg.get("best_streak")).isEqualTo("3");
        assertThat(afterReorg.get("biggest_win")).isEqualTo("98");
        canonical.close();
    }

    @Test
    void foldsBetsPastTheReorgWindowAndStaysExact() throws Exception {
        send(settled("t1", 1, 100, 198));
        send(settled("t2", 2, 100, 198));
        harness.processWatermark(time(2) + RETENTION.toMillis() + 1);
        flush(); // t1 and t2 are folded now
        BetOutcome recent = settled("t3", 2_000, 100, 0);
        send(recent);
        send(settled("t4", 2_001, 100, 198));
        send(recent.reversed()); // a recent bet is still exact

        flush();

        assertThat(last().get("bets")).isEqualTo("3");
        assertThat(last().get("current_streak")).isEqualTo("3");
        assertThat(last().get("first_seen")).isEqualTo(CasinoTables.time(time(1)));
        assertThat(last().get("last_seen")).isEqualTo(CasinoTables.time(time(2_001)));
        assertThat(anomalies()).isEmpty();

        send(settled("t1", 1, 100, 198).reversed()); // deeper than the window: reported
        assertThat(anomalies())
                .singleElement()
                .satisfies(a -> assertThat(a.get("kind")).isEqualTo("reorg_beyond_window"));
    }

    @Test
    void deletesTheRowAndStateWhenNoBetIsLeft() throws Exception {
        send(settled("t1", 1, 100, 198));
        flush();

        send(settled("t1", 1, 100, 198).reversed());
        flush();

        assertThat(last().deleted).isTrue();
        assertThat(last().values).containsExactly(ALICE, POOL_A);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(poolSignals()).containsExactly("+1", "-1");
    }

    @Test
    void announcesAPlayersFirstBetInAPoolOnce() throws Exception {
        send(placed("t1", 1));
        send(placed("t2", 2));

        assertThat(feed()).hasSize(1);
        FeedMessage joined = FeedMessage.parse(feed().get(0).json);
        assertThat(joined.type()).isEqualTo("player.joined");
        assertThat(joined.id()).isEqualTo("player.joined:" + POOL_A + ":" + ALICE);
        assertThat(joined.data().get("gameType").asText()).isEqualTo(POOL_A);
        assertThat(rows()).isEmpty(); // placed, not settled: no stats row
    }

    @Test
    void sendsTheDayWeekAndAllTimeStandings() throws Exception {
        send(settled("t1", 1, 100, 198));
        send(settled("t2", 2, 100, 0));
        flush();

        List<LeaderboardUpdate> standings = standings();
        assertThat(standings)
                .extracting(u -> u.period)
                .containsExactlyInAnyOrder("all", "day", "week");
        long day = Periods.epochDay(time(1));
        assertThat(standings)
                .allSatisfy(
                        u -> {
                            assertThat(u.net).isEqualTo(BigInteger.valueOf(-2));
                            assertThat(u.volume).isEqualTo(BigInteger.valueOf(200));
                            assertThat(u.wins).isEqualTo(1);
                        })
                .anySatisfy(u -> assertThat(u.periodStart).isEqualTo(day))
                .anySatisfy(u -> assertThat(u.periodStart).isEqualTo(Periods.weekStart(day)));
        // 2025-06-15 is a Sunday: its ISO week starts on Monday the 9th
        assertThat(CasinoTables.date(Periods.weekStart(day))).isEqualTo("2025-06-09");
    }

    @Test
    void flushesAtTheEndOfABoundedInput() throws Exception {
        send(settled("t1", 1, 100, 198));

        harness.processWatermark(Long.MAX_VALUE);

        assertThat(rows()).hasSize(1);
        assertThat(last().get("bets")).isEqualTo("1");
    }

    private void sendQuietly(BetOutcome outcome) {
        try {
            send(outcome);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(BetOutcome outcome) throws Exception {
        harness.processElement(new StreamRecord<>(outcome, outcome.time));
    }

    private void flush() throws Exception {
        now += FLUSH;
        harness.setProcessingTime(now);
    }

    private List<TableRow> rows() {
        return harness.extractOutputValues().stream()
                .filter(r -> r.table.equals(CasinoTables.PLAYER_STATS.name()))
                .toList();
    }

    private List<TableRow> anomalies() {
        return harness.extractOutputValues().stream()
                .filter(r -> r.table.equals(CasinoTables.ANOMALIES.name()))
                .toList();
    }

    private TableRow last() {
        List<TableRow> rows = rows();
        return rows.get(rows.size() - 1);
    }

    private List<LeaderboardUpdate> standings() {
        return values(harness.getSideOutput(PlayerStatsAggregator.LEADERBOARD));
    }

    private List<FeedRecord> feed() {
        return values(harness.getSideOutput(PlayerStatsAggregator.FEED));
    }

    private List<String> poolSignals() {
        return values(harness.getSideOutput(PlayerStatsAggregator.POOL)).stream()
                .map(s -> (s.sign > 0 ? "+" : "-") + "1")
                .toList();
    }

    private static <T> List<T> values(java.util.Queue<StreamRecord<T>> records) {
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).filter(Objects::nonNull).toList();
    }

    private static long time(long slot) {
        return T0 + slot * 400;
    }

    /** A settled bet of ALICE in POOL_A, resolved in the given slot. */
    static BetOutcome settled(String trial, long slot, long wager, long payout) {
        BetOutcome outcome =
                new BetOutcome(
                        trial,
                        ALICE,
                        POOL_A,
                        BigInteger.valueOf(wager),
                        BigInteger.valueOf(payout),
                        0,
                        (double) payout / wager);
        outcome.slot = slot;
        outcome.time = time(slot);
        return outcome;
    }

    private static BetOutcome placed(String trial, long slot) {
        BetOutcome outcome = settled(trial, slot, 100, 0);
        outcome.placement = true;
        outcome.payout = BigInteger.ZERO;
        return outcome;
    }
}
