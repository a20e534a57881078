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

    /** A jackpot event of the reorg window. */
    public static class Jackpot {
        public String eventId;
        public long slot;
        public int instructionIndex;
        public int eventIndex;
        public long time;

        /** The accumulated amount after the event: the new amount, or 0 after a release. */
        public BigInteger amount;

        /**
         * +1 once counted, -1 when taken back before it was counted (a BATCH run sorts a key's
         * input by time, so a copy's -1 may come first), 0 and gone when both came.
         */
        public int count;

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

    /** Every copy of the pool's PoolRegistered heard of. */
    public Copies registrations = new Copies();

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
        for (int i = jackpots.length - 1; i >= 0; i--) {
            if (jackpots[i].count > 0) {
                return jackpots[i].amount;
            }
        }
        return jackpotBase;
    }

    /** Counts a jackpot event (+1) or takes it back (-1), in chain order. */
    void countJackpot(Jackpot event, int sign) {
        for (int i = 0; i < jackpots.length; i++) {
            if (jackpots[i].eventId.equals(event.eventId) && jackpots[i].slot == event.slot) {
                jackpots[i].count += sign;
                if (jackpots[i].count == 0) {
                    List<Jackpot> list = new ArrayList<>(Arrays.asList(jackpots));
                    list.remove(i);
                    jackpots = list.toArray(new Jackpot[0]);
                }
                return;
            }
        }
        event.count = sign;
        List<Jackpot> list = new ArrayList<>(Arrays.asList(jackpots));
        int at = list.size();
        while (at > 0 && list.get(at - 1).compareTo(event) > 0) {
            at--;
        }
        list.add(at, event);
        jackpots = list.toArray(new Jackpot[0]);
    }

    /** Folds the jackpot events older than the horizon into the base. */
    void foldJackpots(long horizon) {
        int n = 0;
        while (n < jackpots.length && jackpots[n].time < horizon) {
            n++;
        }
        if (n > 0) {
            for (int i = 0; i < n; i++) {
                if (jackpots[i].count > 0) {
                    jackpotBase = jackpots[i].amount;
                }
            }
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
}
