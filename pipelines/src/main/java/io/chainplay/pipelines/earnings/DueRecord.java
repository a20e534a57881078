package io.chainplay.pipelines.earnings;

import io.chainplay.schemas.earnings.EarningsDue;

import java.time.Instant;
import java.util.Objects;

/**
 * A player whose scheduled update has come, on its way to {@code earnings.due} as {@link
 * EarningsDue}.
 */
public class DueRecord {
    public String program;
    public String player;

    /** Epoch milliseconds. */
    public long dueAt;

    public long earningsAdded;
    public long totalPending;
    public int businessCount;
    public long dailyEarnings;

    /** Epoch milliseconds. */
    public long lastProgramUpdate;

    /** Epoch milliseconds. */
    public long nextDueAt;

    public DueRecord() {}

    /** {@code earnings:<player>:<dueAt seconds>}. */
    String id() {
        return "earnings:" + player + ":" + dueAt / 1000;
    }

    EarningsDue toAvro() {
        return EarningsDue.newBuilder()
                .setId(id())
                .setProgram(program)
                .setPlayer(player)
                .setDueAt(Instant.ofEpochMilli(dueAt))
                .setEarningsAdded(earningsAdded)
                .setTotalPending(totalPending)
                .setBusinessCount(businessCount)
                .setDailyEarnings(dailyEarnings)
                .setLastProgramUpdate(Instant.ofEpochMilli(lastProgramUpdate))
                .setNextDueAt(Instant.ofEpochMilli(nextDueAt))
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DueRecord)) {
            return false;
        }
        DueRecord t = (DueRecord) o;
        return dueAt == t.dueAt
                && earningsAdded == t.earningsAdded
                && totalPending == t.totalPending
                && businessCount == t.businessCount
                && dailyEarnings == t.dailyEarnings
                && lastProgramUpdate == t.lastProgramUpdate
                && nextDueAt == t.nextDueAt
                && Objects.equals(program, t.program)
                && Objects.equals(player, t.player);
    }

    @Override
    public int hashCode() {
        return Objects.hash(player, dueAt);
    }

    @Override
    public String toString() {
        return "Due{" + player + " @" + dueAt + " +" + earningsAdded + " =" + totalPending + "}";
    }
}
