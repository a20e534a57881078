package io.chainplay.pipelines.earnings;

/** One active business of a player, inside its {@link Ledger}. Amounts are lamports. */
final class Business {
    /** The player's n-th business (1-based), in chain order: its key in the table. */
    int no;

    int slot;
    int type;
    int level;
    long baseCost;
    long slotCost;
    long upgradeSpent;

    /** base cost + upgrades: what earns. */
    long invested;

    /** Basis points of {@link #invested} per day. */
    int rate;

    /** Unix seconds. */
    long createdAt;

    /** Opened by an older client (BusinessCreated). */
    boolean legacy;

    /** Accrued and credited up to the ledger's last program update. */
    long earned;

    Business copy() {
        Business c = new Business();
        c.no = no;
        c.slot = slot;
        c.type = type;
        c.level = level;
        c.baseCost = baseCost;
        c.slotCost = slotCost;
        c.upgradeSpent = upgradeSpent;
        c.invested = invested;
        c.rate = rate;
        c.createdAt = createdAt;
        c.legacy = legacy;
        c.earned = earned;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Business)) {
            return false;
        }
        Business t = (Business) o;
        return no == t.no
                && slot == t.slot
                && type == t.type
                && level == t.level
                && baseCost == t.baseCost
                && slotCost == t.slotCost
                && upgradeSpent == t.upgradeSpent
                && invested == t.invested
                && rate == t.rate
                && createdAt == t.createdAt
                && legacy == t.legacy
                && earned == t.earned;
    }

    @Override
    public int hashCode() {
        return no * 31 + slot;
    }

    @Override
    public String toString() {
        return "#"
                + no
                + "@"
                + slot
                + " "
                + GameRules.typeName(type)
                + " L"
                + level
                + " "
                + invested
                + "x"
                + rate;
    }
}
