package io.chainplay.pipelines.trading;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a player's fills, in (createdTime, venue, fill id) order, to its positions and its
 * daily-trade ledger. Keyed by player wallet; emits the {@code trading.fills} rows, and as side
 * outputs the positions and daily rows it changed, the feed messages and dead letters.
 *
 * <p><b>Order.</b> The result depends on the order of the fills when a position is reduced and
 * added to, and above all when it flips; the fills of one taker order crossing several price levels
 * share a millisecond, and BATCH mode sorts a key's input by timestamp only, leaving ties in any
 * order. So fills wait in a buffer: when a fill arrives, the buffered fills of earlier milliseconds
 * are applied, sorted; the rest is applied, sorted, when a processing-time timer {@code
 * reorderDelay} after the first of them fires. In STREAMING that bounds the latency to the delay;
 * in BATCH processing-time timers do not fire between two records of a key but when the key's input
 * ends (checked in Flink 2.0.2's {@code BatchExecutionInternalTimeService}, which fires the key's
 * event-time and then its processing-time timers on the next key), so the last group is applied
 * there. A fill of the millisecond applied last that arrives after it was released (a stall longer
 * than the delay, a restore) takes that millisecond back and applies it again in order ({@code
 * reappliedMilliseconds}). So a key's fills apply in the same total order in both modes whenever
 * they arrive in createdTime order, ties in any order (the fills source writes a player's fills in
 * time order); a fill older than the latest millisecond applied is applied in arrival order and
 * counted ({@code outOfOrderFills}).
 *
 * <p><b>Duplicates.</b> The fills source is at-least-once (a fill can come from the account stream
 * and again from the REST catch-up), so fill ids applied in the last {@code retention} of event
 * time (before the player's latest fill) are kept and a fill seen again is dropped ({@code
 * duplicateFills}). A fill older than that window can no longer be told from a duplicate, and its
 * day's ledger row is gone from state, so it is dead-lettered instead of being applied twice or
 * overwriting the day's row with partial totals. Flink's own replays after a failure need none of
 * this: state and source offsets restore together.
 *
 * <p><b>State, and what bounds it.</b> Positions: one per venue and market ever traded, kept for
 * good (they hold the running totals, like a balance). Seen fill ids and daily rows: pruned to the
 * retention window each time the player's fills reach a new UTC day, so a player holds at most
 * {@code retention} plus one day of them, and an idle player keeps its last window (bounded, not
 * growing). Buffer: emptied by the timer.
 */
public class PlayerTrading extends KeyedProcessFunction<String, Fill, FillRow> {

    public static final OutputTag<Position> POSITIONS =
            new OutputTag<>("positions", TypeInformation.of(Position.class));
    public static final OutputTag<DailyTrades> DAILY =
            new OutputTag<>("daily-trades", TypeInformation.of(DailyTrades.class));
    public static final OutputTag<FeedRecord> FEED =
            new OutputTag<>("feed", TypeInformation.of(FeedRecord.class));
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("trading-dead-letters", TypeInformation.of(DeadLetterRecord.class));

    private final long reorderDelayMillis;
    private final long retentionMillis;

    /** venue + '\u0001' + market → position. */
    private transient MapState<String, Position> positions;

    /** UTC day → that day's ledger row, for the days within the retention window. */
    private transient MapState<Long, DailyTrades> days;

    /** venue:fillId → createdTime of every fill applied or buffered within the window. */
    private transient MapState<String, Long> seen;

    private transient ListState<Fill> buffer;

    /** The pending processing-time timer, if any. */
    private transient ValueState<Long> flushAt;

    /** createdTime of the latest fill applied. */
    private transient ValueState<Long> latest;

    // The latest millisecond applied, to take back if another fill of it arrives: its time, its
    // fills, and the positions and day row as they were before it.
    private transient ValueState<Long> groupTime;
    private transient ListState<Fill> groupFills;
    private transient MapState<String, Position> groupBefore;
    private transient ValueState<DailyTrades> groupDayBefore;

    /** Processing time this instance started (or restored) at. */
    private transient long startedAt;

    private transient Counter duplicateFills;
    private transient Counter outOfOrderFills;
    private transient Counter lateFills;
    private transient Counter reappliedMilliseconds;

    public PlayerTrading(Duration reorderDelay, Duration retention) {
        this.reorderDelayMillis = reorderDelay.toMillis();
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        positions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "positions",
                                        Types.STRING,
                                        TypeInformation.of(Position.class)));
        days =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "days", Types.LONG, TypeInformation.of(DailyTrades.class)));
        seen =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
        buffer =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "buffer", TypeInformation.of(Fill.class)));
        flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-at", Types.LONG));
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.LONG));
        groupTime =
                getRuntimeContext().getState(new ValueStateDescriptor<>("group-time", Types.LONG));
        groupFills =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "group-fills", TypeInformation.of(Fill.class)));
        groupBefore =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "group-before",
                                        Types.STRING,
                                        TypeInformation.of(Position.class)));
        groupDayBefore =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "group-day-before", TypeInformation.of(DailyTrades.class)));
        startedAt =
                ((StreamingRuntimeContext) getRuntimeContext())
                        .getProcessingTimeService()
                        .getCurrentProcessingTime();
        var metrics = getRuntimeContext().getMetricGroup();
        duplicateFills = metrics.counter("duplicateFills");
        outOfOrderFills = metrics.counter("outOfOrderFills");
        lateFills = metrics.counter("lateFills");
        reappliedMilliseconds = metrics.counter("reappliedMilliseconds");
    }

    @Override
    public void processElement(Fill fill, Context ctx, Collector<FillRow> out) throws Exception {
        String id = fill.id();
        if (seen.contains(id)) {
            duplicateFills.inc();
            return;
        }
        Long latestTime = latest.value();
        if (latestTime != null && fill.createdTime < latestTime - retentionMillis) {
            lateFills.inc();
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetterRecord.ofEvent(
                            TradingJob.SOURCE_NAME,
                            fill.position,
                            "Fill "
                                    + id
                                    + " at "
                                    + fill.createdTime
                                    + " is older than the dedup window ("
                                    + retentionMillis
                                    + " ms before the player's latest fill at "
                                    + latestTime
                                    + "): it cannot be told from a duplicate"));
            return;
        }
        seen.put(id, fill.createdTime);
        Long applied = groupTime.value();
        if (applied != null && fill.createdTime == applied) {
            // A fill of the millisecond applied last, arriving after it was released (a stall
            // longer than the delay, a restore): take that millisecond back and apply it again
            // with this fill, in order. Its rows are written again with the corrected values.
            takeBack(applied);
            reappliedMilliseconds.inc();
        }

        // Buffered fills of earlier milliseconds cannot be overtaken any more: apply them now.
        List<Fill> due = new ArrayList<>();
        List<Fill> waiting = new ArrayList<>();
        for (Fill f : buffer.get()) {
            (f.createdTime < fill.createdTime ? due : waiting).add(f);
        }
        waiting.add(fill);
        if (!due.isEmpty()) {
            apply(due, ctx, out);
        }
        buffer.update(waiting);
        // Also at the fill's event time: a bounded STREAMING run ends with the final watermark,
        // which fires event-time timers, while its pending processing-time timers are dropped.
        ctx.timerService().registerEventTimeTimer(fill.createdTime);
        // Debounced: the group waits until the player has been quiet for the delay, so a timer
        // cannot fall between two fills of one order that arrive back to back.
        Long previous = flushAt.value();
        if (previous != null) {
            ctx.timerService().deleteProcessingTimeTimer(previous);
        }
        long at = ctx.timerService().currentProcessingTime() + reorderDelayMillis;
        ctx.timerService().registerProcessingTimeTimer(at);
        flushAt.update(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FillRow> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (timestamp - reorderDelayMillis < startedAt) {
                // Set before a restore: the fills after the checkpoint, which may complete this
                // millisecond, are being read again. Give them the delay before applying.
                long at = ctx.timerService().currentProcessingTime() + reorderDelayMillis;
                ctx.timerService().registerProcessingTimeTimer(at);
                flushAt.update(at);
                return;
            }
            flushAt.clear();
        }
        // An event-time timer releases only the fills the watermark has passed: a later
        // millisecond in the buffer may still be arriving (the watermark can come between two
        // fills of one order).
        long upTo = ctx.timeDomain() == TimeDomain.EVENT_TIME ? timestamp : Long.MAX_VALUE;
        List<Fill> due = new ArrayList<>();
        List<Fill> waiting = new ArrayList<>();
        for (Fill f : buffer.get()) {
            (f.createdTime <= upTo ? due : waiting).add(f);
        }
        if (!due.isEmpty()) {
            buffer.update(waiting);
            apply(due, ctx, out);
        }
    }

    /** Applies fills in order and emits the rows and messages; one row per position and day. */
    private void apply(List<Fill> fills, Context ctx, Collector<FillRow> out) throws Exception {
        fills.sort(Fill.ORDER);
        Map<String, Position> changed = new LinkedHashMap<>();
        Map<Long, DailyTrades> changedDays = new LinkedHashMap<>();
        Long latestTime = latest.value();
        long millisecond = Long.MIN_VALUE;
        boolean tracked = false;
        for (Fill fill : fills) {
            if (latestTime != null && fill.createdTime < latestTime) {
                outOfOrderFills.inc();
            }
            if (fill.createdTime != millisecond) {
                millisecond = fill.createdTime;
                clearGroup();
                // Only the newest millisecond can be taken back; an older one arriving late
                // changes positions after it, and the previous group is no longer a clean cut.
                tracked = latestTime == null || millisecond >= latestTime;
                if (tracked) {
                    groupTime.update(millisecond);
                }
            }
            String key = fill.venue + '\u0001' + fill.market;
            Position position = changed.get(key);
            if (position == null) {
                position = positions.get(key);
                if (position == null) {
                    position = new Position(fill.venue, fill.player, fill.market);
                }
                changed.put(key, position);
            }
            long day = DailyTrades.dayOf(fill.createdTime);
            DailyTrades ledger = changedDays.get(day);
            if (ledger == null) {
                ledger = days.get(day);
                if (ledger == null) {
                    ledger = new DailyTrades();
                }
                changedDays.put(day, ledger);
            }
            if (tracked) {
                if (!groupBefore.contains(key)) {
                    groupBefore.put(key, position.copy());
                }
                if (groupDayBefore.value() == null) {
                    groupDayBefore.update(ledger.copy());
                }
                groupFills.add(fill);
            }

            BigDecimal realized = position.apply(fill);
            ledger.add(fill, realized);

            out.collect(new FillRow(fill, realized, position));
            ctx.output(FEED, TradingFeed.filled(fill, realized, position, ledger));
            if (latestTime == null || fill.createdTime > latestTime) {
                if (latestTime != null && day > DailyTrades.dayOf(latestTime)) {
                    prune(fill.createdTime - retentionMillis);
                }
                latestTime = fill.createdTime;
            }
        }
        latest.update(latestTime);
        for (Map.Entry<String, Position> e : changed.entrySet()) {
            positions.put(e.getKey(), e.getValue());
            ctx.output(POSITIONS, e.getValue().copy());
            ctx.output(FEED, TradingFeed.positionUpdated(e.getValue()));
        }
        for (Map.Entry<Long, DailyTrades> e : changedDays.entrySet()) {
            days.put(e.getKey(), e.getValue());
            ctx.output(DAILY, e.getValue().copy());
        }
    }

    /** Restores the positions and day row from before millisecond {@code time}; re-buffers it. */
    private void takeBack(long time) throws Exception {
        for (Map.Entry<String, Position> e : groupBefore.entries()) {
            if (e.getValue().tradeCount == 0) {
                positions.remove(e.getKey());
            } else {
                positions.put(e.getKey(), e.getValue());
            }
        }
        DailyTrades dayBefore = groupDayBefore.value();
        long day = DailyTrades.dayOf(time);
        if (dayBefore == null || dayBefore.tradeCount == 0) {
            days.remove(day);
        } else {
            days.put(day, dayBefore);
        }
        List<Fill> again = new ArrayList<>();
        buffer.get().forEach(again::add);
        groupFills.get().forEach(again::add);
        buffer.update(again);
        clearGroup();
    }

    private void clearGroup() {
        groupTime.clear();
        groupFills.clear();
        groupBefore.clear();
        groupDayBefore.clear();
    }

    /** Forgets fill ids and days before {@code before}: the fills it refuses from now on. */
    private void prune(long before) throws Exception {
        for (Iterator<Map.Entry<String, Long>> it = seen.iterator(); it.hasNext(); ) {
            if (it.next().getValue() < before) {
                it.remove();
            }
        }
        long firstDay = DailyTrades.dayOf(before);
        for (Iterator<Long> it = days.keys().iterator(); it.hasNext(); ) {
            if (it.next() < firstDay) {
                it.remove();
            }
        }
    }
}
