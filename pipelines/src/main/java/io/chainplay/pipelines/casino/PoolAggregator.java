package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;

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
import org.apache.flink.util.OutputTag;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A casino's tables: its registration ({@code casino.pools}), its totals ({@code
 * casino.pool_stats}: plays, volume, house profit, distinct players, fees and their split, the
 * jackpot) and its hourly and daily volume ({@code casino.pool_volume}); and {@code stats.updated}
 * on the feed ({@link #FEED}), at most one per pool per {@code statsDebounce}.
 *
 * <p>Keyed by pool; input: {@link PoolSignal}s from the trial, ledger and player operators and the
 * pool's PoolRegistered copies. Totals and volume buckets are sums; the current jackpot is the
 * amount after the latest jackpot event by chain order, kept exactly under reorgs by keeping the
 * events of the reorg window. Volume is filed under the settlement's block time (UTC hours/days).
 *
 * <p>Rows are the latest value per key per {@code flushInterval} (a processing-time timer), plus a
 * flush at the end of time for bounded inputs. State: one per pool; the jackpot events and volume
 * buckets of the reorg window, folded or dropped once the watermark is past it.
 */
public class PoolAggregator extends KeyedProcessFunction<String, PoolSignal, TableRow> {

    public static final OutputTag<FeedRecord> FEED = new OutputTag<>("pool-feed") {};
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("pool-dead-letters") {};

    private final long retentionMillis;
    private final long flushIntervalMillis;
    private final long statsDebounceMillis;
    private final PoolRegistry registry;

    private transient ValueState<PoolState> pools;

    /** The jackpot events of the reorg window, by event and slot: O(1) per event. */
    private transient MapState<String, PoolState.Jackpot> jackpots;

    private transient Counter statsMessages;

    public PoolAggregator(
            Duration retention,
            Duration flushInterval,
            Duration statsDebounce,
            PoolRegistry registry) {
        this.retentionMillis = retention.toMillis();
        this.flushIntervalMillis = Math.max(1, flushInterval.toMillis());
        this.statsDebounceMillis = Math.max(1, statsDebounce.toMillis());
        this.registry = registry;
    }

    @Override
    public void open(OpenContext context) {
        pools = getRuntimeContext().getState(new ValueStateDescriptor<>("pool", PoolState.class));
        jackpots =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "jackpot-events",
                                        Types.STRING,
                                        TypeInformation.of(PoolState.Jackpot.class)));
        statsMessages = getRuntimeContext().getMetricGroup().counter("statsUpdatedMessages");
    }

    @Override
    public void processElement(PoolSignal signal, Context ctx, Collector<TableRow> out)
            throws Exception {
        PoolState state = pools.value();
        if (state == null) {
            state = new PoolState();
            state.poolId = signal.poolId;
        }
        boolean stats = apply(state, signal, ctx);
        state.lastTime = Math.max(state.lastTime, signal.time);
        if (stats) {
            state.statsDirty = true;
            state.feedDirty = true;
        }
        if (!state.endTimer) {
            state.endTimer = true;
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        long now = ctx.timerService().currentProcessingTime();
        if (state.flushAt == 0 && (state.statsDirty || state.poolDirty)) {
            state.flushAt = Periods.nextTick(now, flushIntervalMillis);
            ctx.timerService().registerProcessingTimeTimer(state.flushAt);
        }
        if (state.feedAt == 0 && state.feedDirty) {
            state.feedAt = Periods.nextTick(now, statsDebounceMillis);
            ctx.timerService().registerProcessingTimeTimer(state.feedAt);
        }
        pools.update(state);
    }

    /** Applies a signal; true when the stats changed. */
    private boolean apply(PoolState state, PoolSignal signal, Context ctx) throws Exception {
        int sign = signal.sign;
        BigInteger s = BigInteger.valueOf(sign);
        switch (signal.type) {
            case REGISTERED -> {
                register(state, signal.event, ctx);
                return false;
            }
            case SETTLED -> {
                state.contributions += sign;
                state.plays += sign;
                if (signal.won) {
                    state.wins += sign;
                }
                state.wagered = state.wagered.add(signal.wager.multiply(s));
                state.paidOut = state.paidOut.add(signal.payout.multiply(s));
                long day = Periods.epochDay(signal.time);
                volume(state.bucket("hour", Math.floorDiv(signal.time, Periods.HOUR)), signal);
                volume(state.bucket("day", day), signal);
            }
            case FEE -> {
                state.contributions += sign;
                state.fees = state.fees.add(signal.amount.multiply(s));
                state.feeHost = add(state.feeHost, signal.host, s);
                state.feePool = add(state.feePool, signal.pool, s);
                state.feeNetwork = add(state.feeNetwork, signal.network, s);
                state.feeBurn = add(state.feeBurn, signal.burn, s);
            }
            case ACCUMULATED, RELEASED -> {
                state.contributions += sign;
                boolean release = signal.type == PoolSignal.Type.RELEASED;
                if (release) {
                    state.jackpotsWon += sign;
                    state.jackpotReleased = state.jackpotReleased.add(signal.amount.multiply(s));
                }
                PoolState.Jackpot event = new PoolState.Jackpot();
                event.eventId = signal.eventId;
                event.slot = signal.slot;
                event.instructionIndex = signal.instructionIndex;
                event.eventIndex = signal.eventIndex;
                event.time = signal.time;
                event.amount = release ? BigInteger.ZERO : signal.amount;
                countJackpot(state, event, sign);
            }
            case PLAYERS -> state.players += sign;
            default -> throw new IllegalStateException("Unknown signal " + signal.type);
        }
        return true;
    }

    /**
     * Counts a jackpot event (+1) or takes it back (-1). The latest in effect by chain order is
     * kept up to date in O(1); only when a reorg takes the latest back are the kept events scanned
     * for the one before.
     */
    private void countJackpot(PoolState state, PoolState.Jackpot event, int sign) throws Exception {
        String key = event.key();
        PoolState.Jackpot kept = jackpots.get(key);
        if (kept == null) {
            kept = event;
            kept.count = 0;
            state.oldestJackpot = Math.min(state.oldestJackpot, event.time);
        }
        kept.count += sign;
        if (kept.count == 0) {
            jackpots.remove(key);
        } else {
            jackpots.put(key, kept);
        }
        PoolState.Jackpot latest = state.latestJackpot;
        if (kept.count > 0 && (latest == null || kept.compareTo(latest) > 0)) {
            state.latestJackpot = kept;
        } else if (kept.count <= 0 && latest != null && latest.key().equals(key)) {
            state.latestJackpot = null;
            for (PoolState.Jackpot j : jackpots.values()) {
                if (j.count > 0
                        && (state.latestJackpot == null || j.compareTo(state.latestJackpot) > 0)) {
                    state.latestJackpot = j;
                }
            }
        }
    }

    /** Folds the jackpot events older than the horizon: the newest of them becomes the base. */
    private void foldJackpots(PoolState state, long horizon) throws Exception {
        if (state.oldestJackpot >= horizon) {
            return;
        }
        PoolState.Jackpot newest = null;
        long oldest = Long.MAX_VALUE;
        Iterator<Map.Entry<String, PoolState.Jackpot>> it = jackpots.iterator();
        while (it.hasNext()) {
            PoolState.Jackpot j = it.next().getValue();
            if (j.time < horizon) {
                if (j.count > 0 && (newest == null || j.compareTo(newest) > 0)) {
                    newest = j;
                }
                it.remove();
            } else {
                oldest = Math.min(oldest, j.time);
            }
        }
        if (newest != null) {
            // In effect whenever every newer event has been taken back.
            state.jackpotBase = newest.amount;
        }
        state.oldestJackpot = oldest;
    }

    private static BigInteger add(BigInteger total, BigInteger part, BigInteger sign) {
        return part == null ? total : total.add(part.multiply(sign));
    }

    private static void volume(PoolState.Bucket bucket, PoolSignal signal) {
        BigInteger s = BigInteger.valueOf(signal.sign);
        bucket.plays += signal.sign;
        bucket.wagered = bucket.wagered.add(signal.wager.multiply(s));
        bucket.paidOut = bucket.paidOut.add(signal.payout.multiply(s));
        bucket.dirty = true;
    }

    private void register(PoolState state, CasinoEvent event, Context ctx) {
        Copies.Copy before = state.registrations.effective();
        Copies.Result result = state.registrations.apply(event);
        if (result == Copies.Result.REFUSED) {
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetterRecord.ofEvent(
                            CasinoJob.SOURCE_NAME,
                            event.eventId,
                            "PoolRegistered "
                                    + event.poolId
                                    + ": retraction of a finalized event"));
        }
        if (!Copies.same(before, state.registrations.effective())) {
            state.poolDirty = true;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TableRow> out)
            throws Exception {
        PoolState state = pools.value();
        if (state == null) {
            return;
        }
        boolean end = timestamp == Long.MAX_VALUE;
        if (end || timestamp >= state.flushAt && state.flushAt != 0) {
            state.flushAt = 0;
            flush(state, ctx.timerService().currentWatermark(), out);
        }
        if (end || timestamp >= state.feedAt && state.feedAt != 0) {
            state.feedAt = 0;
            if (state.feedDirty) {
                state.feedDirty = false;
                statsMessages.inc();
                ctx.output(
                        FEED,
                        CasinoFeed.statsUpdated(
                                state.poolId,
                                registry.gameType(state.poolId),
                                state.plays,
                                state.players,
                                state.wagered,
                                state.paidOut,
                                state.jackpot(),
                                state.lastTime,
                                ++state.feedVersion));
            }
        }
        pools.update(state);
    }

    private void flush(PoolState state, long watermark, Collector<TableRow> out) throws Exception {
        long horizon = Periods.before(watermark, retentionMillis);
        foldJackpots(state, horizon);
        if (state.poolDirty) {
            state.poolDirty = false;
            Copies.Copy registration = state.registrations.effective();
            if (registration != null) {
                out.collect(poolRow(registration.event));
                state.poolWritten = true;
            } else if (state.poolWritten) {
                out.collect(CasinoTables.POOLS.deletion(state.poolId));
                state.poolWritten = false;
            }
        }
        if (state.statsDirty) {
            state.statsDirty = false;
            if (state.contributions > 0) {
                out.collect(statsRow(state));
                state.statsWritten = true;
            } else if (state.statsWritten) {
                out.collect(CasinoTables.POOL_STATS.deletion(state.poolId));
                state.statsWritten = false;
            }
        }
        List<PoolState.Bucket> kept = new ArrayList<>();
        for (PoolState.Bucket b : state.buckets) {
            String start =
                    CasinoTables.time(
                            b.start * (b.granularity.equals("hour") ? Periods.HOUR : Periods.DAY));
            if (b.dirty) {
                b.dirty = false;
                if (b.plays > 0) {
                    BigInteger house = b.wagered.subtract(b.paidOut);
                    out.collect(
                            CasinoTables.POOL_VOLUME.row(
                                    state.poolId,
                                    b.granularity,
                                    start,
                                    CasinoTables.text(b.plays),
                                    b.wagered.toString(),
                                    b.paidOut.toString(),
                                    house.toString()));
                    b.written = true;
                } else if (b.written) {
                    out.collect(
                            CasinoTables.POOL_VOLUME.deletion(state.poolId, b.granularity, start));
                    b.written = false;
                }
            }
            long size = b.granularity.equals("hour") ? Periods.HOUR : Periods.DAY;
            boolean over = (b.start + 1) * size <= horizon;
            if (!over && (b.plays != 0 || b.written)) {
                kept.add(b);
            }
        }
        state.buckets = kept.toArray(new PoolState.Bucket[0]);
    }

    private TableRow poolRow(CasinoEvent registration) {
        PoolRegistry.Entry entry = registry.get(registration.poolId);
        return CasinoTables.POOLS.row(
                registration.poolId,
                registration.manager,
                Double.toString(registration.feePlayMultiplier),
                Double.toString(registration.feeLossMultiplier),
                Double.toString(registration.feeMintMultiplier),
                Double.toString(registration.feeHostPercent),
                Double.toString(registration.feePoolPercent),
                Double.toString(registration.minLimitForTicket),
                Double.toString(registration.probability),
                entry == null ? null : entry.name(),
                entry == null ? null : entry.slug(),
                entry == null ? null : entry.game(),
                registration.eventId,
                registration.txSignature,
                CasinoTables.text(registration.slot),
                registration.orderIndex(),
                CasinoTables.time(registration.eventTime));
    }

    private static TableRow statsRow(PoolState state) {
        return CasinoTables.POOL_STATS.row(
                state.poolId,
                CasinoTables.text(state.plays),
                CasinoTables.text(state.wins),
                CasinoTables.text(state.players),
                state.wagered.toString(),
                state.paidOut.toString(),
                state.wagered.subtract(state.paidOut).toString(),
                state.fees.toString(),
                state.feeHost.toString(),
                state.feePool.toString(),
                state.feeNetwork.toString(),
                state.feeBurn.toString(),
                state.jackpot().toString(),
                CasinoTables.text(state.jackpotsWon),
                state.jackpotReleased.toString());
    }
}
