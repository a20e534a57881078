package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the pool aggregator keeps per pool: its registration copies, its totals (sums), the recent
 * jackpot events (the current jackpot is the latest by chain order, not invertible, so the events
 * of the reorg window are kept and older ones folded into a base) and the recent volume buckets.
 */
public class PoolState {

    /** A copy of the pool's PoolRegistered. */
    public static class Registration {
        public CasinoEvent event;
        public boolean live;
        public boolean finalized;

        public Registration() {}
    }

    /** A jackpot event of the reorg window. */
    public static class Jackpot {
        public String eventId;
        public long slot;
        public int instructionIndex;
        public int eventIndex;
        public long time;

        /** The accumulated amount after the event: the new amount, or 0 after a release. */
        public BigInteger amount;

        public Jackpot() {}

        int compareTo(Jackpot o) {
            int c =
                    Positions.compare(
                            slot,
                            instructionIndex,
                            eventIndex,
                            o.slot,
                            o.instructionIndex,
                            o.eventIndex);
            return c != 0 ? c : eventId.compareTo(o.eventId);
        }
    }

    /** An hour or a day of volume. */
    public static class Bucket {
        public String granularity;
        public long start;
        public long plays;
        public BigInteger wagered = BigInteger.ZERO;
        public BigInteger paidOut = BigInteger.ZERO;
        public boolean dirty;
        public boolean written;

        public Bucket() {}
    }

    public String poolId;
    public Registration[] registrations = new Registration[0];

    /** Live contributions (bets, fees, jackpot events): the stats row exists while any is live. */
    public long contributions;

    public long plays;
    public long wins;
    public long players;
    public BigInteger wagered = BigInteger.ZERO;
    public BigInteger paidOut = BigInteger.ZERO;
    public BigInteger fees = BigInteger.ZERO;
    public BigInteger feeHost = BigInteger.ZERO;
    public BigInteger feePool = BigInteger.ZERO;
    public BigInteger feeNetwork = BigInteger.ZERO;
    public BigInteger feeBurn = BigInteger.ZERO;
    public long jackpotsWon;
    public BigInteger jackpotReleased = BigInteger.ZERO;

    public Jackpot[] jackpots = new Jackpot[0];
    public BigInteger jackpotBase = BigInteger.ZERO;

    public Bucket[] buckets = new Bucket[0];

    /** Latest block time of any signal: the feed's timestamp. */
    public long lastTime;

    public boolean poolDirty;
    public boolean poolWritten;
    public boolean statsDirty;
    public boolean statsWritten;
    public boolean feedDirty;
    public long feedVersion;
    public long flushAt;
    public long feedAt;
    public boolean endTimer;

    public PoolState() {}

    /** The current jackpot: the amount after the latest event by chain order. */
    BigInteger jackpot() {
        return jackpots.length == 0 ? jackpotBase : jackpots[jackpots.length - 1].amount;
    }

    void addJackpot(Jackpot event) {
        List<Jackpot> list = new ArrayList<>(Arrays.asList(jackpots));
        int at = list.size();
        while (at > 0 && list.get(at - 1).compareTo(event) > 0) {
            at--;
        }
        list.add(at, event);
        jackpots = list.toArray(new Jackpot[0]);
    }

    /** Removes a kept jackpot event; false if it was folded already. */
    boolean removeJackpot(String eventId, long slot) {
        for (int i = 0; i < jackpots.length; i++) {
            if (jackpots[i].eventId.equals(eventId) && jackpots[i].slot == slot) {
                List<Jackpot> list = new ArrayList<>(Arrays.asList(jackpots));
                list.remove(i);
                jackpots = list.toArray(new Jackpot[0]);
                return true;
            }
        }
        return false;
    }

    /** Folds the jackpot events older than the horizon into the base. */
    void foldJackpots(long horizon) {
        int n = 0;
        while (n < jackpots.length && jackpots[n].time < horizon) {
            n++;
        }
        if (n > 0) {
            jackpotBase = jackpots[n - 1].amount;
            jackpots = Arrays.copyOfRange(jackpots, n, jackpots.length);
        }
    }

    Bucket bucket(String granularity, long start) {
        for (int i = buckets.length - 1; i >= 0; i--) {
            Bucket b = buckets[i];
            if (b.start == start && b.granularity.equals(granularity)) {
                return b;
            }
        }
        Bucket b = new Bucket();
        b.granularity = granularity;
        b.start = start;
        buckets = Arrays.copyOf(buckets, buckets.length + 1);
        buckets[buckets.length - 1] = b;
        return b;
    }

    /** The live registration first in chain order, or null. */
    CasinoEvent registration() {
        CasinoEvent first = null;
        for (Registration r : registrations) {
            if (r.live && (first == null || CasinoEvent.compareOrder(r.event, first) < 0)) {
                first = r.event;
            }
        }
        return first;
    }
}
