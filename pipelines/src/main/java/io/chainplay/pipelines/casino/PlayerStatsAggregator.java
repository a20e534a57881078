package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.FeedRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A player's stats in one pool ({@code casino.player_stats}), their standings for the leaderboards
 * ({@link #LEADERBOARD}), the pool's distinct players ({@link #POOL}) and {@code player.joined}
 * ({@link #FEED}).
 *
 * <p>Keyed by {@code player/pool}; input: the bet placements and settlements of {@link
 * TrialSettlement}, each +1 or -1. Sums are kept as sums; streaks, the biggest win and first/last
 * seen are recomputed from the settled bets of the reorg window kept in {@link PlayerState}, so a
 * reorg taking back a bet in the middle of a streak gives the same figures as the canonical chain
 * alone. A bet is filed under its settlement's block time and chain position.
 *
 * <p>Rows are written as the latest value per key per {@code flushInterval} of processing time (a
 * timer), not per bet: a busy player's row is written once a second however many bets they make,
 * which is what keeps Postgres off the critical path. An event-time timer at the end of time
 * flushes at the end of a bounded input (BATCH, or the final watermark of a bounded stream), where
 * processing-time timers do not fire.
 *
 * <p>State: one {@link PlayerState} per player and pool, as long as the player has a live bet
 * there; the kept bets and the day and week sums are bounded by the retention (the reorg window)
 * and folded or dropped at flushes once the watermark is past it.
 */
public class PlayerStatsAggregator extends KeyedProcessFunction<String, BetOutcome, TableRow> {

    public static final OutputTag<LeaderboardUpdate> LEADERBOARD =
            new OutputTag<>("leaderboard-updates") {};
    public static final OutputTag<PoolSignal> POOL = new OutputTag<>("player-pool-signals") {};
    public static final OutputTag<FeedRecord> FEED = new OutputTag<>("player-feed") {};

    private final long retentionMillis;
    private final long flushIntervalMillis;
    private final PoolRegistry registry;

    private transient ValueState<PlayerState> players;
    private transient Counter beyondWindow;

    /** Retention 1 h, flush every second, no registry (tests). */
    public PlayerStatsAggregator() {
        this(Duration.ofHours(1), Duration.ofSeconds(1), PoolRegistry.empty());
    }

    public PlayerStatsAggregator(
            Duration retention, Duration flushInterval, PoolRegistry registry) {
        this.retentionMillis = retention.toMillis();
        this.flushIntervalMillis = Math.max(1, flushInterval.toMillis());
        this.registry = registry;
    }

    @Override
    public void open(OpenContext context) {
        players =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("player", PlayerState.class));
        beyondWindow = getRuntimeContext().getMetricGroup().counter("reorgsBeyondWindow");
    }

    @Override
    public void processElement(BetOutcome outcome, Context ctx, Collector<TableRow> out)
            throws Exception {
        PlayerState state = players.value();
        if (state == null) {
            state = new PlayerState();
            state.player = outcome.player;
            state.poolId = outcome.poolId;
        }
        if (outcome.placement) {
            state.placed += outcome.sign;
            if (state.placed > 0 && !state.joined) {
                state.joined = true;
                ctx.output(
                        FEED,
                        CasinoFeed.playerJoined(
                                outcome.player,
                                outcome.poolId,
                                registry.gameType(outcome.poolId),
                                outcome.trialId,
                                outcome.time));
            }
        } else {
            settle(state, outcome, ctx, out);
        }
        if (!state.endTimer) {
            state.endTimer = true;
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (state.flushAt == 0 && (state.dirty || state.allDirty || anyPeriodDirty(state))) {
            state.flushAt =
                    Periods.nextTick(
                            ctx.timerService().currentProcessingTime(), flushIntervalMillis);
            ctx.timerService().registerProcessingTimeTimer(state.flushAt);
        }
        players.update(state);
    }

    private void settle(
            PlayerState state, BetOutcome outcome, Context ctx, Collector<TableRow> out) {
        int sign = outcome.sign;
        long betsBefore = state.bets;
        state.bets += sign;
        if (outcome.won()) {
            state.wins += sign;
        } else if (outcome.lost()) {
            state.losses += sign;
        } else {
            state.pushes += sign;
        }
        BigInteger s = BigInteger.valueOf(sign);
        state.wagered = state.wagered.add(outcome.wager.multiply(s));
        state.paidOut = state.paidOut.add(outcome.payout.multiply(s));

        PlayerState.Recent bet = PlayerState.Recent.of(outcome);
        if (state.isFolded(bet)) {
            // Older than the folded history: the sums stay exact, streaks and the biggest win
            // may not. Reported, never silent.
            beyondWindow(
                    state,
                    outcome,
                    ctx,
                    out,
                    sign > 0
                            ? "a bet older than the folded history"
                            : "a reorg took back a folded bet");
        } else if (sign > 0 && state.isNewest(bet)) {
            state.append(bet);
        } else {
            state.count(bet);
        }

        for (String period : List.of("day", "week")) {
            long day = Periods.epochDay(outcome.time);
            PlayerState.Period p =
                    state.period(period, period.equals("day") ? day : Periods.weekStart(day));
            p.bets += sign;
            if (outcome.won()) {
                p.wins += sign;
            }
            p.wagered = p.wagered.add(outcome.wager.multiply(s));
            p.paidOut = p.paidOut.add(outcome.payout.multiply(s));
            p.dirty = true;
        }
        state.dirty = true;
        state.allDirty = true;
        if (betsBefore == 0 && state.bets > 0) {
            ctx.output(POOL, PoolSignal.players(outcome.poolId, 1, outcome.time));
        } else if (betsBefore > 0 && state.bets == 0) {
            ctx.output(POOL, PoolSignal.players(outcome.poolId, -1, outcome.time));
        }
    }

    private void beyondWindow(
            PlayerState state,
            BetOutcome outcome,
            Context ctx,
            Collector<TableRow> out,
            String what) {
        beyondWindow.inc();
        out.collect(
                Anomalies.row(
                        Anomalies.REORG_BEYOND_WINDOW,
                        outcome.trialId + ":" + outcome.slot + ":" + outcome.sign,
                        outcome.poolId,
                        outcome.trialId,
                        outcome.player,
                        null,
                        outcome.time,
                        Anomalies.details()
                                .put("what", what)
                                .put("sign", outcome.sign)
                                .put("retention", Duration.ofMillis(retentionMillis).toString())));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TableRow> out)
            throws Exception {
        PlayerState state = players.value();
        if (state == null) {
            return;
        }
        if (timestamp == state.flushAt) {
            state.flushAt = 0;
        }
        flush(state, ctx.timerService().currentWatermark(), ctx, out);
        if (state.bets == 0 && state.placed == 0 && state.periods.length == 0) {
            // Every bet of the player here was taken back: nothing to keep.
            ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
            if (state.flushAt != 0) {
                ctx.timerService().deleteProcessingTimeTimer(state.flushAt);
            }
            players.clear();
            return;
        }
        players.update(state);
    }

    /** Writes what changed, folds what is past the reorg window, drops finished periods. */
    private void flush(
            PlayerState state, long watermark, OnTimerContext ctx, Collector<TableRow> out) {
        long horizon = Periods.before(watermark, retentionMillis);
        state.fold(horizon);
        if (state.dirty) {
            state.dirty = false;
            if (state.bets > 0) {
                out.collect(row(state));
                state.written = true;
            } else if (state.written) {
                out.collect(CasinoTables.PLAYER_STATS.deletion(state.player, state.poolId));
                state.written = false;
            }
        }
        if (state.allDirty) {
            state.allDirty = false;
            if (state.bets > 0 || state.allSent) {
                LeaderboardUpdate all = standing(state, "all", 0);
                all.net = state.paidOut.subtract(state.wagered);
                all.volume = state.wagered;
                all.wins = state.wins;
                all.deleted = state.bets == 0;
                state.allSent = !all.deleted;
                ctx.output(LEADERBOARD, all);
            }
        }
        List<PlayerState.Period> kept = new ArrayList<>();
        for (PlayerState.Period p : state.periods) {
            if (p.dirty) {
                p.dirty = false;
                if (p.bets > 0 || p.sent) {
                    LeaderboardUpdate update = standing(state, p.period, p.start);
                    update.net = p.paidOut.subtract(p.wagered);
                    update.volume = p.wagered;
                    update.wins = p.wins;
                    update.deleted = p.bets == 0;
                    p.sent = !update.deleted;
                    ctx.output(LEADERBOARD, update);
                }
            }
            // A period over for longer than the reorg window cannot change any more.
            boolean over = Periods.end(p.period, p.start) <= horizon;
            if (!over && (p.bets != 0 || p.sent)) {
                kept.add(p);
            }
        }
        state.periods = kept.toArray(new PlayerState.Period[0]);
    }

    private static LeaderboardUpdate standing(PlayerState state, String period, long start) {
        LeaderboardUpdate update = new LeaderboardUpdate();
        update.poolId = state.poolId;
        update.player = state.player;
        update.period = period;
        update.periodStart = start;
        return update;
    }

    private static TableRow row(PlayerState state) {
        return CasinoTables.PLAYER_STATS.row(
                state.player,
                state.poolId,
                CasinoTables.text(state.bets),
                CasinoTables.text(state.wins),
                CasinoTables.text(state.losses),
                CasinoTables.text(state.pushes),
                state.wagered.toString(),
                state.paidOut.toString(),
                state.paidOut.subtract(state.wagered).toString(),
                CasinoTables.text(state.biggestWin),
                state.biggestWinTrial,
                Integer.toString(state.currentStreak),
                Integer.toString(state.bestStreak),
                CasinoTables.time(state.firstSeen),
                CasinoTables.time(state.lastSeen));
    }

    private static boolean anyPeriodDirty(PlayerState state) {
        for (PlayerState.Period p : state.periods) {
            if (p.dirty) {
                return true;
            }
        }
        return false;
    }
}
