package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each player's stats per pool as running sums of settled bets and emits the absolute row
 * after every change.
 *
 * <p>Keyed by {@code player/pool}. The state lives as long as the player has a settled bet in the
 * pool; when reorgs take every bet back it is cleared and the row deleted, so the table equals what
 * the canonical chain alone gives.
 */
public class PlayerStatsAggregator
        extends KeyedProcessFunction<String, BetOutcome, PlayerStatsRow> {

    private transient ValueState<PlayerStatsRow> stats;

    @Override
    public void open(OpenContext context) {
        stats =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("player-stats", PlayerStatsRow.class));
    }

    @Override
    public void processElement(BetOutcome outcome, Context ctx, Collector<PlayerStatsRow> out)
            throws Exception {
        PlayerStatsRow row = stats.value();
        if (row == null) {
            row = new PlayerStatsRow(outcome.player, outcome.poolId);
        }
        row.apply(outcome);
        if (row.bets == 0) {
            stats.clear();
            PlayerStatsRow deletion = new PlayerStatsRow(outcome.player, outcome.poolId);
            deletion.deleted = true;
            out.collect(deletion);
            return;
        }
        stats.update(row);
        out.collect(row.copy());
    }
}
