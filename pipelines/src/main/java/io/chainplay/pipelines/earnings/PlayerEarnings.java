package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps each player's economy and fires its scheduled earnings updates on event-time timers.
 *
 * <p>Keyed by player wallet. Events wait in the player's buffer until the watermark passes them (an
 * event-time timer at the event's block time), then apply in chain order; the player's next due is
 * one more event-time timer. A timer applies what is ready and fires the dues up to its time
 * ({@link Timeline}), so the same code runs in STREAMING and in BATCH, where all of a key's timers
 * fire in time order when its input ends: a backfill gives the same rows as the live run.
 *
 * <p>Main output: {@code earnings.earnings_history} rows. Side outputs: player rows, business rows,
 * reconciliation rows, due records, feed messages, global-stats deltas and dead letters.
 *
 * <p>Reorgs and late events: events applied in the last {@code retention} of event time stay in a
 * journal beside the ledger as it was before them. A retraction of one of them, or an event that
 * arrives after the watermark passed its time, replays that window with the change and writes the
 * difference: rows that change are upserted, rows that no longer exist deleted, the stats delta
 * sent back. Older changes are refused to {@code dlq.earnings}: the retention is the reorg and
 * dedup window.
 *
 * <p>Restores: the tables are written at-least-once, so the first time a player is touched after a
 * restore its rows from the reorg window on are written again (see {@link #rewrite}).
 *
 * <p>Bounded input: the second input carries the input's last event time once it has been read (see
 * {@link InputEndTime}); no due after it fires and no timer is set past it.
 */
public class PlayerEarnings
        extends KeyedBroadcastProcessFunction<String, MafiaEvent, Long, HistoryRow>
        implements CheckpointedFunction {

    public static final OutputTag<PlayerRow> PLAYERS = new OutputTag<>("players") {};
    public static final OutputTag<BusinessRows> BUSINESSES = new OutputTag<>("businesses") {};
    public static final OutputTag<ReconciliationRow> RECONCILIATION =
            new OutputTag<>("reconciliation") {};
    public static final OutputTag<DueRecord> DUES = new OutputTag<>("dues") {};
    public static final OutputTag<FeedRecord> FEED = new OutputTag<>("feed") {};
    public static final OutputTag<StatsDelta> STATS = new OutputTag<>("stats") {};
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("earnings-dead-letters") {};

    /** Broadcast state: the input's last event time, once a bounded input has been read. */
    public static final MapStateDescriptor<String, Long> INPUT_END =
            new MapStateDescriptor<>("input-end", Types.STRING, Types.LONG);

    private static final String END = "end";

    private final Timeline timeline;
    private final long retentionMillis;

    transient ValueState<PlayerState> players; // package-private: tests read it

    /** The player's horizon alone: an arriving event needs only this to know where it goes. */
    transient ValueState<Long> horizons; // package-private: tests clear it

    /** Events waiting for the watermark. */
    transient ListState<MafiaEvent> buffer;

    private transient Counter duplicates;
    private transient Counter lateEvents;
    private transient Counter corrections;
    private transient Counter refusedEvents;
    private transient Counter findings;
    private transient Counter dues;
    private transient Counter unknownRetractions;
    private transient Counter rewrites;

    /** 1 + the restored checkpoint's id; 0 when this job never restored. See {@link #rewrite}. */
    private transient long epoch;

    public PlayerEarnings(Timeline timeline, Duration retention) {
        this.timeline = timeline;
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        players =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "player", PlayerStateSerializer.INSTANCE));
        horizons = getRuntimeContext().getState(new ValueStateDescriptor<>("horizon", Types.LONG));
        buffer =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("buffer", MafiaEventSerializer.INSTANCE));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
        corrections = getRuntimeContext().getMetricGroup().counter("corrections");
        refusedEvents = getRuntimeContext().getMetricGroup().counter("deadLetters");
        findings = getRuntimeContext().getMetricGroup().counter("reconciliationFindings");
        dues = getRuntimeContext().getMetricGroup().counter("duesFired");
        unknownRetractions = getRuntimeContext().getMetricGroup().counter("unknownRetractions");
        rewrites = getRuntimeContext().getMetricGroup().counter("rowsRewrittenAfterRestore");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // Any value other than those the restored states carry would do: the restored
        // checkpoint's id + 1 (never 0, which means "never restored"), or a random one without it.
        epoch =
                context.isRestored()
                        ? 1
                                + context.getRestoredCheckpointId()
                                        .orElse(
                                                java.util.concurrent.ThreadLocalRandom.current()
                                                        .nextLong(Long.MAX_VALUE - 1))
                        : 0;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void processBroadcastElement(Long end, Context ctx, Collector<HistoryRow> out)
            throws Exception {
        Long known = ctx.getBroadcastState(INPUT_END).get(END);
        ctx.getBroadcastState(INPUT_END).put(END, known == null ? end : Math.max(known, end));
    }

    @Override
    public void processElement(MafiaEvent e, ReadOnlyContext ctx, Collector<HistoryRow> out)
            throws Exception {
        Long horizon = horizons.value();
        if (horizon == null && epoch != 0) {
            // Restored: the state may predate the horizon's own state (format version 1 of
            // PlayerState), so ask the player's state. Jobs that never restored skip this read
            // for players not seen yet.
            PlayerState known = players.value();
            horizon = known == null ? null : known.horizon;
        }
        if (horizon == null || e.eventTime > horizon) {
            // Waits for the watermark, appended without reading the player's state. Retractions
            // too: in BATCH a retraction may come before its observation. Copies and duplicates
            // are resolved when the timer takes them.
            buffer.add(e);
            ctx.timerService().registerEventTimeTimer(e.eventTime);
            return;
        }
        PlayerState st = load(players.value(), ctx.getCurrentKey(), ctx, out);
        String copy = e.copyId();
        int applied = PlayerState.indexOf(st.journal, copy);
        if (applied >= 0) {
            MafiaEvent known = st.journal.get(applied);
            if (e.kind == EventKind.RETRACTED) {
                if (known.kind == EventKind.FINALIZED) {
                    refuse(ctx, e, "retraction of a finalized event");
                } else {
                    List<MafiaEvent> before = new ArrayList<>(st.journal);
                    st.journal.remove(applied);
                    correct(st, before, ctx, out, "retracted:" + copy);
                }
            } else if (e.kind == EventKind.FINALIZED && known.kind != EventKind.FINALIZED) {
                known.kind = EventKind.FINALIZED;
            } else {
                duplicates.inc();
            }
        } else if (e.kind == EventKind.RETRACTED) {
            unknownRetractions.inc();
            refuse(
                    ctx,
                    e,
                    "retraction of an event this player does not have within the reorg window ("
                            + Duration.ofMillis(retentionMillis)
                            + ")");
        } else {
            lateEvents.inc();
            lateEvent(st, e, ctx, out);
        }
        save(st);
    }

    /**
     * An event whose time the player's timers had passed: replayed into the window, from a base
     * that precedes it. The base (or, with none, the ledger) can be moved back over dues, whose
     * undo records cover the window, but not over an applied event.
     */
    private void lateEvent(
            PlayerState st, MafiaEvent e, ReadOnlyContext ctx, Collector<HistoryRow> out)
            throws Exception {
        long t = e.eventTime;
        if (st.base == null || t <= st.baseHorizon) {
            Ledger from = st.base == null ? st.ledger : st.base;
            if (t <= from.lastEventAt || t <= st.horizon - retentionMillis) {
                refuse(ctx, e, lateReason(st));
                return;
            }
            st.base = from.rewindDues(Math.floorDiv(t + 999, 1000));
            st.baseHorizon = t - 1;
        }
        List<MafiaEvent> before = new ArrayList<>(st.journal);
        MafiaEvent live = e.kind == EventKind.FINALIZED ? e : e.withKind(EventKind.OBSERVED);
        PlayerState.insert(st.journal, live);
        correct(st, before, ctx, out, "late:" + e.copyId());
    }

    private String lateReason(PlayerState st) {
        return "arrived after the player's event time passed it by more than the reorg window ("
                + Duration.ofMillis(retentionMillis)
                + "; player at "
                + st.horizon
                + ")";
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<HistoryRow> out) throws Exception {
        PlayerState existing = players.value();
        moveLegacyBuffer(existing);
        List<MafiaEvent> waiting = new ArrayList<>();
        for (MafiaEvent e : buffer.get()) {
            waiting.add(e);
        }
        if (waiting.isEmpty() && existing == null) {
            return;
        }
        PlayerState st = load(existing, ctx.getCurrentKey(), ctx, out);
        long end = inputEnd(ctx);
        long horizon = Math.max(st.horizon, Math.min(time, end));
        List<MafiaEvent> ready = takeReady(waiting, horizon, ctx);
        Ledger l = st.ledger;
        boolean dueNow = l.active() > 0 && l.nextDue > 0 && l.nextDue * 1000 <= horizon;
        if (ready.isEmpty() && !dueNow) {
            st.horizon = horizon;
            fold(st, end, ctx);
            scheduleFold(st, ctx, end);
            save(st);
            return;
        }
        PlayerRow playerBefore = timeline.playerRow(l);
        StatsDelta statsBefore = StatsDelta.of(timeline.program, l, 0);
        Ledger snapshot = st.base == null && !ready.isEmpty() ? l.copy() : null;

        Round round = new Round(ctx, out);
        timeline.advance(l, ready, horizon, end, round);
        st.journal.addAll(ready);
        if (snapshot != null) {
            st.base = snapshot;
            st.baseHorizon = st.horizon;
        }
        st.horizon = horizon;

        round.finish(l);
        emitPlayer(ctx, playerBefore, statsBefore, l);
        fold(st, end, ctx);
        schedule(st, ctx, end);
        scheduleFold(st, ctx, end);
        save(st);
    }

    /**
     * Takes the buffered events up to {@code horizon} in chain order, each copy resolved by the
     * kinds it came in (duplicates dropped); leaves the rest in the buffer.
     */
    private List<MafiaEvent> takeReady(List<MafiaEvent> waiting, long horizon, ReadOnlyContext ctx)
            throws Exception {
        List<MafiaEvent> taken = new ArrayList<>();
        List<MafiaEvent> later = new ArrayList<>();
        for (MafiaEvent e : waiting) {
            (e.eventTime <= horizon ? taken : later).add(e);
        }
        if (taken.isEmpty()) {
            return List.of();
        }
        if (later.isEmpty()) {
            buffer.clear();
        } else {
            buffer.update(later);
        }
        taken.sort(MafiaEvent.CHAIN_ORDER);
        Map<String, EventKind[]> kinds = new HashMap<>();
        Map<String, MafiaEvent> representative = new TreeMap<>();
        for (MafiaEvent e : taken) {
            String copy = e.copyId();
            EventKind[] seen = kinds.computeIfAbsent(copy, c -> new EventKind[3]);
            if (seen[e.kind.ordinal()] != null) {
                duplicates.inc();
            }
            seen[e.kind.ordinal()] = e.kind;
            if (e.kind != EventKind.RETRACTED) {
                MafiaEvent current = representative.get(copy);
                if (current == null || e.kind == EventKind.FINALIZED) {
                    representative.put(copy, e);
                }
            }
        }
        List<MafiaEvent> ready = new ArrayList<>(representative.size());
        for (MafiaEvent e : taken) {
            String copy = e.copyId();
            if (representative.get(copy) != e) {
                continue;
            }
            EventKind[] seen = kinds.get(copy);
            boolean retracted = seen[EventKind.RETRACTED.ordinal()] != null;
            boolean finalized = seen[EventKind.FINALIZED.ordinal()] != null;
            if (retracted && finalized) {
                refuse(ctx, e, "retraction of a finalized event");
            }
            if (finalized || !retracted) {
                ready.add(e);
            }
        }
        return ready;
    }

    /**
     * Replays the reorg window from its base with the journal before and after a change, and writes
     * the difference.
     */
    private void correct(
            PlayerState st,
            List<MafiaEvent> journalBefore,
            ReadOnlyContext ctx,
            Collector<HistoryRow> out,
            String cause)
            throws Exception {
        corrections.inc();
        long end = inputEnd(ctx);
        Ledger current = st.ledger;
        Collected was = new Collected();
        Ledger replayedBefore = st.base.copy();
        timeline.advance(replayedBefore, journalBefore, st.horizon, end, was);
        was.endWith(timeline, replayedBefore);
        Collected now = new Collected();
        Ledger replayed = st.base.copy();
        timeline.advance(replayed, st.journal, st.horizon, end, now);
        now.endWith(timeline, replayed);

        for (Map.Entry<String, HistoryRow> row : now.history.entrySet()) {
            HistoryRow old = was.history.get(row.getKey());
            if (!row.getValue().equals(old)) {
                out.collect(row.getValue());
                if (HistoryRow.UPDATE.equals(row.getValue().eventType)) {
                    ctx.output(
                            FEED, EarningsFeed.corrected(row.getValue(), timeline.program, cause));
                }
            }
        }
        for (Map.Entry<String, HistoryRow> row : was.history.entrySet()) {
            if (!now.history.containsKey(row.getKey())) {
                out.collect(row.getValue().deletion());
            }
        }
        for (Map.Entry<String, ReconciliationRow> row : now.reconciliation.entrySet()) {
            if (!row.getValue().equals(was.reconciliation.get(row.getKey()))) {
                findings.inc();
                ctx.output(RECONCILIATION, row.getValue());
            }
        }
        for (Map.Entry<String, ReconciliationRow> row : was.reconciliation.entrySet()) {
            if (!now.reconciliation.containsKey(row.getKey())) {
                ctx.output(RECONCILIATION, row.getValue().deletion());
            }
        }
        List<BusinessRow> businesses = new ArrayList<>();
        for (Map.Entry<Integer, BusinessRow> row : now.businesses.entrySet()) {
            if (!row.getValue().equals(was.businesses.get(row.getKey()))) {
                businesses.add(row.getValue());
            }
        }
        for (Map.Entry<Integer, BusinessRow> row : was.businesses.entrySet()) {
            if (!now.businesses.containsKey(row.getKey())) {
                businesses.add(row.getValue().deletion());
            }
        }
        if (!businesses.isEmpty()) {
            ctx.output(
                    BUSINESSES,
                    new BusinessRows(current.player, businesses.toArray(new BusinessRow[0])));
        }
        emitPlayer(
                ctx,
                timeline.playerRow(current),
                StatsDelta.of(timeline.program, current, 0),
                replayed);
        st.ledger = replayed;
        schedule(st, ctx, end);
        scheduleFold(st, ctx, end);
    }

    private void emitPlayer(
            ReadOnlyContext ctx, PlayerRow before, StatsDelta statsBefore, Ledger after) {
        PlayerRow row = timeline.playerRow(after);
        if (!row.equals(before) && !(row.deleted && before.deleted)) {
            ctx.output(PLAYERS, row);
        }
        StatsDelta delta =
                StatsDelta.of(timeline.program, after, after.rowsAt * 1000).minus(statsBefore);
        if (delta != null) {
            ctx.output(STATS, delta);
        }
    }

    /**
     * Moves the window's start up to {@code horizon - retention} (all of it once a bounded input
     * has ended), folding what leaves it into the base. Events that leave the window refused are
     * refused for good: only then do they go to the dead letters.
     */
    private void fold(PlayerState st, long end, ReadOnlyContext ctx) {
        if (st.horizon == Long.MIN_VALUE) {
            return;
        }
        long windowStart = st.horizon >= end ? end : st.horizon - retentionMillis;
        st.ledger.pruneDueUndo(Math.floorDiv(windowStart, 1000));
        if (st.base == null) {
            return;
        }
        int settled = 0;
        while (settled < st.journal.size() && st.journal.get(settled).eventTime <= windowStart) {
            settled++;
        }
        if (settled > 0) {
            List<MafiaEvent> leaving = st.journal.subList(0, settled);
            Collected folded = new Collected();
            timeline.advance(st.base, new ArrayList<>(leaving), windowStart, end, folded);
            for (String[] refusal : folded.refused.values()) {
                refuse(ctx, refusal[0], refusal[1]);
            }
            st.base.pruneDueUndo(Math.floorDiv(windowStart, 1000));
            st.baseHorizon = windowStart;
            leaving.clear();
        }
        if (st.journal.isEmpty()) {
            st.base = null; // nothing left to replay: the window holds only dues, if anything
            st.baseHorizon = Long.MIN_VALUE;
        }
    }

    /** Keeps one timer at the player's next due while it owns a business (none past the input). */
    private void schedule(PlayerState st, ReadOnlyContext ctx, long end) {
        Ledger l = st.ledger;
        if (l.active() == 0 || l.nextDue <= 0) {
            return;
        }
        long at = l.nextDue * 1000;
        if (at <= end && at != st.timerAt) {
            // A timer left at an older due simply finds nothing to do.
            ctx.timerService().registerEventTimeTimer(at);
            st.timerAt = at;
        }
    }

    /**
     * A timer for when the window's oldest event leaves it, so that the journal and the base go
     * away after {@code retention} even if the player has no other timer until its next due.
     */
    private void scheduleFold(PlayerState st, ReadOnlyContext ctx, long end) {
        if (!st.journal.isEmpty()) {
            // At the end of a bounded input at the latest, where everything is final.
            ctx.timerService()
                    .registerEventTimeTimer(
                            Math.min(st.journal.get(0).eventTime + retentionMillis, end));
        }
    }

    private static long inputEnd(ReadOnlyContext ctx) throws Exception {
        ReadOnlyBroadcastState<String, Long> state = ctx.getBroadcastState(INPUT_END);
        Long end = state.get(END);
        return end == null ? Long.MAX_VALUE : end;
    }

    private PlayerState load(
            PlayerState st, String player, ReadOnlyContext ctx, Collector<HistoryRow> out)
            throws Exception {
        if (st == null) {
            st = new PlayerState(player);
            st.epoch = epoch;
            if (epoch != 0) {
                // A crashed run may have written this player after its last checkpoint.
                rewrite(st, ctx, out);
            }
        }
        attach(st, player);
        moveLegacyBuffer(st);
        if (st.epoch != epoch) {
            rewrite(st, ctx, out);
            st.epoch = epoch;
        }
        return st;
    }

    /**
     * Writes a player's rows again the first time it is touched after a restore.
     *
     * <p>The tables are written at-least-once: a run that crashed after its last checkpoint may
     * have written rows that the restored run, reading the same events in another interleaving,
     * would never write (a fork's business applied before its retraction arrived, say), and so
     * never correct. So the player's rows from the start of its reorg window are deleted and
     * written again from the restored state; what comes after is written again as it is reached.
     */
    private void rewrite(PlayerState st, ReadOnlyContext ctx, Collector<HistoryRow> out)
            throws Exception {
        rewrites.inc();
        String player = st.ledger.player != null ? st.ledger.player : ctx.getCurrentKey();
        st.ledger.player = player;
        long end = inputEnd(ctx);
        Ledger from;
        long after;
        if (st.base != null) {
            from = st.base.copy();
            from.player = player;
            after = st.baseHorizon;
        } else if (st.horizon != Long.MIN_VALUE) {
            after = st.horizon - retentionMillis;
            from = st.ledger.rewindDues(Math.floorDiv(after, 1000) + 1);
        } else {
            from = new Ledger(player);
            after = 0;
        }
        after = Math.max(after, 0); // block times are after 1970; Postgres has no year -292M
        Collected rows = new Collected();
        timeline.advance(from, st.journal, Math.max(st.horizon, after), end, rows);
        rows.endWith(timeline, st.ledger);
        out.collect(HistoryRow.purge(player, after));
        rows.history.values().forEach(out::collect);
        ctx.output(RECONCILIATION, ReconciliationRow.purge(player, after));
        rows.reconciliation.values().forEach(r -> ctx.output(RECONCILIATION, r));
        BusinessRows businesses =
                new BusinessRows(player, rows.businesses.values().toArray(new BusinessRow[0]));
        businesses.purgeAbove = st.ledger.businessSeq;
        ctx.output(BUSINESSES, businesses);
        ctx.output(PLAYERS, timeline.playerRow(st.ledger));
    }

    /**
     * Moves the events a version 1 state carried into the buffer's list state (their timers were
     * restored with them); the state is saved without them.
     */
    private void moveLegacyBuffer(PlayerState st) throws Exception {
        if (st != null && st.legacyBuffer != null) {
            buffer.addAll(st.legacyBuffer);
            st.legacyBuffer = null;
        }
    }

    private static void attach(PlayerState st, String player) {
        st.ledger.player = player;
        if (st.base != null) {
            st.base.player = player;
        }
    }

    private void save(PlayerState st) throws Exception {
        if (!st.ledger.known && st.journal.isEmpty() && !buffer.get().iterator().hasNext()) {
            // Nothing known about this player (all of it retracted): no state.
            players.clear();
            horizons.clear();
        } else {
            players.update(st);
            horizons.update(st.horizon);
        }
    }

    private void refuse(ReadOnlyContext ctx, MafiaEvent e, String reason) {
        refuse(ctx, e.eventId, e.type + " " + e.player + ": " + reason);
    }

    private void refuse(ReadOnlyContext ctx, String eventId, String reason) {
        refusedEvents.inc();
        ctx.output(
                DEAD_LETTERS, DeadLetterRecord.ofEvent(EarningsJob.SOURCE_NAME, eventId, reason));
    }

    /** Effects of one timer: straight to the outputs, businesses gathered into one record. */
    private final class Round implements Effects {
        private final ReadOnlyContext ctx;
        private final Collector<HistoryRow> out;
        private final Map<Integer, BusinessRow> businesses = new TreeMap<>();

        Round(ReadOnlyContext ctx, Collector<HistoryRow> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void history(HistoryRow row) {
            out.collect(row);
        }

        @Override
        public void reconciliation(ReconciliationRow row) {
            findings.inc();
            ctx.output(RECONCILIATION, row);
        }

        @Override
        public void sold(BusinessRow row) {
            businesses.put(row.businessNo, row);
        }

        @Override
        public void due(DueRecord due) {
            dues.inc();
            ctx.output(DUES, due);
            ctx.output(FEED, EarningsFeed.updated(due));
        }

        @Override
        public void refused(MafiaEvent event, String reason) {
            // Not final yet: a late event may still make it valid. Sent when it leaves the window.
        }

        /** The round's business rows: the sold ones, and every active one as of the last change. */
        void finish(Ledger l) {
            for (BusinessRow row : timeline.activeRows(l)) {
                businesses.put(row.businessNo, row);
            }
            if (!businesses.isEmpty()) {
                ctx.output(
                        BUSINESSES,
                        new BusinessRows(
                                l.player, businesses.values().toArray(new BusinessRow[0])));
            }
        }
    }
}
