package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * Pairs each trial's registration with its resolution, in either order, and settles the bet.
 *
 * <p>Keyed by trial id. Emits the bet's row of {@code casino.bets} (main output) every time it
 * changes, the settlement to count in the player's stats ({@link #OUTCOMES}: +1 when settled, -1
 * when a reorg takes it back), the feed messages ({@link #FEED}) and refused events ({@link
 * #DEAD_LETTERS}).
 *
 * <p>Dedup by (event id, kind): an event already live is not counted again when sent again, or sent
 * again as finalized; a retraction takes it back once; the same event seen again after its
 * retraction (re-included on another fork) counts again. So a source may replay freely.
 *
 * <p>State is bounded by event-time timers: a trial still missing one of its events is kept for
 * {@code pendingTimeout} after it was first seen (a registration then stays {@code placed} in the
 * table; a resolution that never found its registration is dead-lettered), and a settled or
 * retracted trial is kept {@code retention} after its last event, long enough for its retraction or
 * a duplicate to arrive, then dropped. A duplicate arriving after that is not recognised: the
 * retention is the dedup window.
 */
public class TrialSettlement extends KeyedProcessFunction<String, CasinoEvent, BetRow> {

    public static final OutputTag<BetOutcome> OUTCOMES = new OutputTag<>("outcomes") {};
    public static final OutputTag<FeedRecord> FEED = new OutputTag<>("feed") {};
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("settlement-dead-letters") {};

    private final long pendingTimeoutMillis;
    private final long retentionMillis;

    private transient ValueState<TrialState> trials;
    private transient Counter duplicates;
    private transient Counter expired;

    public TrialSettlement(Duration pendingTimeout, Duration retention) {
        this.pendingTimeoutMillis = pendingTimeout.toMillis();
        this.retentionMillis = retention.toMillis();
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
        boolean wasPlaced = trial.registrationLive;
        boolean changed =
                event.type == CasinoEvent.Type.TRIAL_REGISTERED
                        ? applyRegistration(trial, event, ctx)
                        : applyResolution(trial, event, ctx);
        if (!changed) {
            duplicates.inc();
            if (trial.registration == null && trial.resolution == null) {
                return; // nothing known about this trial: keep no state for it
            }
            trials.update(trial);
            return;
        }
        trial.lastSeen = Math.max(trial.lastSeen, event.eventTime);
        reconcile(trial, wasPlaced, ctx, out);
        schedule(trial, ctx);
        trials.update(trial);
    }

    /** Applies a registration event; false when it changes nothing (a duplicate). */
    private boolean applyRegistration(TrialState trial, CasinoEvent event, Context ctx) {
        CasinoEvent current = trial.registration;
        boolean same = current != null && current.eventId.equals(event.eventId);
        if (trial.registrationLive
                && !same
                && event.kind != io.chainplay.schemas.chain.EventKind.RETRACTED) {
            refuse(
                    ctx,
                    event,
                    "second TrialRegistered for a trial already registered by " + current.eventId);
            return false;
        }
        switch (event.kind) {
            case OBSERVED:
                if (trial.registrationLive) {
                    return false;
                }
                trial.registration = event;
                trial.registrationLive = true;
                trial.registrationFinalized = false;
                return true;
            case FINALIZED:
                if (trial.registrationLive) {
                    if (trial.registrationFinalized) {
                        return false;
                    }
                    trial.registrationFinalized = true;
                    return true;
                }
                trial.registration = event;
                trial.registrationLive = true;
                trial.registrationFinalized = true;
                return true;
            case RETRACTED:
                if (!trial.registrationLive || !same) {
                    return false;
                }
                if (trial.registrationFinalized) {
                    refuse(ctx, event, "retraction of a finalized TrialRegistered");
                    return false;
                }
                trial.registrationLive = false;
                return true;
            default:
                throw new IllegalStateException("Unknown kind " + event.kind);
        }
    }

    /** Applies a resolution event; false when it changes nothing (a duplicate). */
    private boolean applyResolution(TrialState trial, CasinoEvent event, Context ctx) {
        CasinoEvent current = trial.resolution;
        boolean same = current != null && current.eventId.equals(event.eventId);
        if (trial.resolutionLive
                && !same
                && event.kind != io.chainplay.schemas.chain.EventKind.RETRACTED) {
            refuse(
                    ctx,
                    event,
                    "second TrialResolved for a trial already resolved by " + current.eventId);
            return false;
        }
        switch (event.kind) {
            case OBSERVED:
                if (trial.resolutionLive) {
                    return false;
                }
                trial.resolution = event;
                trial.resolutionLive = true;
                trial.resolutionFinalized = false;
                trial.resolutionRefused = false;
                return true;
            case FINALIZED:
                if (trial.resolutionLive) {
                    if (trial.resolutionFinalized) {
                        return false;
                    }
                    trial.resolutionFinalized = true;
                    return true;
                }
                trial.resolution = event;
                trial.resolutionLive = true;
                trial.resolutionFinalized = true;
                trial.resolutionRefused = false;
                return true;
            case RETRACTED:
                if (!trial.resolutionLive || !same) {
                    return false;
                }
                if (trial.resolutionFinalized) {
                    refuse(ctx, event, "retraction of a finalized TrialResolved");
                    return false;
                }
                trial.resolutionLive = false;
                return true;
            default:
                throw new IllegalStateException("Unknown kind " + event.kind);
        }
    }

    /** Brings the outputs in line with the trial's state: settle, take back, rewrite the row. */
    private void reconcile(
            TrialState trial, boolean wasPlaced, Context ctx, Collector<BetRow> out) {
        boolean shouldSettle = trial.registrationLive && trial.resolutionLive;
        if (trial.settled != null && !shouldSettle) {
            ctx.output(OUTCOMES, trial.settled.reversed());
            trial.settled = null;
        }
        if (shouldSettle && trial.settled == null && !trial.resolutionRefused) {
            try {
                trial.settled = Settlement.settle(trial.registration, trial.resolution);
                ctx.output(OUTCOMES, trial.settled);
                ctx.output(FEED, CasinoFeed.settled(trial.resolution, trial.settled));
            } catch (Settlement.InvalidResolution e) {
                trial.resolutionRefused = true;
                refuse(ctx, trial.resolution, e.getMessage());
            }
        }
        if (trial.registrationLive) {
            if (!wasPlaced) {
                ctx.output(FEED, CasinoFeed.placed(trial.registration));
            }
            out.collect(BetRow.of(trial.registration, trial.resolution, trial.settled));
        } else if (wasPlaced) {
            ctx.output(FEED, CasinoFeed.retracted(trial.registration));
            out.collect(BetRow.deletion(trial.registration.trialId));
        }
    }

    /** Keeps exactly one timer: pending timeout while incomplete, retention once finished. */
    private void schedule(TrialState trial, Context ctx) {
        boolean finished =
                trial.settled != null
                        || trial.resolutionRefused
                        || (!trial.registrationLive && !trial.resolutionLive);
        long due =
                finished
                        ? trial.lastSeen + retentionMillis
                        : trial.firstSeen + pendingTimeoutMillis;
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
        if (trial.settled == null && !trial.resolutionRefused) {
            if (trial.registrationLive && !trial.resolutionLive) {
                // Stays 'placed' in casino.bets; the casino domain reports it as expired.
                expired.inc();
            } else if (trial.resolutionLive && trial.registration == null) {
                refuse(
                        ctx,
                        trial.resolution,
                        "TrialResolved for an unknown trial: no TrialRegistered within "
                                + Duration.ofMillis(pendingTimeoutMillis));
            }
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
