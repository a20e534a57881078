package io.chainplay.pipelines.earnings;

import java.util.Objects;

/**
 * One row of {@code earnings.players}: a player's economy as the job knows it, in absolute values,
 * or its deletion when a reorg takes the player's joining back. Times are Unix seconds, 0 for none.
 */
public class PlayerRow {
    public String player;
    public String program;
    public boolean joined;
    public long joinedAt;
    public long entryFee;
    public int businesses;
    public long totalInvested;
    public long totalUpgradeSpent;
    public long totalSlotSpent;
    public long totalReturned;
    public long totalSellFees;
    public long totalClaimed;
    public long pendingEarnings;
    public long pendingAsOf;
    public long dailyEarnings;
    public long lastProgramUpdate;
    public long lastEarningsUpdate;
    public long nextEarningsTime;
    public long earningsInterval;
    public boolean hasProgramPending;
    public long programPending;
    public long updatesReconciled;
    public long updatesMismatched;
    public boolean deleted;

    public PlayerRow() {}

    static PlayerRow deletion(String player, String program) {
        PlayerRow row = new PlayerRow();
        row.player = player;
        row.program = program;
        row.deleted = true;
        return row;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PlayerRow)) {
            return false;
        }
        PlayerRow t = (PlayerRow) o;
        return joined == t.joined
                && joinedAt == t.joinedAt
                && entryFee == t.entryFee
                && businesses == t.businesses
                && totalInvested == t.totalInvested
                && totalUpgradeSpent == t.totalUpgradeSpent
                && totalSlotSpent == t.totalSlotSpent
                && totalReturned == t.totalReturned
                && totalSellFees == t.totalSellFees
                && totalClaimed == t.totalClaimed
                && pendingEarnings == t.pendingEarnings
                && pendingAsOf == t.pendingAsOf
                && dailyEarnings == t.dailyEarnings
                && lastProgramUpdate == t.lastProgramUpdate
                && lastEarningsUpdate == t.lastEarningsUpdate
                && nextEarningsTime == t.nextEarningsTime
                && earningsInterval == t.earningsInterval
                && hasProgramPending == t.hasProgramPending
                && programPending == t.programPending
                && updatesReconciled == t.updatesReconciled
                && updatesMismatched == t.updatesMismatched
                && deleted == t.deleted
                && Objects.equals(player, t.player)
                && Objects.equals(program, t.program);
    }

    @Override
    public int hashCode() {
        return Objects.hash(player);
    }

    @Override
    public String toString() {
        return "Player{"
                + player
                + (deleted
                        ? " deleted"
                        : " businesses="
                                + businesses
                                + " invested="
                                + totalInvested
                                + " pending="
                                + pendingEarnings
                                + "@"
                                + pendingAsOf
                                + " claimed="
                                + totalClaimed
                                + " next="
                                + nextEarningsTime)
                + "}";
    }
}
