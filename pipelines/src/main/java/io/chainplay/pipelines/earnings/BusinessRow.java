package io.chainplay.pipelines.earnings;

import java.util.Objects;

/**
 * One row of {@code earnings.businesses}: a player's n-th business as it stands (active, with its
 * earnings so far), as it was sold, or its deletion when a reorg takes its creation back.
 */
public class BusinessRow {

    static final String ACTIVE = "active";
    static final String SOLD = "sold";

    public int businessNo;
    public int slotIndex;
    public int businessType;
    public int level;
    public long baseCost;
    public long slotCost;
    public long upgradeSpent;
    public long totalInvested;
    public int dailyRate;

    /** Unix seconds. */
    public long createdAt;

    public boolean legacyEvent;

    /** Accrued since creation as of {@link #earnedAsOf}. */
    public long earned;

    /** Unix seconds. */
    public long earnedAsOf;

    public String status;

    /** Unix seconds; 0 while active. */
    public long soldAt;

    public long daysHeld;
    public int baseFeePercent = -1;
    public int slotDiscount = -1;
    public int finalFeePercent;
    public long returnAmount;
    public boolean deleted;

    public BusinessRow() {}

    BusinessRow deletion() {
        BusinessRow row = new BusinessRow();
        row.businessNo = businessNo;
        row.deleted = true;
        return row;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BusinessRow)) {
            return false;
        }
        BusinessRow t = (BusinessRow) o;
        return businessNo == t.businessNo
                && slotIndex == t.slotIndex
                && businessType == t.businessType
                && level == t.level
                && baseCost == t.baseCost
                && slotCost == t.slotCost
                && upgradeSpent == t.upgradeSpent
                && totalInvested == t.totalInvested
                && dailyRate == t.dailyRate
                && createdAt == t.createdAt
                && legacyEvent == t.legacyEvent
                && earned == t.earned
                && earnedAsOf == t.earnedAsOf
                && soldAt == t.soldAt
                && daysHeld == t.daysHeld
                && baseFeePercent == t.baseFeePercent
                && slotDiscount == t.slotDiscount
                && finalFeePercent == t.finalFeePercent
                && returnAmount == t.returnAmount
                && deleted == t.deleted
                && Objects.equals(status, t.status);
    }

    @Override
    public int hashCode() {
        return businessNo;
    }

    @Override
    public String toString() {
        return "Business{#"
                + businessNo
                + (deleted
                        ? " deleted"
                        : " slot "
                                + slotIndex
                                + " "
                                + GameRules.typeName(businessType)
                                + " L"
                                + level
                                + " "
                                + status
                                + " invested="
                                + totalInvested
                                + " rate="
                                + dailyRate
                                + " earned="
                                + earned
                                + "@"
                                + earnedAsOf)
                + "}";
    }
}
