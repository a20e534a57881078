package io.chainplay.pipelines.earnings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Sums the players' stats deltas into one row per game, written at most once per {@code every} of
 * event time.
 *
 * <p>Keyed by program id: one key per game. A million dues a day would otherwise rewrite the same
 * row a million times; an event-time timer at the end of each period emits the row as it then
 * stands instead (the latest value per key per interval), and the last timer, when a bounded input
 * ends, the final one, so BATCH and STREAMING end with the same row. The state is one row per game
 * and lives as long as the game.
 */
public class GlobalStatsAggregator
        extends KeyedProcessFunction<String, StatsDelta, GlobalStatsRow> {

    private final long everyMillis;

    private transient ValueState<GlobalStatsRow> stats;

    public GlobalStatsAggregator(Duration every) {
        this.everyMillis = Math.max(1, every.toMillis());
    }

    @Override
    public void open(OpenContext context) {
        stats =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("global-stats", GlobalStatsRow.class));
    }

    @Override
    public void processElement(StatsDelta delta, Context ctx, Collector<GlobalStatsRow> out)
            throws Exception {
        GlobalStatsRow row = stats.value();
        if (row == null) {
            row = new GlobalStatsRow(delta.program);
        }
        row.add(delta);
        stats.update(row);
        // The end of the period the change falls in; registering it again is free.
        long time = ctx.timestamp() != null ? Math.max(ctx.timestamp(), delta.asOf) : delta.asOf;
        ctx.timerService()
                .registerEventTimeTimer(
                        Math.floorDiv(time, everyMillis) * everyMillis + everyMillis - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GlobalStatsRow> out)
            throws Exception {
        GlobalStatsRow row = stats.value();
        if (row != null) {
            out.collect(row.copy());
        }
    }
}
