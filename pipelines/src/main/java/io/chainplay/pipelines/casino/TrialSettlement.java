package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Objects;

/**
 * Pairs each trial's registration with its resolution, in either order, and settles the bet.
 *
 * <p>Keyed by trial id. Emits the bet's row of {@code casino.bets} (main output) every time it
 * changes; to {@link #OUTCOMES} the bet's placement (+1, or -1 when its registration leaves the
 * chain) and its settlement (+1 when settled, -1 when a reorg takes it back), for the player and
 * pool aggregates; the feed messages ({@link #FEED}); rows of {@code casino.anomalies} ({@link
 * #ANOMALIES}); and refused events ({@link #DEAD_LETTERS}).
 *
 * <p>Dedup by (event id, slot, kind) with {@link Copies}: an event already live is not counted
 * again when sent again, or sent again as finalized; a retraction takes its copy back; the same
 * event in another block (re-included after a fork) counts again, whichever of the re-inclusion and
 * the retraction arrives first. When two different resolutions are live (one in a block about to be
 * abandoned), the one in effect settles the bet, and it is settled again if that changes. So a
 * source may replay freely, in any order.
 *
 * <p>A registered bet without a live resolution {@code betExpiry} after its registration is
 * reported expired (row status {@code expired}, feed {@code bet.expired}); it still settles if its
 * resolution comes later. Whether a bet is expired depends on its events alone (a live resolution
 * clears it), so a backfill in BATCH mode gives the same row as the live run.
 *
 * <p>State is bounded by event-time timers, one per trial at the earliest of its deadlines: a trial
 * still missing one of its events is kept for {@code pendingTimeout} after it was first seen (a
 * resolution that never found its registration is then dead-lettered and reported as an anomaly),
 * and a settled or retracted trial is kept {@code retention} after its last event, long enough for
 * its retraction or a duplicate to arrive, then dropped. A duplicate arriving after that is not
 * recognised: the retention is the dedup window.
 */
public class TrialSettlement extends KeyedProcessFunction<String, CasinoEvent, BetRow> {

    public static final OutputTag<BetOutcome> OUTCOMES = new OutputTag<>("outcomes") {};
    public static final OutputTag<FeedRecord> FEED = new OutputTag<>("feed") {};
    public static final OutputTag<TableRow> ANOMALIES = new OutputTag<>("trial-anomalies") {};
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("settlement-dead-letters") {};

    private final long pendingTimeoutMillis;
    private final long retentionMillis;
    private final long betExpiryMillis;
    private final PoolRegistry registry;

    private transient ValueState<TrialState> trials;
    private transient Counter duplicates;
    private transient Counter expired;

    /** With the bet expiry at the pending timeout and no pool registry (tests). */
    public TrialSettlement(Duration pendingTimeout, Duration retention) {
        this(pendingTimeout, retention, pendingTimeout, PoolRegistry.empty());
    }

    public TrialSettlement(
            Duration pendingTimeout,
            Duration retention,
            Duration betExpiry,
            PoolRegistry registry) {
        if (betExpiry.compareTo(pendingTimeout) > 0) {
            throw new IllegalArgumentException(
                    "bet-expiry ("
                            + betExpiry
                            + ") must not be longer than pending-timeout ("
                            + pendingTimeout
                            + "): a trial leaves state at the pending timeout");
        }
        this.pendingTimeoutMillis = pendingTimeout.toMillis();
        this.retentionMillis = retention.toMillis();
        this.betExpiryMillis = betExpiry.toMillis();
        this.registry = registry;
    }

    @Override
    public void open(OpenContext context) {
        trials =
                getRuntimeContext().getState(new ValueStateDescriptor<>("trial", TrialState.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        expired = getRuntimeContext().getMetricGroup().counter("unresolvedBetsExpired");
    }

    @Override
    public void processElement(CasinoEvent event, Context ctx, Collector<BetRow> out)
            throws Exception {
        TrialState trial = trials.value();
        if (trial == null) {
            trial = new TrialState();
            trial.firstSeen = event.eventTime;
        }
        boolean registration = event.type == CasinoEvent.Type.TRIAL_REGISTERED;
        Copies copies = registration ? trial.registrations : trial.resolutions;
        Copies.Copy before = copies.effective();
        Copies.Copy placedBefore = trial.registrations.effective();
        Copies.Result result = copies.apply(event);
        if (result == Copies.Result.REFUSED) {
            refuse(ctx, event, "retraction of a finalized " + event.eventName);
        }
        if (result != Copies.Result.RECORDED) {
            duplicates.inc();
            trials.update(trial);
            return;
        }
        if (event.kind == EventKind.FINALIZED && copies.finalizedEvents() > 1) {
            // Two different events final for one trial: the chain allows one; the first stands.
            refuse(
                    ctx,
                    event,
                    "second "
                            + event.eventName
                            + " for a trial already "
                            + (registration ? "registered" : "resolved")
                            + " by "
                            + (before == null ? "another event" : before.event.eventId));
        }
        Copies.Copy after = copies.effective();
        trial.lastSeen = Math.max(trial.lastSeen, event.eventTime);
        if (!Copies.same(before, after)) {
            if (!registration) {
                trial.resolutionRefused = false; // another resolution: settle it afresh
            }
            reconcile(trial, placedBefore, ctx, out);
        }
        schedule(trial, ctx);
        trials.update(trial);
    }

    /**
     * Brings the outputs in line with the trial's state: settle or take back, place or retract,
     * write or delete the anomaly, rewrite the row.
     */
    private void reconcile(
            TrialState trial, Copies.Copy placedBefore, Context ctx, Collector<BetRow> out) {
        boolean wasPlaced = placedBefore != null;
        boolean shouldSettle = trial.registrationLive() && trial.resolutionLive();
        // A settlement no longer held, or filed under a copy of the resolution that moved to
        // another block, is taken back (and settled again below).
        if (trial.settled != null
                && (!shouldSettle || !sameCopy(trial.settled, trial.resolution()))) {
            ctx.output(OUTCOMES, trial.settled.reversed());
            trial.settled = null;
        }
        if (shouldSettle && trial.settled == null && !trial.resolutionRefused) {
            try {
                trial.settled = Settlement.settle(trial.registration(), trial.resolution());
                ctx.output(OUTCOMES, trial.settled);
                ctx.output(FEED, CasinoFeed.settled(trial.resolution(), trial.settled));
            } catch (Settlement.InvalidResolution e) {
                trial.resolutionRefused = true;
                refuse(ctx, trial.resolution(), e.getMessage());
            }
        }
        if (trial.resolutionLive()) {
            trial.expiredAt = 0; // whatever happened before, the bet has its resolution now
        }
        reportAnomaly(trial, ctx);
        if (trial.placed != null
                && (!trial.registrationLive() || !sameCopy(trial.placed, trial.registration()))) {
            ctx.output(OUTCOMES, trial.placed.reversed());
            trial.placed = null;
        }
        if (trial.registrationLive() && trial.placed == null) {
            trial.placed = BetOutcome.placed(trial.registration());
            ctx.output(OUTCOMES, trial.placed);
        }
        if (trial.registrationLive()) {
            if (!wasPlaced) {
                ctx.output(
                        FEED,
                        CasinoFeed.placed(
                                trial.registration(),
                                registry.gameType(trial.registration().poolId)));
            }
            out.collect(row(trial));
        } else if (wasPlaced) {
            ctx.output(FEED, CasinoFeed.retracted(placedBefore.event));
            out.collect(BetRow.deletion(placedBefore.event.trialId));
        }
    }

    /** Whether an outcome was filed under this copy (block) of the event. */
    private static boolean sameCopy(BetOutcome outcome, CasinoEvent event) {
        return outcome.slot == event.slot
                && outcome.instructionIndex == event.instructionIndex
                && outcome.eventIndex == event.eventIndex;
    }

    /** The bet's row with its status. */
    private static BetRow row(TrialState trial) {
        BetRow row = BetRow.of(trial.registration(), trial.resolution(), trial.settled);
        if (trial.settled == null) {
            if (trial.resolutionRefused && trial.resolutionLive()) {
                row.status = "invalid";
            } else if (trial.expiredAt != 0) {
                row.status = "expired";
                row.expiredAt = trial.expiredAt;
            }
        }
        return row;
    }

    /**
     * Writes the anomaly this trial's live events make (a result outside the table, or on a q = 0
     * outcome), or deletes the one written before when a reorg took its cause back.
     */
    private void reportAnomaly(TrialState trial, Context ctx) {
        String kind = null;
        if (trial.registrationLive() && trial.resolutionLive()) {
            if (trial.resolutionRefused) {
                kind = Anomalies.RESULT_INDEX_OUT_OF_RANGE;
            } else if (trial.settled != null
                    && Settlement.impossible(
                            trial.registration(), trial.resolution().resultIndex)) {
                kind = Anomalies.IMPOSSIBLE_OUTCOME;
            }
        }
        String id = kind == null ? null : Anomalies.id(kind, trial.resolution().eventId);
        if (Objects.equals(id, trial.anomalyId)) {
            return;
        }
        if (trial.anomalyId != null) {
            ctx.output(ANOMALIES, Anomalies.deletion(trial.anomalyId));
        }
        trial.anomalyId = id;
        if (id != null) {
            CasinoEvent registration = trial.registration();
            CasinoEvent resolution = trial.resolution();
            ObjectNode details =
                    Anomalies.details()
                            .put("resultIndex", Long.toUnsignedString(resolution.resultIndex))
                            .put("outcomes", registration.outcomes())
                            .put("randomness", resolution.randomness)
                            .put("qk", BetRow.of(registration, null, null).qkJson);
            ctx.output(
                    ANOMALIES,
                    Anomalies.row(
                            kind,
                            resolution.eventId,
                            registration.poolId,
                            registration.trialId,
                            registration.player,
                            resolution.eventId,
                            resolution.eventTime,
                            details));
        }
    }

    /** Whether the bet can still be reported expired: placed, unresolved, not yet reported. */
    private boolean expiryPending(TrialState trial) {
        return trial.registrationLive() && !trial.resolutionLive() && trial.expiredAt == 0;
    }

    private boolean finished(TrialState trial) {
        return trial.settled != null
                || trial.resolutionRefused
                || (!trial.registrationLive() && !trial.resolutionLive());
    }

    /** When the trial leaves state: its retention once finished, else its pending timeout. */
    private long endOfLife(TrialState trial) {
        return finished(trial)
                ? trial.lastSeen + retentionMillis
                : trial.firstSeen + pendingTimeoutMillis;
    }

    /** Keeps exactly one timer, at the earliest deadline: expiry or end of life. */
    private void schedule(TrialState trial, Context ctx) {
        long due = endOfLife(trial);
        if (expiryPending(trial)) {
            due = Math.min(due, trial.registration().eventTime + betExpiryMillis);
        }
        if (due != trial.timer) {
            if (trial.timer != 0) {
                ctx.timerService().deleteEventTimeTimer(trial.timer);
            }
            ctx.timerService().registerEventTimeTimer(due);
            trial.timer = due;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BetRow> out)
            throws Exception {
        TrialState trial = trials.value();
        if (trial == null || timestamp != trial.timer) {
            return;
        }
        trial.timer = 0;
        // Every deadline at or before the timer is handled here: at the end of a bounded input
        // (BATCH, or the final watermark) all of them come due at once.
        if (expiryPending(trial) && trial.registration().eventTime + betExpiryMillis <= timestamp) {
            trial.expiredAt = trial.registration().eventTime + betExpiryMillis;
            expired.inc();
            out.collect(row(trial));
            ctx.output(
                    FEED,
                    CasinoFeed.expired(
                            trial.registration(),
                            trial.expiredAt,
                            registry.gameType(trial.registration().poolId)));
        }
        if (endOfLife(trial) > timestamp) {
            schedule(trial, ctx);
            trials.update(trial);
            return;
        }
        if (trial.settled == null
                && !trial.resolutionRefused
                && trial.resolutionLive()
                && trial.registration() == null) {
            CasinoEvent orphan = trial.resolution();
            refuse(
                    ctx,
                    orphan,
                    "TrialResolved for an unknown trial: no TrialRegistered within "
                            + Duration.ofMillis(pendingTimeoutMillis));
            ctx.output(
                    ANOMALIES,
                    Anomalies.row(
                            Anomalies.RESOLUTION_WITHOUT_REGISTRATION,
                            orphan.eventId,
                            null,
                            orphan.trialId,
                            null,
                            orphan.eventId,
                            orphan.eventTime,
                            Anomalies.details()
                                    .put(
                                            "waited",
                                            Duration.ofMillis(pendingTimeoutMillis).toString())
                                    .put(
                                            "resultIndex",
                                            Long.toUnsignedString(orphan.resultIndex))));
        }
        trials.clear();
    }

    private static void refuse(Context ctx, CasinoEvent event, String reason) {
        ctx.output(
                DEAD_LETTERS,
                DeadLetterRecord.ofEvent(
                        CasinoJob.SOURCE_NAME,
                        event.eventId,
                        event.type + " " + event.trialId + ": " + reason));
    }
}
