package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.Objects;

/**
 * The events that are one row each: fees ({@code casino.fees}, split into host / pool / network /
 * burn), jackpot growth ({@code casino.pool_accumulations}) and jackpots won ({@code
 * casino.jackpots}). Keyed by event id; the pool and vault configuration comes in as broadcast
 * state.
 *
 * <p>Each event's copies are deduped like trials' (see {@link Copies}); the copy in effect writes
 * its row and tells the pool aggregator ({@link #POOL}); when no copy is left in effect the row is
 * deleted and the signal taken back. Jackpot releases go to the feed as {@code jackpot.won}.
 *
 * <p>A fee is split with the configuration in effect at its chain position: the pool's shares from
 * its PoolRegistered, the vault's network and minimum-burn percentages from the latest admin events
 * before it. Transport may reorder events of different transactions, so the split is computed at
 * once (low latency) and checked again when the watermark passes the fee's block time, when every
 * configuration event before it has arrived; if it changed, the row and the pool's totals are
 * corrected. A configuration event that arrives behind the watermark, or is retracted, corrects the
 * fees already checked (a scan of the fees in state; rare: admin events are). In BATCH mode the
 * broadcast input is read before the keyed one, so the first split is final.
 *
 * <p>State: one entry per event, dropped {@code retention} after its last copy (the dedup and reorg
 * window) by an event-time timer.
 */
public class PoolEventLedger
        extends KeyedBroadcastProcessFunction<String, CasinoEvent, CasinoEvent, TableRow> {

    /** Pool and vault configuration: "pool:&lt;id&gt;" and "vault:&lt;field&gt;" histories. */
    public static final MapStateDescriptor<String, ConfigHistory> CONFIG =
            new MapStateDescriptor<>(
                    "fare-vault-config", Types.STRING, TypeInformation.of(ConfigHistory.class));

    public static final OutputTag<PoolSignal> POOL = new OutputTag<>("ledger-pool-signals") {};
    public static final OutputTag<FeedRecord> FEED = new OutputTag<>("ledger-feed") {};
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("ledger-dead-letters") {};

    static final String NETWORK = "vault:fee_network_pct";
    static final String MIN_BURN = "vault:min_fee_burn_pct";

    private static final ValueStateDescriptor<Entry> LEDGER =
            new ValueStateDescriptor<>("ledger", Entry.class);

    private final long retentionMillis;
    private final PoolRegistry registry;

    private transient ValueState<Entry> ledger;
    private transient Counter duplicates;
    private transient Counter corrections;

    /** What the ledger keeps per event. */
    public static class Entry {
        /** Every copy heard of; the one in effect is what the rows show. */
        public Copies copies = new Copies();

        /** A fee's split as written. */
        public FeeSplit split;

        /**
         * The configuration's change count the split was made with ({@link #configVersion}); -1 in
         * state from before the count existed, so that such a fee is always checked.
         */
        public long splitVersion = -1;

        /** Block time at which the fee's split is checked again, or 0. */
        public long checkAt;

        public long lastSeen;
        public long timer;

        public Entry() {}

        CasinoEvent effective() {
            Copies.Copy copy = copies.effective();
            return copy == null ? null : copy.event;
        }
    }

    public PoolEventLedger(Duration retention, PoolRegistry registry) {
        this.retentionMillis = retention.toMillis();
        this.registry = registry;
    }

    @Override
    public void open(OpenContext context) {
        ledger = getRuntimeContext().getState(LEDGER);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        corrections = getRuntimeContext().getMetricGroup().counter("feeSplitCorrections");
    }

    @Override
    public void processElement(CasinoEvent event, ReadOnlyContext ctx, Collector<TableRow> out)
            throws Exception {
        Entry entry = ledger.value();
        if (entry == null) {
            entry = new Entry();
        }
        Copies.Copy before = entry.copies.effective();
        Copies.Result result = entry.copies.apply(event);
        if (result == Copies.Result.REFUSED) {
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetterRecord.ofEvent(
                            CasinoJob.SOURCE_NAME,
                            event.eventId,
                            event.eventName + ": retraction of a finalized event"));
        } else if (result == Copies.Result.DUPLICATE) {
            duplicates.inc();
        } else {
            Copies.Copy after = entry.copies.effective();
            if (!Copies.same(before, after)) {
                if (before != null) {
                    withdraw(entry, before.event, ctx, out, after == null);
                }
                if (after != null) {
                    publish(
                            entry,
                            after.event,
                            ctx.getBroadcastState(CONFIG),
                            ctx,
                            out,
                            before == null);
                }
            }
        }
        entry.lastSeen = Math.max(entry.lastSeen, event.eventTime);
        schedule(entry, ctx);
        ledger.update(entry);
    }

    /** Writes the live copy's row and counts it in its pool. */
    private void publish(
            Entry entry,
            CasinoEvent event,
            ReadOnlyBroadcastState<String, ConfigHistory> config,
            ReadOnlyContext ctx,
            Collector<TableRow> out,
            boolean appeared)
            throws Exception {
        switch (event.type) {
            case FEE_CHARGED -> {
                entry.split = split(event, config);
                entry.splitVersion = configVersion(event, config);
                entry.checkAt = event.eventTime;
                out.collect(feeRow(event, entry.split));
                if (entry.split.scaled) {
                    out.collect(scaledAnomaly(event, entry.split));
                }
                ctx.output(POOL, PoolSignal.fee(event, entry.split, 1));
            }
            case POOL_ACCUMULATED_AMOUNT_UPDATED -> {
                out.collect(
                        CasinoTables.POOL_ACCUMULATIONS.row(
                                event.eventId,
                                event.orderIndex(),
                                event.poolId,
                                event.trialId,
                                CasinoTables.unsigned(event.amount),
                                event.txSignature,
                                CasinoTables.text(event.slot),
                                CasinoTables.time(event.eventTime)));
                ctx.output(POOL, PoolSignal.jackpot(event, 1));
            }
            case POOL_ACCUMULATED_AMOUNT_RELEASED -> {
                out.collect(
                        CasinoTables.JACKPOTS.row(
                                event.eventId,
                                event.orderIndex(),
                                event.poolId,
                                event.trialId,
                                event.receiver,
                                CasinoTables.unsigned(event.amount),
                                event.txSignature,
                                CasinoTables.text(event.slot),
                                CasinoTables.time(event.eventTime)));
                ctx.output(POOL, PoolSignal.jackpot(event, 1));
                if (appeared) {
                    ctx.output(FEED, CasinoFeed.jackpotWon(event, registry.gameType(event.poolId)));
                }
            }
            default ->
                    throw new IllegalArgumentException(
                            "Not a pool ledger event: " + event.eventName);
        }
    }

    /**
     * Takes the live copy back: deletes its row (unless another copy replaces it at once) and its
     * count in the pool.
     */
    private void withdraw(
            Entry entry,
            CasinoEvent event,
            ReadOnlyContext ctx,
            Collector<TableRow> out,
            boolean delete) {
        switch (event.type) {
            case FEE_CHARGED -> {
                ctx.output(POOL, PoolSignal.fee(event, entry.split, -1));
                if (delete) {
                    out.collect(CasinoTables.FEES.deletion(event.eventId));
                }
                if (entry.split.scaled) {
                    out.collect(
                            Anomalies.deletion(
                                    Anomalies.id(
                                            Anomalies.FEE_SHARES_EXCEED_LIMIT, event.eventId)));
                }
                entry.checkAt = 0;
            }
            case POOL_ACCUMULATED_AMOUNT_UPDATED -> {
                ctx.output(POOL, PoolSignal.jackpot(event, -1));
                if (delete) {
                    out.collect(CasinoTables.POOL_ACCUMULATIONS.deletion(event.eventId));
                }
            }
            case POOL_ACCUMULATED_AMOUNT_RELEASED -> {
                ctx.output(POOL, PoolSignal.jackpot(event, -1));
                if (delete) {
                    out.collect(CasinoTables.JACKPOTS.deletion(event.eventId));
                    ctx.output(FEED, CasinoFeed.jackpotRetracted(event));
                }
            }
            default -> throw new IllegalArgumentException(event.eventName);
        }
    }

    /** Splits a live fee again; when the split changed, corrects its row and pool totals. */
    private void recheck(
            Entry entry,
            ReadOnlyBroadcastState<String, ConfigHistory> config,
            Collector<TableRow> out,
            java.util.function.BiConsumer<OutputTag<PoolSignal>, PoolSignal> pool)
            throws Exception {
        CasinoEvent fee = entry.effective();
        long version = configVersion(fee, config);
        if (version == entry.splitVersion) {
            return; // nothing the split reads has changed since it was made
        }
        entry.splitVersion = version;
        FeeSplit split = split(fee, config);
        if (split.equals(entry.split)) {
            return;
        }
        corrections.inc();
        pool.accept(POOL, PoolSignal.fee(fee, entry.split, -1));
        pool.accept(POOL, PoolSignal.fee(fee, split, 1));
        if (entry.split.scaled && !split.scaled) {
            out.collect(
                    Anomalies.deletion(
                            Anomalies.id(Anomalies.FEE_SHARES_EXCEED_LIMIT, fee.eventId)));
        }
        entry.split = split;
        out.collect(feeRow(fee, split));
        if (split.scaled) {
            out.collect(scaledAnomaly(fee, split));
        }
    }

    private static FeeSplit split(
            CasinoEvent fee, ReadOnlyBroadcastState<String, ConfigHistory> config)
            throws Exception {
        double[] pool = asOf(config.get("pool:" + fee.poolId), fee);
        double[] network = asOf(config.get(NETWORK), fee);
        double[] burn = asOf(config.get(MIN_BURN), fee);
        return FeeSplit.of(
                Settlement.unsigned(fee.amount),
                pool == null ? null : pool[0],
                pool == null ? null : pool[1],
                network == null ? null : network[0],
                burn == null ? null : burn[0]);
    }

    /**
     * The change counts of the histories a fee's split reads, summed: counts only grow, so an equal
     * sum means none of them changed.
     */
    private static long configVersion(
            CasinoEvent fee, ReadOnlyBroadcastState<String, ConfigHistory> config)
            throws Exception {
        return changes(config.get("pool:" + fee.poolId))
                + changes(config.get(NETWORK))
                + changes(config.get(MIN_BURN));
    }

    private static long changes(ConfigHistory history) {
        return history == null ? 0 : history.changes;
    }

    private static double[] asOf(ConfigHistory history, CasinoEvent event) {
        return history == null
                ? null
                : history.asOf(event.slot, event.instructionIndex, event.eventIndex);
    }

    private static TableRow feeRow(CasinoEvent fee, FeeSplit split) {
        return CasinoTables.FEES.row(
                fee.eventId,
                fee.orderIndex(),
                fee.poolId,
                fee.trialId,
                Integer.toString(fee.feeType),
                FeeSplit.feeTypeName(fee.feeType),
                CasinoTables.unsigned(fee.amount),
                CasinoTables.text(split.hostPercent),
                CasinoTables.text(split.poolPercent),
                CasinoTables.text(split.networkPercent),
                CasinoTables.text(split.minBurnPercent),
                CasinoTables.text(split.host),
                CasinoTables.text(split.pool),
                CasinoTables.text(split.network),
                CasinoTables.text(split.burn),
                fee.txSignature,
                CasinoTables.text(fee.slot),
                CasinoTables.time(fee.eventTime));
    }

    private static TableRow scaledAnomaly(CasinoEvent fee, FeeSplit split) {
        return Anomalies.row(
                Anomalies.FEE_SHARES_EXCEED_LIMIT,
                fee.eventId,
                fee.poolId,
                fee.trialId,
                null,
                fee.eventId,
                fee.eventTime,
                Anomalies.details()
                        .put("hostPercent", split.hostPercent)
                        .put("poolPercent", split.poolPercent)
                        .put("networkPercent", split.networkPercent)
                        .put("minBurnPercent", split.minBurnPercent));
    }

    /** One timer: the fee's check when due, else the end of the retention window. */
    private void schedule(Entry entry, ReadOnlyContext ctx) {
        long due = entry.lastSeen + retentionMillis;
        if (entry.checkAt != 0) {
            due = Math.min(due, entry.checkAt);
        }
        if (due != entry.timer) {
            if (entry.timer != 0) {
                ctx.timerService().deleteEventTimeTimer(entry.timer);
            }
            ctx.timerService().registerEventTimeTimer(due);
            entry.timer = due;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TableRow> out)
            throws Exception {
        Entry entry = ledger.value();
        if (entry == null || timestamp != entry.timer) {
            return;
        }
        entry.timer = 0;
        if (entry.checkAt != 0 && entry.checkAt <= timestamp) {
            entry.checkAt = 0;
            CasinoEvent event = entry.effective();
            if (event != null && event.type == CasinoEvent.Type.FEE_CHARGED) {
                recheck(entry, ctx.getBroadcastState(CONFIG), out, ctx::output);
            }
        }
        if (entry.lastSeen + retentionMillis <= timestamp) {
            ledger.clear();
            return;
        }
        schedule(entry, ctx);
        ledger.update(entry);
    }

    @Override
    public void processBroadcastElement(CasinoEvent event, Context ctx, Collector<TableRow> out)
            throws Exception {
        String key = configKey(event);
        if (key == null) {
            return; // admin changes that no fee depends on
        }
        BroadcastState<String, ConfigHistory> config = ctx.getBroadcastState(CONFIG);
        ConfigHistory history = config.get(key);
        if (history == null) {
            history = new ConfigHistory();
        }
        double[] values =
                event.type == CasinoEvent.Type.POOL_REGISTERED
                        ? new double[] {event.feeHostPercent, event.feePoolPercent}
                        : new double[] {event.vaultValue == null ? Double.NaN : event.vaultValue};
        ConfigHistory.Change change = history.apply(event, values);
        if (change == ConfigHistory.Change.NONE) {
            return;
        }
        // Entries older than the reorg window behind the watermark are folded: no fee that old
        // arrives any more. (In BATCH the watermark stays at its minimum: nothing is folded while
        // the keyed input, read after this one, may still need any of them.)
        history.fold(Periods.before(ctx.currentWatermark(), retentionMillis));
        config.put(key, history);
        boolean late = event.eventTime <= ctx.currentWatermark();
        if (!late && change == ConfigHistory.Change.APPEARED) {
            return; // fees after it are checked when the watermark passes them
        }
        String pool = event.type == CasinoEvent.Type.POOL_REGISTERED ? event.poolId : null;
        ctx.applyToKeyedState(
                LEDGER,
                (id, state) -> {
                    Entry entry = state.value();
                    CasinoEvent fee = entry == null ? null : entry.effective();
                    if (fee != null
                            && fee.type == CasinoEvent.Type.FEE_CHARGED
                            && entry.checkAt == 0
                            && (pool == null || Objects.equals(pool, fee.poolId))) {
                        recheck(entry, config, out, ctx::output);
                        state.update(entry);
                    }
                });
    }

    /** The configuration key an event sets, or null when fees do not depend on it. */
    static String configKey(CasinoEvent event) {
        if (event.type == CasinoEvent.Type.POOL_REGISTERED) {
            return "pool:" + event.poolId;
        }
        if (event.type == CasinoEvent.Type.VAULT_CONFIG_UPDATED) {
            if ("fee_network_pct".equals(event.vaultField)) {
                return NETWORK;
            }
            if ("min_fee_burn_pct".equals(event.vaultField)) {
                return MIN_BURN;
            }
        }
        return null;
    }
}
