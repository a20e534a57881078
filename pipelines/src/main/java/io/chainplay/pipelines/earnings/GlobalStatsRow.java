package io.chainplay.pipelines.earnings;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/** The one row of {@code earnings.global_stats} of a game: sums over its players. */
public class GlobalStatsRow {
    public String program;
    public long players;
    public long businesses;
    public long[] businessesByType = new long[GameRules.BUSINESS_TYPE_NAMES.length];
    public BigInteger totalInvested = BigInteger.ZERO;
    public BigInteger activeInvested = BigInteger.ZERO;
    public BigInteger totalPending = BigInteger.ZERO;
    public BigInteger totalClaimed = BigInteger.ZERO;

    /** Event time of the newest change counted, epoch milliseconds. */
    public long asOf;

    public GlobalStatsRow() {}

    GlobalStatsRow(String program) {
        this.program = program;
    }

    void add(StatsDelta d) {
        players += d.players;
        businesses += d.businesses;
        for (int i = 0; i < businessesByType.length; i++) {
            businessesByType[i] += d.businessesByType[i];
        }
        totalInvested = totalInvested.add(BigInteger.valueOf(d.totalInvested));
        activeInvested = activeInvested.add(BigInteger.valueOf(d.activeInvested));
        totalPending = totalPending.add(BigInteger.valueOf(d.totalPending));
        totalClaimed = totalClaimed.add(BigInteger.valueOf(d.totalClaimed));
        asOf = Math.max(asOf, d.asOf);
    }

    /** {"TobaccoShop": n, ...} in type order. */
    String businessesByTypeJson() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < businessesByType.length; i++) {
            if (i > 0) {
                json.append(", ");
            }
            json.append('"')
                    .append(GameRules.typeName(i))
                    .append("\": ")
                    .append(businessesByType[i]);
        }
        return json.append('}').toString();
    }

    GlobalStatsRow copy() {
        GlobalStatsRow c = new GlobalStatsRow(program);
        c.players = players;
        c.businesses = businesses;
        c.businessesByType = businessesByType.clone();
        c.totalInvested = totalInvested;
        c.activeInvested = activeInvested;
        c.totalPending = totalPending;
        c.totalClaimed = totalClaimed;
        c.asOf = asOf;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GlobalStatsRow)) {
            return false;
        }
        GlobalStatsRow t = (GlobalStatsRow) o;
        return players == t.players
                && businesses == t.businesses
                && asOf == t.asOf
                && Objects.equals(program, t.program)
                && Arrays.equals(businessesByType, t.businessesByType)
                && Objects.equals(totalInvested, t.totalInvested)
                && Objects.equals(activeInvested, t.activeInvested)
                && Objects.equals(totalPending, t.totalPending)
                && Objects.equals(totalClaimed, t.totalClaimed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(program);
    }

    @Override
    public String toString() {
        return "GlobalStats{"
                + program
                + " players="
                + players
                + " businesses="
                + businessesByTypeJson()
                + " invested="
                + totalInvested
                + " pending="
                + totalPending
                + " claimed="
                + totalClaimed
                + "}";
    }
}
