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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The running fairness test of each pool: per qk table, the outcomes of its settled bets over a
 * sliding window of event time against the table's probabilities, by a chi-square test ({@link
 * ChiSquare}). The latest result per pool and table goes to {@code casino.outcome_tests}; a window
 * whose p-value is below {@code alpha} with at least {@code minBets} bets is written to {@code
 * casino.anomalies} as {@code outcome_frequencies}.
 *
 * <p>Keyed by pool. Outcomes are counted per table in buckets of {@code bucket} (by settlement
 * block time); a window is evaluated at the end of each bucket that holds bets, when the watermark
 * passes it (an event-time timer), over the buckets of the {@code window} before. Counts are sums,
 * so a reorg subtracts; if it touches a window already evaluated, that window is evaluated again
 * and its anomaly written or deleted: the result is the one the canonical chain alone gives, in
 * BATCH as in STREAMING. Buckets leave state {@code window + retention} after their end.
 */
public class OutcomeFrequencyTest extends KeyedProcessFunction<String, BetOutcome, TableRow> {

    private final long bucketMillis;
    private final long windowMillis;
    private final long retentionMillis;
    private final long minBets;
    private final double alpha;

    private transient MapState<String, long[]> counts;
    private transient ValueState<Tests> tests;
    private transient Counter flagged;

    /** One pool's tables and the windows evaluated. */
    public static class Tests {
        public Table[] tables = new Table[0];

        public Tests() {}
    }

    /** One qk table of a pool. */
    public static class Table {
        public String qkId;
        public double[] qk;

        /** Starts of the buckets with bets, ascending. */
        public long[] buckets = new long[0];

        /** Ends of the windows evaluated and still re-evaluable, ascending. */
        public long[] evaluated = new long[0];

        /** Ends of the windows currently written as anomalies. */
        public long[] flagged = new long[0];

        /** End of the window whose result is in casino.outcome_tests. */
        public long latest;

        public Table() {}
    }

    public OutcomeFrequencyTest(
            Duration bucket, Duration window, Duration retention, long minBets, double alpha) {
        this.bucketMillis = bucket.toMillis();
        this.windowMillis = window.toMillis();
        this.retentionMillis = retention.toMillis();
        this.minBets = minBets;
        this.alpha = alpha;
        if (windowMillis % bucketMillis != 0) {
            throw new IllegalArgumentException(
                    "outcome-test window ("
                            + window
                            + ") must be a multiple of its bucket ("
                            + bucket
                            + ")");
        }
    }

    @Override
    public void open(OpenContext context) {
        counts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "outcome-counts",
                                        Types.STRING,
                                        TypeInformation.of(long[].class)));
        tests =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("outcome-tests", Tests.class));
        flagged = getRuntimeContext().getMetricGroup().counter("poolsFlagged");
    }

    @Override
    public void processElement(BetOutcome outcome, Context ctx, Collector<TableRow> out)
            throws Exception {
        if (outcome.placement || outcome.qk == null) {
            return;
        }
        Tests state = tests.value();
        if (state == null) {
            state = new Tests();
        }
        Table table = table(state, outcome.qk);
        long start = Math.floorDiv(outcome.time, bucketMillis) * bucketMillis;
        String key = table.qkId + "|" + start;
        long[] bucket = counts.get(key);
        if (bucket == null) {
            bucket = new long[outcome.qk.length / 2];
            int at = Arrays.binarySearch(table.buckets, start);
            if (at < 0) {
                at = -at - 1;
                long[] buckets = new long[table.buckets.length + 1];
                System.arraycopy(table.buckets, 0, buckets, 0, at);
                buckets[at] = start;
                System.arraycopy(table.buckets, at, buckets, at + 1, table.buckets.length - at);
                table.buckets = buckets;
            }
            long end = start + bucketMillis;
            ctx.timerService().registerEventTimeTimer(end); // evaluate the window ending here
            ctx.timerService().registerEventTimeTimer(end + windowMillis + retentionMillis);
        }
        if (outcome.resultIndex >= 0 && outcome.resultIndex < bucket.length) {
            bucket[(int) outcome.resultIndex] += outcome.sign;
        }
        counts.put(key, bucket);
        long end = start + bucketMillis;
        if (end <= ctx.timerService().currentWatermark()) {
            // A change behind the watermark (a reorg, or a late bet): the windows it falls in
            // that were evaluated already are evaluated again, and the window ending with this
            // bucket is evaluated if it now has bets and was not.
            String pool = ctx.getCurrentKey();
            for (long evaluated : table.evaluated.clone()) {
                if (start >= evaluated - windowMillis && start < evaluated) {
                    if (isEmpty(table, evaluated)) {
                        forget(pool, table, evaluated, out);
                    } else {
                        evaluate(pool, table, evaluated, out);
                    }
                }
            }
            if (!isEmpty(table, end) && Arrays.binarySearch(table.evaluated, end) < 0) {
                evaluate(pool, table, end, out);
                table.evaluated = insert(table.evaluated, end);
            }
        }
        tests.update(state);
    }

    /** Whether the bucket that ends a window holds no bets (none, or all taken back). */
    private boolean isEmpty(Table table, long end) throws Exception {
        long[] bucket = counts.get(table.qkId + "|" + (end - bucketMillis));
        if (bucket == null) {
            return true;
        }
        for (long count : bucket) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A window whose last bucket lost all its bets is not one the canonical chain has: its anomaly
     * goes, and the latest result falls back to the window before.
     */
    private void forget(String poolId, Table table, long end, Collector<TableRow> out)
            throws Exception {
        table.evaluated = Arrays.stream(table.evaluated).filter(e -> e != end).toArray();
        if (Arrays.stream(table.flagged).anyMatch(e -> e == end)) {
            table.flagged = Arrays.stream(table.flagged).filter(e -> e != end).toArray();
            out.collect(
                    Anomalies.deletion(
                            Anomalies.id(
                                    Anomalies.OUTCOME_FREQUENCIES,
                                    poolId + ":" + table.qkId + ":" + end)));
        }
        if (table.latest == end && table.evaluated.length > 0) {
            table.latest = 0;
            evaluate(poolId, table, table.evaluated[table.evaluated.length - 1], out);
        }
    }

    private Table table(Tests state, double[] qk) {
        for (Table t : state.tables) {
            if (Arrays.equals(t.qk, qk)) {
                return t;
            }
        }
        Table table = new Table();
        table.qk = qk.clone();
        table.qkId = qkId(qk);
        state.tables = Arrays.copyOf(state.tables, state.tables.length + 1);
        state.tables[state.tables.length - 1] = table;
        return table;
    }

    /** A stable id of a qk table: the first 16 hex digits of the SHA-256 of its JSON. */
    static String qkId(double[] qk) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(qkJson(qk).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String qkJson(double[] qk) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < qk.length / 2; i++) {
            json.append(i > 0 ? "," : "")
                    .append('[')
                    .append(qk[2 * i])
                    .append(',')
                    .append(qk[2 * i + 1])
                    .append(']');
        }
        return json.append(']').toString();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TableRow> out)
            throws Exception {
        Tests state = tests.value();
        if (state == null) {
            return;
        }
        for (Table table : state.tables) {
            // A window ends here if a bucket of this table ends here.
            if (Arrays.binarySearch(table.buckets, timestamp - bucketMillis) >= 0
                    && Arrays.binarySearch(table.evaluated, timestamp) < 0
                    && !isEmpty(table, timestamp)) {
                evaluate(ctx.getCurrentKey(), table, timestamp, out);
                table.evaluated = insert(table.evaluated, timestamp);
            }
            // Buckets and windows no reorg can reach any more leave state.
            long horizon = timestamp - windowMillis - retentionMillis;
            int drop = 0;
            while (drop < table.buckets.length && table.buckets[drop] + bucketMillis <= horizon) {
                counts.remove(table.qkId + "|" + table.buckets[drop]);
                drop++;
            }
            table.buckets = Arrays.copyOfRange(table.buckets, drop, table.buckets.length);
            long oldest = timestamp - retentionMillis;
            table.evaluated = Arrays.stream(table.evaluated).filter(e -> e > oldest).toArray();
            table.flagged = Arrays.stream(table.flagged).filter(e -> e > oldest).toArray();
        }
        boolean empty = true;
        for (Table table : state.tables) {
            empty &= table.buckets.length == 0;
        }
        if (empty) {
            tests.clear(); // the result rows stay
        } else {
            tests.update(state);
        }
    }

    /** Tests the window ending at {@code end} and writes its result and anomaly. */
    private void evaluate(String poolId, Table table, long end, Collector<TableRow> out)
            throws Exception {
        long[] observed = new long[table.qk.length / 2];
        for (long start = end - windowMillis; start < end; start += bucketMillis) {
            long[] bucket = counts.get(table.qkId + "|" + start);
            if (bucket != null) {
                for (int i = 0; i < observed.length; i++) {
                    observed[i] += bucket[i];
                }
            }
        }
        ChiSquare.Result result = ChiSquare.test(observed, table.qk);
        boolean flag =
                result.degreesOfFreedom() > 0
                        && result.bets() >= minBets
                        && result.pValue() < alpha;
        if (end >= table.latest) {
            table.latest = end;
            out.collect(
                    CasinoTables.OUTCOME_TESTS.row(
                            poolId,
                            table.qkId,
                            qkJson(table.qk),
                            CasinoTables.time(end - windowMillis),
                            CasinoTables.time(end),
                            CasinoTables.text(result.bets()),
                            Double.toString(result.statistic()),
                            Integer.toString(result.degreesOfFreedom()),
                            Double.toString(result.pValue()),
                            Boolean.toString(flag)));
        }
        String subject = poolId + ":" + table.qkId + ":" + end;
        boolean wasFlagged = Arrays.stream(table.flagged).anyMatch(e -> e == end);
        if (flag) {
            if (!wasFlagged) {
                flagged.inc();
                table.flagged = insert(table.flagged, end);
            }
            out.collect(
                    Anomalies.row(
                            Anomalies.OUTCOME_FREQUENCIES,
                            subject,
                            poolId,
                            null,
                            null,
                            null,
                            end,
                            Anomalies.details()
                                    .put("qkId", table.qkId)
                                    .put("qk", qkJson(table.qk))
                                    .put("observed", Arrays.toString(observed))
                                    .put("bets", result.bets())
                                    .put("chiSquare", result.statistic())
                                    .put("degreesOfFreedom", result.degreesOfFreedom())
                                    .put("pValue", result.pValue())
                                    .put("alpha", alpha)
                                    .put("windowStart", CasinoTables.time(end - windowMillis))));
        } else if (wasFlagged) {
            table.flagged = Arrays.stream(table.flagged).filter(e -> e != end).toArray();
            out.collect(Anomalies.deletion(Anomalies.id(Anomalies.OUTCOME_FREQUENCIES, subject)));
        }
    }

    private static long[] insert(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        if (at >= 0) {
            return sorted;
        }
        at = -at - 1;
        long[] result = new long[sorted.length + 1];
        System.arraycopy(sorted, 0, result, 0, at);
        result[at] = value;
        System.arraycopy(sorted, at, result, at + 1, sorted.length - at);
        return result;
    }
}
