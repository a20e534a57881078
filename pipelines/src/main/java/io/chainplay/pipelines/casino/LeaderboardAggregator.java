package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The leaderboards of one pool and period ({@code casino.leaderboard_entries}): the top {@code
 * size} players by net profit, by volume and by wins, maintained incrementally.
 *
 * <p>Keyed by pool/period/start; input: players' standings from {@link PlayerStatsAggregator}. All
 * standings of the bucket are kept (a top list is not invertible: when a member falls or a reorg
 * removes them, the next best comes from the kept standings). Each standing updates the three top
 * lists in place: a player rising into a list or moving within it costs a sorted insert; only when
 * a member falls to the bottom while others are outside, or leaves, is the bucket scanned again,
 * once per flush. Ranks are value descending, then player ascending, so a top list is a function of
 * the standings alone and the same in BATCH and STREAMING runs.
 *
 * <p>Rows change only where the top lists changed since the last flush (a processing-time timer,
 * plus one at the end of time for bounded inputs): a player entering writes a row, leaving deletes
 * it, a new value rewrites it. A day or week bucket's state is dropped by an event-time timer once
 * the period is over for longer than the retention; its rows stay as that period's final boards.
 */
public class LeaderboardAggregator
        extends KeyedProcessFunction<String, LeaderboardUpdate, TableRow> {

    static final List<String> METRICS = List.of("net", "volume", "wins");

    private final int size;
    private final long retentionMillis;
    private final long flushIntervalMillis;

    private transient MapState<String, Standing> standings;
    private transient ValueState<Board> boards;
    private transient Counter rescans;

    /** A player's figures in the bucket. */
    public static class Standing {
        public BigInteger net;
        public BigInteger volume;
        public long wins;

        public Standing() {}

        BigInteger value(int metric) {
            return switch (metric) {
                case 0 -> net;
                case 1 -> volume;
                default -> BigInteger.valueOf(wins);
            };
        }
    }

    /** One ranked list: players and values, best first. */
    public static class Top {
        public String[] players = new String[0];
        public BigInteger[] values = new BigInteger[0];

        public Top() {}

        int indexOf(String player) {
            // Most updates are for players outside the top: compare the strings' cached hashes
            // first instead of 100 wallet addresses character by character.
            int hash = player.hashCode();
            for (int i = 0; i < players.length; i++) {
                if (players[i].hashCode() == hash && players[i].equals(player)) {
                    return i;
                }
            }
            return -1;
        }

        Top copy() {
            Top copy = new Top();
            copy.players = players.clone();
            copy.values = values.clone();
            return copy;
        }
    }

    /** What the bucket keeps besides the standings. */
    public static class Board {
        public String poolId;
        public String period;
        public long periodStart;

        /** Players with a standing. */
        public long count;

        public Top[] tops;
        public Top[] written;
        public boolean[] rescan;
        public boolean dirty;
        public long flushAt;
        public boolean timers;

        public Board() {}
    }

    public LeaderboardAggregator(int size, Duration retention, Duration flushInterval) {
        this.size = size;
        this.retentionMillis = retention.toMillis();
        this.flushIntervalMillis = Math.max(1, flushInterval.toMillis());
    }

    @Override
    public void open(OpenContext context) {
        standings =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "standings",
                                        Types.STRING,
                                        TypeInformation.of(Standing.class)));
        boards = getRuntimeContext().getState(new ValueStateDescriptor<>("board", Board.class));
        rescans = getRuntimeContext().getMetricGroup().counter("leaderboardRescans");
    }

    @Override
    public void processElement(LeaderboardUpdate update, Context ctx, Collector<TableRow> out)
            throws Exception {
        Board board = boards.value();
        if (board == null) {
            board = new Board();
            board.poolId = update.poolId;
            board.period = update.period;
            board.periodStart = update.periodStart;
            board.tops = new Top[] {new Top(), new Top(), new Top()};
            board.written = new Top[] {new Top(), new Top(), new Top()};
            board.rescan = new boolean[3];
        }
        Standing previous = standings.get(update.player);
        Standing standing = null;
        if (update.deleted) {
            if (previous == null) {
                return;
            }
            standings.remove(update.player);
            board.count--;
        } else {
            standing = new Standing();
            standing.net = update.net;
            standing.volume = update.volume;
            standing.wins = update.wins;
            standings.put(update.player, standing);
            if (previous == null) {
                board.count++;
            }
        }
        for (int m = 0; m < METRICS.size(); m++) {
            if (place(board, m, update.player, standing == null ? null : standing.value(m))) {
                board.rescan[m] = true;
            }
        }
        board.dirty = true;
        if (!board.timers) {
            board.timers = true;
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            long end = Periods.end(board.period, board.periodStart);
            if (end != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(end + retentionMillis);
            }
        }
        if (board.flushAt == 0) {
            board.flushAt =
                    Periods.nextTick(
                            ctx.timerService().currentProcessingTime(), flushIntervalMillis);
            ctx.timerService().registerProcessingTimeTimer(board.flushAt);
        }
        boards.update(board);
    }

    /**
     * Updates one top list for a player's new value (null: the player left); true when the list may
     * now be wrong and the bucket must be scanned.
     */
    private boolean place(Board board, int metric, String player, BigInteger value) {
        Top top = board.tops[metric];
        int at = top.indexOf(player);
        if (at >= 0) {
            if (value == null) {
                remove(top, at);
                return board.count > top.players.length; // someone outside may enter
            }
            BigInteger old = top.values[at];
            remove(top, at);
            int to = insert(top, player, value);
            // Outsiders rank below every member as it was. A member that fell to the bottom may
            // now rank below one of them.
            return value.compareTo(old) < 0
                    && to == top.players.length - 1
                    && board.count > top.players.length;
        }
        if (value == null) {
            return false;
        }
        if (top.players.length < size) {
            insert(top, player, value);
            return false;
        }
        int last = top.players.length - 1;
        if (better(value, player, top.values[last], top.players[last])) {
            remove(top, last);
            insert(top, player, value);
        }
        return false;
    }

    private static boolean better(BigInteger v, String p, BigInteger w, String q) {
        int c = v.compareTo(w);
        return c > 0 || (c == 0 && p.compareTo(q) < 0);
    }

    private static void remove(Top top, int at) {
        List<String> players = new ArrayList<>(Arrays.asList(top.players));
        List<BigInteger> values = new ArrayList<>(Arrays.asList(top.values));
        players.remove(at);
        values.remove(at);
        top.players = players.toArray(new String[0]);
        top.values = values.toArray(new BigInteger[0]);
    }

    private static int insert(Top top, String player, BigInteger value) {
        int at = 0;
        while (at < top.players.length && better(top.values[at], top.players[at], value, player)) {
            at++;
        }
        List<String> players = new ArrayList<>(Arrays.asList(top.players));
        List<BigInteger> values = new ArrayList<>(Arrays.asList(top.values));
        players.add(at, player);
        values.add(at, value);
        top.players = players.toArray(new String[0]);
        top.values = values.toArray(new BigInteger[0]);
        return at;
    }

    /** Rebuilds a top list from every standing of the bucket. */
    private Top scan(int metric) throws Exception {
        rescans.inc();
        // The worst of the best so far on top of the heap.
        PriorityQueue<Map.Entry<String, BigInteger>> best =
                new PriorityQueue<>(
                        (a, b) ->
                                better(a.getValue(), a.getKey(), b.getValue(), b.getKey())
                                        ? 1
                                        : -1);
        for (Map.Entry<String, Standing> e : standings.entries()) {
            best.add(Map.entry(e.getKey(), e.getValue().value(metric)));
            if (best.size() > size) {
                best.poll();
            }
        }
        Top top = new Top();
        while (!best.isEmpty()) {
            Map.Entry<String, BigInteger> e = best.poll();
            insert(top, e.getKey(), e.getValue());
        }
        return top;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TableRow> out)
            throws Exception {
        Board board = boards.value();
        if (board == null) {
            return;
        }
        if (timestamp == board.flushAt) {
            board.flushAt = 0;
        }
        flush(board, out);
        long end = Periods.end(board.period, board.periodStart);
        if (end != Long.MAX_VALUE
                && end + retentionMillis <= ctx.timerService().currentWatermark()) {
            // The period is over and past the reorg window: its boards are final.
            standings.clear();
            boards.clear();
            ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
            if (board.flushAt != 0) {
                ctx.timerService().deleteProcessingTimeTimer(board.flushAt);
            }
            return;
        }
        boards.update(board);
    }

    /** Writes the difference between the top lists and what was written. */
    private void flush(Board board, Collector<TableRow> out) throws Exception {
        if (!board.dirty) {
            return;
        }
        board.dirty = false;
        for (int m = 0; m < METRICS.size(); m++) {
            if (board.rescan[m]) {
                board.rescan[m] = false;
                board.tops[m] = scan(m);
            }
            Top top = board.tops[m];
            Top written = board.written[m];
            Map<String, BigInteger> before = new HashMap<>();
            for (int i = 0; i < written.players.length; i++) {
                before.put(written.players[i], written.values[i]);
            }
            String start = CasinoTables.date(board.periodStart);
            for (int i = 0; i < top.players.length; i++) {
                BigInteger old = before.remove(top.players[i]);
                if (!Objects.equals(old, top.values[i])) {
                    out.collect(
                            CasinoTables.LEADERBOARD_ENTRIES.row(
                                    board.poolId,
                                    board.period,
                                    start,
                                    METRICS.get(m),
                                    top.players[i],
                                    top.values[i].toString()));
                }
            }
            for (String gone : before.keySet()) {
                out.collect(
                        CasinoTables.LEADERBOARD_ENTRIES.deletion(
                                board.poolId, board.period, start, METRICS.get(m), gone));
            }
            board.written[m] = top.copy();
        }
    }
}
