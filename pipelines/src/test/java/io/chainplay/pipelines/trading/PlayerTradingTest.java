package io.chainplay.pipelines.trading;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.feed.FeedMessage;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.chainplay.pipelines.trading.TradingFixtures.ALICE;
import static io.chainplay.pipelines.trading.TradingFixtures.DAY;
import static io.chainplay.pipelines.trading.TradingFixtures.T0;
import static io.chainplay.pipelines.trading.TradingFixtures.buy;
import static io.chainplay.pipelines.trading.TradingFixtures.fill;
import static io.chainplay.pipelines.trading.TradingFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

class PlayerTradingTest {

    private static final Duration DELAY = Duration.ofMillis(100);
    private static final Duration RETENTION = Duration.ofDays(2);

    private KeyedOneInputStreamOperatorTestHarness<String, Fill, FillRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Fill, FillRow> harness()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new PlayerTrading(DELAY, RETENTION)),
                        (Fill f) -> f.player,
                        Types.STRING);
        h.open();
        return h;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, Fill, FillRow> h, Fill... fills)
            throws Exception {
        for (Fill f : fills) {
            h.processElement(f, f.createdTime);
        }
    }

    private static <T> List<T> side(
            KeyedOneInputStreamOperatorTestHarness<String, Fill, FillRow> h, OutputTag<T> tag) {
        return h.getSideOutput(tag) == null
                ? List.of()
                : h.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    private static Position lastPosition(
            KeyedOneInputStreamOperatorTestHarness<String, Fill, FillRow> h) {
        List<Position> positions = side(h, PlayerTrading.POSITIONS);
        return positions.get(positions.size() - 1);
    }

    @Test
    void fillsOfOneMillisecondApplyInFillIdOrderWhateverOrderTheyArriveIn() throws Exception {
        // Long 1 @ 100, then one millisecond with a sell that flips, a buy that flips back and a
        // sell: the realized PnL depends on the order.
        Fill open = buy(1, "100", "1", T0);
        Fill a = sell(10, "110", "2", T0 + 1_000);
        Fill b = buy(11, "105", "3", T0 + 1_000);
        Fill c = sell(12, "120", "1", T0 + 1_000);

        send(harness, open, c, a, b);
        harness.setProcessingTime(DELAY.toMillis());
        var inOrder = harness();
        send(inOrder, open, a, b, c);
        inOrder.setProcessingTime(DELAY.toMillis());

        // In id order: a closes +10 and opens short 1 @110; b closes it +5 and opens long 2 @105;
        // c closes 1 of it +15. Arrival order c, a, b would give 20 + 10 - 5 = 25.
        Position p = lastPosition(harness);
        assertThat(p.realizedPnl).isEqualByComparingTo("30");
        assertThat(p.size).isEqualByComparingTo("1");
        assertThat(p.avgEntryPrice).isEqualByComparingTo("105");
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.fill.fillId)
                .containsExactly(1L, 10L, 11L, 12L);
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.realizedPnl.stripTrailingZeros().toPlainString())
                .containsExactly("0", "10", "5", "15");
        assertThat(side(harness, PlayerTrading.POSITIONS).toString())
                .isEqualTo(side(inOrder, PlayerTrading.POSITIONS).toString());
        assertThat(side(harness, PlayerTrading.FEED)).isEqualTo(side(inOrder, PlayerTrading.FEED));
        inOrder.close();
    }

    @Test
    void aFillOfTheLastMillisecondArrivingAfterItWasAppliedReappliesItInOrder() throws Exception {
        Fill open = buy(1, "100", "1", T0);
        Fill a = sell(10, "110", "2", T0 + 1_000);
        Fill b = buy(11, "105", "3", T0 + 1_000);
        Fill c = sell(12, "120", "1", T0 + 1_000);
        send(harness, open, c, a);
        harness.setProcessingTime(DELAY.toMillis()); // released without b
        send(harness, b); // too late for the timer
        harness.setProcessingTime(3 * DELAY.toMillis());
        var inOrder = harness();
        send(inOrder, open, a, b, c);
        inOrder.setProcessingTime(DELAY.toMillis());

        assertThat(lastPosition(harness).toString()).isEqualTo(lastPosition(inOrder).toString());
        assertThat(lastPosition(harness).realizedPnl).isEqualByComparingTo("30");
        List<DailyTrades> days = side(harness, PlayerTrading.DAILY);
        assertThat(days.get(days.size() - 1).tradeCount).isEqualTo(4);
        assertThat(days.get(days.size() - 1).realizedPnl).isEqualByComparingTo("30");
        // The last row written per fill is the in-order one.
        Map<Long, String> last = new TreeMap<>();
        for (FillRow r : harness.extractOutputValues()) {
            last.put(r.fill.fillId, r.realizedPnl.toPlainString() + " " + r.positionSize);
        }
        Map<Long, String> expected = new TreeMap<>();
        for (FillRow r : inOrder.extractOutputValues()) {
            expected.put(r.fill.fillId, r.realizedPnl.toPlainString() + " " + r.positionSize);
        }
        assertThat(last).isEqualTo(expected);
        // And once more: another late fill of that millisecond.
        send(harness, sell(13, "100", "1", T0 + 1_000));
        harness.setProcessingTime(5 * DELAY.toMillis());
        assertThat(lastPosition(harness).size).isEqualByComparingTo("0");
        assertThat(lastPosition(harness).tradeCount).isEqualTo(5);
        inOrder.close();
    }

    @Test
    void aLaterMillisecondReleasesTheEarlierOnesAndTheTimerTheLast() throws Exception {
        send(harness, buy(1, "100", "1", T0), buy(2, "100", "1", T0));
        assertThat(harness.extractOutputValues()).isEmpty();
        send(harness, sell(3, "120", "1", T0 + 1));
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.fill.fillId)
                .containsExactly(1L, 2L);
        assertThat(side(harness, PlayerTrading.POSITIONS)).hasSize(1); // one row for the group
        harness.setProcessingTime(DELAY.toMillis());
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.fill.fillId)
                .containsExactly(1L, 2L, 3L);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(lastPosition(harness).realizedPnl).isEqualByComparingTo("20");
    }

    @Test
    void theTimerWaitsForThePlayerToBeQuietForTheDelay() throws Exception {
        send(harness, buy(1, "100", "1", T0));
        harness.setProcessingTime(DELAY.toMillis() - 10);
        send(harness, sell(3, "90", "2", T0)); // same ms, late in processing time
        harness.setProcessingTime(DELAY.toMillis() + 10);
        assertThat(harness.extractOutputValues()).isEmpty();
        send(harness, sell(2, "110", "2", T0));
        harness.setProcessingTime(3 * DELAY.toMillis());
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.fill.fillId)
                .containsExactly(1L, 2L, 3L);
        assertThat(lastPosition(harness).realizedPnl).isEqualByComparingTo("10");
    }

    @Test
    void theWatermarkReleasesOnlyTheFillsItHasPassed() throws Exception {
        send(harness, buy(1, "100", "1", T0));
        send(harness, buy(2, "100", "1", T0 + 10_000)); // releases fill 1
        harness.processWatermark(T0 + 5_000); // fill 1's timer: fill 2 is not passed yet
        send(harness, sell(4, "110", "3", T0 + 10_000));
        send(harness, sell(3, "120", "1", T0 + 10_000));
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.fill.fillId)
                .containsExactly(1L);
        harness.processWatermark(T0 + 10_000);
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.fill.fillId)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(lastPosition(harness).realizedPnl).isEqualByComparingTo("30"); // 4 before 3: 20
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aFillSeenAgainIsDropped() throws Exception {
        Fill f = buy(1, "100", "1", T0);
        send(harness, f, f);
        harness.setProcessingTime(DELAY.toMillis());
        send(harness, buy(1, "100", "1", T0)); // again, after it was applied
        harness.setProcessingTime(2 * DELAY.toMillis());
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(lastPosition(harness).size).isEqualByComparingTo("1");
        assertThat(lastPosition(harness).tradeCount).isEqualTo(1);
    }

    @Test
    void keepsTheDailyLedgerPerUtcDayAcrossMarketsAndVenues() throws Exception {
        Fill eth = fill(5, ALICE, "ETH-USD", true, "2000", "0.5", "0.4", T0 + DAY - 1);
        Fill btc = fill(6, ALICE, "BTC-USD", true, "50000", "0.01", "-0.1", T0 + DAY - 1);
        btc.venue = "other";
        Fill next = fill(7, ALICE, "ETH-USD", false, "2100", "0.5", "0.2", T0 + DAY);
        send(harness, eth, btc, next);
        harness.setProcessingTime(DELAY.toMillis());

        List<DailyTrades> days = side(harness, PlayerTrading.DAILY);
        DailyTrades first = days.get(0);
        assertThat(first.day).isEqualTo(DailyTrades.dayOf(T0));
        assertThat(first.tradeCount).isEqualTo(2);
        assertThat(first.volume).isEqualByComparingTo("1500"); // 1000 + 500
        assertThat(first.fees).isEqualByComparingTo("0.3");
        assertThat(first.firstFillVenue).isEqualTo("extended"); // extended < other at one ms
        assertThat(first.firstFillId).isEqualTo(5);
        DailyTrades second = days.get(1);
        assertThat(second.day).isEqualTo(DailyTrades.dayOf(T0) + 1);
        assertThat(second.tradeCount).isEqualTo(1);
        assertThat(second.realizedPnl).isEqualByComparingTo("50");
        assertThat(side(harness, PlayerTrading.POSITIONS))
                .extracting(p -> p.venue + " " + p.market)
                .containsExactly("extended ETH-USD", "other BTC-USD", "extended ETH-USD");

        FeedMessage filled =
                FeedMessage.parse(
                        side(harness, PlayerTrading.FEED).stream()
                                .map((FeedRecord r) -> r.json)
                                .filter(j -> j.contains("\"trade:extended:7\""))
                                .findFirst()
                                .orElseThrow());
        assertThat(filled.type()).isEqualTo("trade.filled");
        assertThat(filled.timestamp()).isEqualTo(T0 + DAY);
        assertThat(filled.data().get("player").asText()).isEqualTo(ALICE);
        assertThat(filled.data().get("realizedPnl").asText()).isEqualTo("50");
        assertThat(filled.data().get("positionSize").asText()).isEqualTo("0");
        assertThat(filled.data().get("avgEntryPrice").isNull()).isTrue();
        assertThat(filled.data().get("tradeCount").asLong()).isEqualTo(1);
    }

    @Test
    void aFillOlderThanTheDedupWindowIsDeadLetteredAndOldIdsAreForgotten() throws Exception {
        send(harness, buy(1, "100", "1", T0));
        harness.setProcessingTime(DELAY.toMillis());
        long later = T0 + RETENTION.toMillis() + DAY;
        send(harness, buy(2, "100", "1", later));
        harness.setProcessingTime(2 * DELAY.toMillis());
        send(harness, buy(1, "100", "1", T0)); // a replay of fill 1, now too old to tell
        harness.setProcessingTime(3 * DELAY.toMillis());

        assertThat(harness.extractOutputValues()).hasSize(2);
        List<DeadLetterRecord> letters = side(harness, PlayerTrading.DEAD_LETTERS);
        assertThat(letters)
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.reason)
                                    .contains("extended:1")
                                    .contains("older than the dedup window");
                            assertThat(l.position).isEqualTo("test@1");
                        });
        assertThat(lastPosition(harness).size).isEqualByComparingTo(BigDecimal.valueOf(2));
    }

    @Test
    void bufferedFillsAndTheirTimerSurviveASnapshot() throws Exception {
        send(harness, buy(1, "100", "1", T0), sell(2, "90", "3", T0));
        harness.setProcessingTime(10);
        var snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = harness();
        harness.close();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new PlayerTrading(DELAY, RETENTION)),
                        (Fill f) -> f.player,
                        Types.STRING);
        harness.setProcessingTime(DELAY.toMillis() - 1); // restored within the delay
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(DELAY.toMillis());
        // The restored timer waits the delay again: fills after the checkpoint are re-read.
        assertThat(harness.extractOutputValues()).isEmpty();
        send(harness, sell(2, "90", "3", T0)); // the source replays it: a duplicate
        harness.setProcessingTime(3 * DELAY.toMillis());
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(lastPosition(harness).size).isEqualByComparingTo("-2");
        assertThat(lastPosition(harness).realizedPnl).isEqualByComparingTo("-10");
    }
}
