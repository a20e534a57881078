package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.feed.FeedMessage;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chainplay.pipelines.earnings.EarningsFixtures.ALICE;
import static io.chainplay.pipelines.earnings.EarningsFixtures.BOB;
import static io.chainplay.pipelines.earnings.EarningsFixtures.DAY;
import static io.chainplay.pipelines.earnings.EarningsFixtures.HOUR;
import static io.chainplay.pipelines.earnings.EarningsFixtures.SOL;
import static io.chainplay.pipelines.earnings.EarningsFixtures.T0;
import static io.chainplay.pipelines.earnings.EarningsFixtures.claimed;
import static io.chainplay.pipelines.earnings.EarningsFixtures.created;
import static io.chainplay.pipelines.earnings.EarningsFixtures.earn;
import static io.chainplay.pipelines.earnings.EarningsFixtures.joined;
import static io.chainplay.pipelines.earnings.EarningsFixtures.sold;
import static io.chainplay.pipelines.earnings.EarningsFixtures.tx;
import static io.chainplay.pipelines.earnings.EarningsFixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

/** The player operator in Flink's harness: timers, state, the reorg window, restore. */
class PlayerEarningsTest {

    private PlayerEarnings function;
    private KeyedBroadcastOperatorTestHarness<String, MafiaEvent, Long, HistoryRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(null);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private KeyedBroadcastOperatorTestHarness<String, MafiaEvent, Long, HistoryRow> harness(
            OperatorSubtaskState restore) throws Exception {
        function = new PlayerEarnings(EarningsFixtures.timeline(), EarningsFixtures.retention());
        KeyedBroadcastOperatorTestHarness<String, MafiaEvent, Long, HistoryRow> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                function, List.of(PlayerEarnings.INPUT_END)),
                        e -> e.player,
                        Types.STRING,
                        128,
                        1,
                        0);
        h.setup();
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private void send(MafiaEvent... events) throws Exception {
        for (MafiaEvent e : events) {
            harness.processElement(e, e.eventTime);
        }
    }

    private void watermark(long seconds) throws Exception {
        harness.watermark(seconds * 1000);
    }

    private List<HistoryRow> history() {
        return harness.extractOutputValues();
    }

    private <T> List<T> side(OutputTag<T> tag) {
        return harness.getSideOutput(tag) == null
                ? List.of()
                : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    private PlayerState state(String player) throws Exception {
        ((AbstractStreamOperator<?>) harness.getOperator()).setCurrentKey(player);
        return function.players.value();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>)
                        ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    @Test
    void eventsWaitForTheWatermarkAndTheDueFiresAtItsTime() throws Exception {
        send(joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0 + 100));
        assertThat(history()).isEmpty();
        assertThat(side(PlayerEarnings.PLAYERS)).isEmpty();

        watermark(T0 + 100);
        assertThat(last(PlayerEarnings.PLAYERS).businesses).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("the next due").isEqualTo(1);
        assertThat(history()).isEmpty();

        watermark(T0 + HOUR);
        assertThat(history())
                .singleElement()
                .satisfies(r -> assertThat(r.newBalance).isEqualTo(earn(SOL, 200, HOUR - 100)));
        DueRecord due = side(PlayerEarnings.DUES).get(0);
        assertThat(due.dueAt).isEqualTo((T0 + HOUR) * 1000);
        FeedMessage feed = FeedMessage.parse(side(PlayerEarnings.FEED).get(0).json);
        assertThat(feed.type()).isEqualTo("earnings.updated");
        assertThat(feed.id()).isEqualTo("earnings:" + ALICE + ":" + (T0 + HOUR));
        assertThat(feed.data().get("totalPending").asText())
                .isEqualTo(Long.toString(earn(SOL, 200, HOUR - 100)));
        // The next due, and the end of the reorg window of the business's creation.
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        assertThat(keyedStateEntries())
                .as("the player's state and horizon; no buffer")
                .isEqualTo(2);
        assertThat(side(PlayerEarnings.BUSINESSES).get(1).rows)
                .singleElement()
                .satisfies(b -> assertThat(b.earnedAsOf).isEqualTo(T0 + HOUR));

        watermark(T0 + HOUR + 2 * HOUR);
        PlayerState st = state(ALICE);
        assertThat(st.journal).as("settled events leave the reorg window").isEmpty();
        assertThat(st.base).isNull();
        assertThat(function.buffer.get()).isEmpty();
    }

    @Test
    void eventsOutOfOrderWithinTheWatermarkGiveTheSameRows() throws Exception {
        send(created(ALICE, 0, 0, SOL, T0 + 100), joined(ALICE, T0, T0 + HOUR));
        watermark(T0 + HOUR);

        assertThat(history())
                .singleElement()
                .satisfies(r -> assertThat(r.newBalance).isEqualTo(earn(SOL, 200, HOUR - 100)));
        assertThat(side(PlayerEarnings.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void aReorgInTheMiddleOfAnAccrualPeriodUndoesThePurchaseAndTheAccrualAfterIt()
            throws Exception {
        MafiaEvent second = created(ALICE, 1, 1, 2 * SOL, T0 + HOUR - 600);
        send(joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0), second);
        watermark(T0 + HOUR + 60);
        long both = earn(SOL, 200, HOUR) + earn(2 * SOL, 180, 600);
        assertThat(history())
                .singleElement()
                .satisfies(r -> assertThat(r.newBalance).isEqualTo(both));
        harness.getOutput().clear();

        send(second.withKind(EventKind.RETRACTED));

        HistoryRow corrected = history().get(0);
        assertThat(corrected.entryId).isEqualTo("due:" + (T0 + HOUR));
        assertThat(corrected.newBalance).isEqualTo(earn(SOL, 200, HOUR));
        assertThat(corrected.amount).isEqualTo(earn(SOL, 200, HOUR));
        BusinessRows businesses = last(PlayerEarnings.BUSINESSES);
        assertThat(businesses.rows)
                .singleElement()
                .satisfies(b -> assertThat(b.businessNo == 2 && b.deleted).isTrue());
        PlayerRow player = last(PlayerEarnings.PLAYERS);
        assertThat(player.businesses).isEqualTo(1);
        assertThat(player.totalInvested).isEqualTo(SOL);
        assertThat(player.pendingEarnings).isEqualTo(earn(SOL, 200, HOUR));
        StatsDelta undo = last(PlayerEarnings.STATS);
        assertThat(undo.businesses).isEqualTo(-1);
        assertThat(undo.totalInvested).isEqualTo(-2 * SOL);
        assertThat(undo.totalPending).isEqualTo(-earn(2 * SOL, 180, 600));
        assertThat(side(PlayerEarnings.FEED).get(side(PlayerEarnings.FEED).size() - 1).json)
                .contains(":corrected:retracted:" + second.copyId());

        // The next day's due runs without the retracted business, exactly as if it never was.
        watermark(T0 + HOUR + DAY);
        assertThat(history().get(history().size() - 1).newBalance)
                .isEqualTo(earn(SOL, 200, HOUR + DAY));
    }

    @Test
    void aRetractedClaimRestoresPending() throws Exception {
        long at = T0 + HOUR + 100;
        long pending = earn(SOL, 200, at - T0);
        MafiaEvent[] claim =
                tx(
                        "claim",
                        updated(ALICE, pending, pending, T0 + 2 * HOUR, 1, at),
                        claimed(ALICE, pending, at));
        send(joined(ALICE, T0 - 10, T0 + 2 * HOUR), created(ALICE, 0, 0, SOL, T0));
        send(claim);
        watermark(T0 + 2 * HOUR);
        assertThat(history()).extracting(r -> r.eventType).containsExactly("claim", "update");
        assertThat(history().get(1).newBalance).isEqualTo(earn(SOL, 200, 2 * HOUR - (at - T0)));

        for (MafiaEvent e : claim) {
            send(e.withKind(EventKind.RETRACTED));
        }

        assertThat(history().subList(2, history().size()))
                .extracting(r -> r.eventType + (r.deleted ? " deleted" : " " + r.newBalance))
                .containsExactlyInAnyOrder("update " + earn(SOL, 200, 2 * HOUR), "claim deleted");
        assertThat(last(PlayerEarnings.PLAYERS).totalClaimed).isZero();
        assertThat(side(PlayerEarnings.RECONCILIATION)).isEmpty();
    }

    @Test
    void aRetractedSaleMakesTheBusinessEarnAgain() throws Exception {
        long at = T0 + HOUR - 100;
        long pending = earn(SOL, 200, at - T0);
        MafiaEvent[] sale =
                tx(
                        "sale",
                        updated(ALICE, pending, pending, T0 + HOUR, 1, at),
                        sold(ALICE, 0, 0, SOL, 0, 25, 0, 25, SOL * 3 / 4, at));
        send(joined(ALICE, T0 - 10, T0 + HOUR), created(ALICE, 0, 0, SOL, T0));
        send(sale);
        watermark(T0 + HOUR);
        assertThat(history()).as("no business, no due").isEmpty();
        assertThat(last(PlayerEarnings.BUSINESSES).rows[0].status).isEqualTo("sold");
        assertThat(state(ALICE).timerAt).as("no due set").isEqualTo((T0 + HOUR) * 1000);
        assertThat(harness.numEventTimeTimers()).as("only the reorg window's end").isEqualTo(1);

        for (MafiaEvent e : sale) {
            send(e.withKind(EventKind.RETRACTED));
        }

        assertThat(history())
                .singleElement()
                .satisfies(r -> assertThat(r.newBalance).isEqualTo(earn(SOL, 200, HOUR)));
        assertThat(last(PlayerEarnings.BUSINESSES).rows[0].status).isEqualTo("active");
        assertThat(last(PlayerEarnings.PLAYERS).totalReturned).isZero();
        assertThat(state(ALICE).timerAt).as("due again").isEqualTo((T0 + HOUR + DAY) * 1000);
        watermark(T0 + HOUR + DAY);
        assertThat(history()).hasSize(2);
    }

    @Test
    void aRetractionThatArrivesBeforeTheWatermarkMeansTheEventNeverHappened() throws Exception {
        MafiaEvent business = created(ALICE, 0, 0, SOL, T0 + 100);
        send(joined(ALICE, T0, T0 + HOUR), business, business.withKind(EventKind.RETRACTED));
        watermark(T0 + 2 * HOUR);

        assertThat(history()).isEmpty();
        assertThat(side(PlayerEarnings.BUSINESSES)).isEmpty();
        assertThat(last(PlayerEarnings.PLAYERS).businesses).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void duplicatesAndFinalizationsCountOnce() throws Exception {
        MafiaEvent business = created(ALICE, 0, 0, SOL, T0 + 100);
        send(
                joined(ALICE, T0, T0 + HOUR),
                business,
                business.copy(),
                business.withKind(EventKind.FINALIZED));
        watermark(T0 + 200);
        send(business.copy(), business.withKind(EventKind.FINALIZED));
        watermark(T0 + HOUR);

        assertThat(last(PlayerEarnings.PLAYERS).businesses).isEqualTo(1);
        assertThat(history())
                .singleElement()
                .satisfies(r -> assertThat(r.businessCount).isEqualTo(1));
        assertThat(side(PlayerEarnings.DEAD_LETTERS)).isEmpty();
        assertThat(state(ALICE).journal)
                .singleElement()
                .satisfies(e -> assertThat(e.kind).isEqualTo(EventKind.FINALIZED))
                .isNotNull();
    }

    @Test
    void aLateEventWithinTheWindowCorrectsTheDuesItMissedAndOneBeyondItIsRefused()
            throws Exception {
        send(joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0));
        watermark(T0 + HOUR + 60);
        assertThat(history()).hasSize(1);

        MafiaEvent late = created(ALICE, 1, 1, 2 * SOL, T0 + HOUR - 600);
        send(late);
        assertThat(history().get(1).entryId).isEqualTo("due:" + (T0 + HOUR));
        assertThat(history().get(1).newBalance)
                .isEqualTo(earn(SOL, 200, HOUR) + earn(2 * SOL, 180, 600));

        watermark(T0 + HOUR + DAY); // the next due moves the window past the late event's time
        MafiaEvent tooLate = created(ALICE, 2, 1, 2 * SOL, T0 + HOUR - 300);
        send(tooLate);
        DeadLetterRecord letter = side(PlayerEarnings.DEAD_LETTERS).get(0);
        assertThat(letter.position).isEqualTo(tooLate.eventId);
        assertThat(letter.reason).contains("more than the reorg window");
    }

    @Test
    void aBoundedInputAccruesToItsEndAndSetsNoTimerPastIt() throws Exception {
        send(joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0));
        harness.processBroadcastElement((T0 + HOUR + DAY + 5) * 1000, (T0 + HOUR + DAY + 5) * 1000);
        harness.watermark(Long.MAX_VALUE);

        assertThat(history())
                .extracting(r -> r.at / 1000)
                .containsExactly(T0 + HOUR, T0 + HOUR + DAY);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void timersSurviveASnapshotAndFireOnceAfterRestore() throws Exception {
        send(joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0));
        send(joined(BOB, T0, T0 + 2 * HOUR), created(BOB, 0, 1, 2 * SOL, T0));
        watermark(T0 + HOUR);
        MafiaEvent pending = created(BOB, 1, 0, SOL, T0 + HOUR + 10); // buffered, not applied
        send(pending);
        assertThat(history()).hasSize(1);

        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();
        harness = harness(snapshot);
        assertThat(harness.numEventTimeTimers()).isEqualTo(3); // two dues and the buffered event

        watermark(T0 + HOUR + DAY);
        List<HistoryRow> dues = history().stream().filter(r -> !r.isPurge()).toList();
        assertThat(dues)
                .extracting(r -> (r.player.equals(ALICE) ? "alice " : "bob ") + (r.at / 1000 - T0))
                // Bob's due; alice's first due, written again when she is first touched after the
                // restore (at her next due); her next due.
                .containsExactly("bob " + 2 * HOUR, "alice " + HOUR, "alice " + (HOUR + DAY));
        assertThat(dues.get(0).newBalance)
                .isEqualTo(earn(2 * SOL, 180, 2 * HOUR) + earn(SOL, 200, HOUR - 10));
        // Each player's rows from its reorg window on are deleted and written again, once.
        assertThat(history().stream().filter(HistoryRow::isPurge))
                .extracting(r -> r.player)
                .containsExactlyInAnyOrder(ALICE, BOB);
        watermark(T0 + HOUR + DAY); // the same watermark again fires nothing
        assertThat(history()).hasSize(5);
    }

    @Test
    void aStateRestoredFromTheFirstFormatKeepsItsWaitingEventsAndItsReorgWindow() throws Exception {
        MafiaEvent second = created(ALICE, 1, 1, 2 * SOL, T0 + HOUR - 600);
        send(joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0), second);
        watermark(T0 + HOUR + 60);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();
        harness = harness(snapshot);
        // What a savepoint of the first format restores to: no horizon of its own, and the
        // events that waited inside the player's state (their timers restored beside it).
        PlayerState st = state(ALICE);
        MafiaEvent waiting = created(ALICE, 2, 0, SOL, T0 + HOUR + 120);
        st.legacyBuffer = new java.util.ArrayList<>(List.of(waiting));
        function.players.update(st);
        function.horizons.clear();
        harness.getOutput().clear();

        // Before its horizon: a retraction of the window, not one more waiting event.
        send(second.withKind(EventKind.RETRACTED));
        assertThat(history().stream().filter(r -> !r.isPurge() && !r.deleted))
                .extracting(r -> r.newBalance)
                .contains(earn(SOL, 200, HOUR));
        assertThat(state(ALICE).legacyBuffer).isNull();
        assertThat(function.buffer.get()).containsExactly(waiting);

        // (The first format's timer for the waiting event is not in this harness's snapshot; a
        // new event after it sets one.)
        send(created(ALICE, 3, 0, SOL, T0 + HOUR + 121));
        watermark(T0 + HOUR + 121);
        assertThat(last(PlayerEarnings.PLAYERS).businesses).isEqualTo(3);
        assertThat(function.buffer.get()).isEmpty();
        assertThat(side(PlayerEarnings.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void theStateOfAPlayerWhoseJoiningIsRetractedGoesAway() throws Exception {
        MafiaEvent joining = joined(ALICE, T0, T0 + HOUR);
        send(joining);
        watermark(T0 + 10);
        assertThat(keyedStateEntries()).isEqualTo(2);

        send(joining.withKind(EventKind.RETRACTED));

        assertThat(last(PlayerEarnings.PLAYERS).deleted).isTrue();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void eventsStillRefusedWhenTheyLeaveTheReorgWindowGoToDeadLetters() throws Exception {
        send(joined(ALICE, T0, T0 + HOUR), sold(ALICE, 3, 0, SOL, 0, 25, 0, 25, SOL, T0 + 5));
        watermark(T0 + 10);
        assertThat(side(PlayerEarnings.DEAD_LETTERS))
                .as("a late creation could still make the sale valid")
                .isEmpty();

        watermark(T0 + 5 + HOUR);

        assertThat(side(PlayerEarnings.DEAD_LETTERS))
                .singleElement()
                .satisfies(d -> assertThat(d.reason).contains("no business in slot 3 to sell"));
    }

    private <T> T last(OutputTag<T> tag) {
        List<T> values = side(tag);
        assertThat(values).as(tag.getId()).isNotEmpty();
        return values.get(values.size() - 1);
    }
}
