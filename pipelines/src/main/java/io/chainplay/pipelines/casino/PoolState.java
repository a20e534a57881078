package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * What the pool aggregator keeps per pool: its registration copies, its totals (sums), the latest
 * jackpot event in effect and the base older ones were folded into (the current jackpot is the
 * latest by chain order, not invertible: the events of the reorg window are kept beside this, in
 * the aggregator's map state, so that a reorg can fall back to the one before) and the recent
 * volume buckets.
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

        String key() {
            return eventId + "@" + slot;
        }

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

    /**
     * The latest jackpot event in effect by chain order, or null; the events of the reorg window
     * are in the aggregator's map state, for when a reorg takes this one back.
     */
    public Jackpot latestJackpot;

    /** The amount after the newest folded event: the jackpot when no kept event is in effect. */
    public BigInteger jackpotBase = BigInteger.ZERO;

    /** Earliest block time among the kept jackpot events (Long.MAX_VALUE when none). */
    public long oldestJackpot = Long.MAX_VALUE;

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
        return latestJackpot != null ? latestJackpot.amount : jackpotBase;
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
