package io.chainplay.pipelines.earnings;

import java.util.Arrays;
import java.util.Objects;

/**
 * A change of one player's contribution to the global stats of a game: the new contribution minus
 * the old, so the sum over every delta a player ever sent is its current contribution, and a reorg
 * sends the difference back (invertible, ARCHITECTURE.md principle 3).
 */
public class StatsDelta {
    public String program;
    public long players;
    public long businesses;

    /** Active businesses per BusinessType index. */
    public long[] businessesByType = new long[GameRules.BUSINESS_TYPE_NAMES.length];

    public long totalInvested;
    public long activeInvested;
    public long totalPending;
    public long totalClaimed;

    /** Event time of the change, epoch milliseconds. */
    public long asOf;

    public StatsDelta() {}

    /** One player's contribution; all zero for a player that does not exist. */
    static StatsDelta of(String program, Ledger ledger, long asOf) {
        StatsDelta d = new StatsDelta();
        d.program = program;
        d.asOf = asOf;
        if (ledger == null || !ledger.known) {
            return d;
        }
        d.players = 1;
        for (Business b : ledger.slots) {
            if (b != null) {
                d.businesses++;
                if (b.type >= 0 && b.type < d.businessesByType.length) {
                    d.businessesByType[b.type]++;
                }
                d.activeInvested += b.invested;
            }
        }
        d.totalInvested = ledger.totalInvested;
        d.totalPending = ledger.balance;
        d.totalClaimed = ledger.totalClaimed;
        return d;
    }

    /** {@code this - other}; null when nothing changed. */
    StatsDelta minus(StatsDelta other) {
        StatsDelta d = new StatsDelta();
        d.program = program;
        d.asOf = asOf;
        d.players = players - other.players;
        d.businesses = businesses - other.businesses;
        boolean changed = d.players != 0 || d.businesses != 0;
        for (int i = 0; i < d.businessesByType.length; i++) {
            d.businessesByType[i] = businessesByType[i] - other.businessesByType[i];
            changed |= d.businessesByType[i] != 0;
        }
        d.totalInvested = totalInvested - other.totalInvested;
        d.activeInvested = activeInvested - other.activeInvested;
        d.totalPending = totalPending - other.totalPending;
        d.totalClaimed = totalClaimed - other.totalClaimed;
        changed |=
                d.totalInvested != 0
                        || d.activeInvested != 0
                        || d.totalPending != 0
                        || d.totalClaimed != 0;
        return changed ? d : null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StatsDelta)) {
            return false;
        }
        StatsDelta t = (StatsDelta) o;
        return players == t.players
                && businesses == t.businesses
                && totalInvested == t.totalInvested
                && activeInvested == t.activeInvested
                && totalPending == t.totalPending
                && totalClaimed == t.totalClaimed
                && asOf == t.asOf
                && Objects.equals(program, t.program)
                && Arrays.equals(businessesByType, t.businessesByType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(program, asOf);
    }

    @Override
    public String toString() {
        return "StatsDelta{players="
                + players
                + " businesses="
                + businesses
                + " invested="
                + totalInvested
                + " pending="
                + totalPending
                + " claimed="
                + totalClaimed
                + "}";
    }
}
