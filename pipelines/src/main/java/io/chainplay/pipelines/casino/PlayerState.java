package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the player aggregator keeps per player and pool.
 *
 * <p>Counts and amounts are sums, undone by subtraction. Streaks, the biggest win and first/last
 * seen are not invertible, so the settled bets of the reorg window are kept ({@link #recent}, in
 * chain order) and everything older is folded into a summary ({@code prefix*}) that no reorg can
 * reach any more: the figures are always the fold of the summary and the recent bets, as if
 * computed over the whole history.
 */
public class PlayerState {

    /** One settled bet of the reorg window. */
    public static class Recent {
        public String trialId;
        public long slot;
        public int instructionIndex;
        public int eventIndex;
        public long time;

        /** payout - wager. */
        public BigInteger delta;

        /** 1 won, -1 lost, 0 push. */
        public int result;

        /**
         * +1 once counted; -1 when taken back before it was counted (a BATCH run sorts a key's
         * input by time, so a bet's -1 may come before its +1); entries at 0 are dropped.
         */
        public int count;

        public Recent() {}

        static Recent of(BetOutcome outcome) {
            Recent recent = new Recent();
            recent.trialId = outcome.trialId;
            recent.slot = outcome.slot;
            recent.instructionIndex = outcome.instructionIndex;
            recent.eventIndex = outcome.eventIndex;
            recent.time = outcome.time;
            recent.delta = outcome.deltaAmount();
            recent.result = outcome.won() ? 1 : outcome.lost() ? -1 : 0;
            recent.count = outcome.sign;
            return recent;
        }

        int compareTo(Recent o) {
            int c =
                    Positions.compare(
                            slot,
                            instructionIndex,
                            eventIndex,
                            o.slot,
                            o.instructionIndex,
                            o.eventIndex);
            return c != 0 ? c : trialId.compareTo(o.trialId);
        }
    }

    /** A player's sums in one leaderboard period. */
    public static class Period {
        public String period;
        public long start;
        public long bets;
        public long wins;
        public BigInteger wagered = BigInteger.ZERO;
        public BigInteger paidOut = BigInteger.ZERO;
        public boolean dirty;

        /** A standing was sent for it (so an empty period must be sent as removed). */
        public boolean sent;

        public Period() {}
    }

    public String player;
    public String poolId;

    /** Bets placed and live (registrations on the canonical chain), settled or not. */
    public long placed;

    /** player.joined was sent. */
    public boolean joined;

    public long bets;
    public long wins;
    public long losses;
    public long pushes;
    public BigInteger wagered = BigInteger.ZERO;
    public BigInteger paidOut = BigInteger.ZERO;

    // The folded history: settled bets older than the reorg window.
    public long prefixBets;
    public BigInteger prefixBiggestWin;
    public String prefixBiggestWinTrial;
    public long prefixFirstSeen;
    public long prefixLastSeen;
    public int prefixBestStreak;
    public int prefixCurrentStreak;

    /** Position of the newest folded bet: nothing may be inserted before it. */
    public long prefixSlot;

    public int prefixInstructionIndex;
    public int prefixEventIndex;

    public Recent[] recent = new Recent[0];

    // The figures over the whole history, kept up to date.
    public BigInteger biggestWin;
    public String biggestWinTrial;
    public int currentStreak;
    public int bestStreak;
    public long firstSeen;
    public long lastSeen;

    public Period[] periods = new Period[0];

    /** The stats row changed since it was last written. */
    public boolean dirty;

    /** A stats row was written (so zero bets must be written as a deletion). */
    public boolean written;

    /** The all-time standing changed since it was last sent. */
    public boolean allDirty;

    public boolean allSent;

    /** Processing time of the flush timer set, or 0. */
    public long flushAt;

    /** The end-of-input flush timer is set. */
    public boolean endTimer;

    public PlayerState() {}

    /** Appends a settled bet after all others: the common case, updated in place. */
    void append(Recent bet) {
        recent = Arrays.copyOf(recent, recent.length + 1);
        recent[recent.length - 1] = bet;
        step(bet);
        firstSeen = prefixBets == 0 && counted() == 1 ? bet.time : Math.min(firstSeen, bet.time);
        lastSeen = Math.max(lastSeen, bet.time);
    }

    private int counted() {
        int n = 0;
        for (Recent r : recent) {
            if (r.count > 0) {
                n++;
            }
        }
        return n;
    }

    /** Whether a bet at this position goes after every kept one. */
    boolean isNewest(Recent bet) {
        if (recent.length > 0) {
            return recent[recent.length - 1].compareTo(bet) < 0;
        }
        return prefixBets == 0
                || Positions.compare(
                                prefixSlot,
                                prefixInstructionIndex,
                                prefixEventIndex,
                                bet.slot,
                                bet.instructionIndex,
                                bet.eventIndex)
                        < 0;
    }

    /** Whether a bet at this position is older than the folded history. */
    boolean isFolded(Recent bet) {
        return prefixBets > 0
                && Positions.compare(
                                prefixSlot,
                                prefixInstructionIndex,
                                prefixEventIndex,
                                bet.slot,
                                bet.instructionIndex,
                                bet.eventIndex)
                        >= 0;
    }

    /**
     * Counts a bet (+1) or takes it back (-1) among the kept ones, in chain order, and recomputes.
     */
    void count(Recent bet) {
        for (int i = 0; i < recent.length; i++) {
            if (recent[i].trialId.equals(bet.trialId) && recent[i].slot == bet.slot) {
                recent[i].count += bet.count;
                if (recent[i].count == 0) {
                    List<Recent> list = new ArrayList<>(Arrays.asList(recent));
                    list.remove(i);
                    recent = list.toArray(new Recent[0]);
                }
                recompute();
                return;
            }
        }
        List<Recent> list = new ArrayList<>(Arrays.asList(recent));
        int at = 0;
        while (at < list.size() && list.get(at).compareTo(bet) < 0) {
            at++;
        }
        list.add(at, bet);
        recent = list.toArray(new Recent[0]);
        recompute();
    }

    /** Folds the bets older than the horizon into the summary; true if any was folded. */
    boolean fold(long horizon) {
        int n = 0;
        while (n < recent.length && recent[n].time < horizon) {
            n++;
        }
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            Recent bet = recent[i];
            if (bet.count <= 0) {
                continue; // a take-back whose bet never came: nothing to fold
            }
            prefixFirstSeen = prefixBets == 0 ? bet.time : Math.min(prefixFirstSeen, bet.time);
            prefixLastSeen = prefixBets == 0 ? bet.time : Math.max(prefixLastSeen, bet.time);
            prefixBets++;
            if (bet.result > 0
                    && (prefixBiggestWin == null || bet.delta.compareTo(prefixBiggestWin) > 0)) {
                prefixBiggestWin = bet.delta;
                prefixBiggestWinTrial = bet.trialId;
            }
            prefixCurrentStreak = next(prefixCurrentStreak, bet.result);
            prefixBestStreak = Math.max(prefixBestStreak, prefixCurrentStreak);
            prefixSlot = bet.slot;
            prefixInstructionIndex = bet.instructionIndex;
            prefixEventIndex = bet.eventIndex;
        }
        recent = Arrays.copyOfRange(recent, n, recent.length);
        return true;
    }

    /** The figures again from the summary and the kept bets. */
    void recompute() {
        biggestWin = prefixBiggestWin;
        biggestWinTrial = prefixBiggestWinTrial;
        currentStreak = prefixCurrentStreak;
        bestStreak = prefixBestStreak;
        firstSeen = prefixBets > 0 ? prefixFirstSeen : Long.MAX_VALUE;
        lastSeen = prefixBets > 0 ? prefixLastSeen : Long.MIN_VALUE;
        for (Recent bet : recent) {
            if (bet.count <= 0) {
                continue;
            }
            firstSeen = Math.min(firstSeen, bet.time);
            lastSeen = Math.max(lastSeen, bet.time);
            step(bet);
        }
        if (prefixBets == 0 && counted() == 0) {
            firstSeen = 0;
            lastSeen = 0;
        }
    }

    private void step(Recent bet) {
        if (bet.result > 0 && (biggestWin == null || bet.delta.compareTo(biggestWin) > 0)) {
            biggestWin = bet.delta;
            biggestWinTrial = bet.trialId;
        }
        currentStreak = next(currentStreak, bet.result);
        bestStreak = Math.max(bestStreak, currentStreak);
    }

    /** A win extends a run of wins, a loss one of losses (negative); a push ends any run. */
    static int next(int streak, int result) {
        if (result > 0) {
            return streak > 0 ? streak + 1 : 1;
        }
        if (result < 0) {
            return streak < 0 ? streak - 1 : -1;
        }
        return 0;
    }

    Period period(String name, long start) {
        for (Period p : periods) {
            if (p.start == start && p.period.equals(name)) {
                return p;
            }
        }
        Period p = new Period();
        p.period = name;
        p.start = start;
        periods = Arrays.copyOf(periods, periods.length + 1);
        periods[periods.length - 1] = p;
        return p;
    }
}
