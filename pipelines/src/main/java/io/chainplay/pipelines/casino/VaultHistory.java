package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.schemas.casino.FareVaultEvents;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vault's admin history ({@code casino.vault_events}, one row per admin event) and its current
 * configuration ({@code casino.vault_config}: each field's latest value by chain order).
 *
 * <p>All six admin events go to one key (the vault): they are rare, and the current configuration
 * needs them all. A field's latest value is not invertible, so each field keeps its events of the
 * reorg window, and the newest older one; a retraction falls back to the previous value.
 */
public class VaultHistory extends KeyedProcessFunction<String, CasinoEvent, TableRow> {

    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("vault-dead-letters") {};

    static final List<String> FIELDS =
            List.of(
                    "admin",
                    "resolver",
                    "net_fee_recipient",
                    "ev_threshold",
                    "fee_network_pct",
                    "min_fee_burn_pct");

    private final long retentionMillis;
    private transient ValueState<Vault> vault;

    /** One admin event. */
    public static class Change {
        public CasinoEvent event;
        public boolean live;
        public boolean finalized;

        public Change() {}
    }

    /** The admin events kept, in chain order. */
    public static class Vault {
        public Change[] changes = new Change[0];
        public boolean written;

        public Vault() {}
    }

    public VaultHistory(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        vault = getRuntimeContext().getState(new ValueStateDescriptor<>("vault", Vault.class));
    }

    @Override
    public void processElement(CasinoEvent event, Context ctx, Collector<TableRow> out)
            throws Exception {
        Vault state = vault.value();
        if (state == null) {
            state = new Vault();
        }
        Change change = null;
        for (Change c : state.changes) {
            if (c.event.eventId.equals(event.eventId)) {
                change = c;
            }
        }
        Copies.Change applied =
                change == null
                        ? Copies.apply(false, false, 0, event.kind, event.slot)
                        : Copies.apply(
                                change.live,
                                change.finalized,
                                change.event.slot,
                                event.kind,
                                event.slot);
        switch (applied) {
            case NONE -> {
                return;
            }
            case REFUSED -> {
                ctx.output(
                        DEAD_LETTERS,
                        DeadLetterRecord.ofEvent(
                                CasinoJob.SOURCE_NAME,
                                event.eventId,
                                event.eventName + ": retraction of a finalized event"));
                return;
            }
            case FINALIZED -> {
                change.finalized = true;
                vault.update(state);
                return;
            }
            case APPEARED, MOVED -> {
                List<Change> changes = new ArrayList<>(Arrays.asList(state.changes));
                changes.remove(change);
                Change fresh = new Change();
                fresh.event = event;
                fresh.live = true;
                fresh.finalized = event.kind == EventKind.FINALIZED;
                changes.add(fresh);
                changes.sort((a, b) -> CasinoEvent.compareOrder(a.event, b.event));
                state.changes = changes.toArray(new Change[0]);
                out.collect(eventRow(event));
            }
            case DISAPPEARED -> {
                change.live = false;
                out.collect(CasinoTables.VAULT_EVENTS.deletion(event.eventId));
            }
            default -> throw new IllegalStateException("Unknown change " + applied);
        }
        fold(state, Periods.before(ctx.timerService().currentWatermark(), retentionMillis));
        TableRow config = configRow(state);
        if (config != null) {
            out.collect(config);
            state.written = true;
        } else if (state.written) {
            out.collect(CasinoTables.VAULT_CONFIG.deletion(FareVaultEvents.PROGRAM_ID));
            state.written = false;
        }
        vault.update(state);
    }

    /** Keeps, per field, the events of the reorg window and the newest older live one. */
    private static void fold(Vault state, long horizon) {
        List<Change> kept = new ArrayList<>();
        for (Change c : state.changes) {
            boolean old = c.event.eventTime < horizon;
            if (!old) {
                kept.add(c);
            } else if (c.live && newestOldOfField(state, c, horizon)) {
                kept.add(c);
            }
        }
        state.changes = kept.toArray(new Change[0]);
    }

    private static boolean newestOldOfField(Vault state, Change candidate, long horizon) {
        for (Change c : state.changes) {
            if (c != candidate
                    && c.live
                    && c.event.eventTime < horizon
                    && c.event.vaultField.equals(candidate.event.vaultField)
                    && CasinoEvent.compareOrder(c.event, candidate.event) > 0) {
                return false;
            }
        }
        return true;
    }

    private static TableRow eventRow(CasinoEvent event) {
        return CasinoTables.VAULT_EVENTS.row(
                event.eventId,
                event.orderIndex(),
                event.eventName,
                event.vaultField,
                event.vaultAddress,
                CasinoTables.text(event.vaultValue),
                event.txSignature,
                CasinoTables.text(event.slot),
                CasinoTables.time(event.eventTime));
    }

    /** Each field's latest live value by chain order; null when no admin event is live. */
    private static TableRow configRow(Vault state) {
        String[] values = new String[FIELDS.size()];
        long updatedAt = Long.MIN_VALUE;
        for (Change c : state.changes) { // in chain order: later ones overwrite
            if (!c.live) {
                continue;
            }
            int field = FIELDS.indexOf(c.event.vaultField);
            if (field < 0) {
                continue;
            }
            values[field] =
                    c.event.vaultAddress != null
                            ? c.event.vaultAddress
                            : CasinoTables.text(c.event.vaultValue);
            updatedAt = Math.max(updatedAt, c.event.eventTime);
        }
        if (updatedAt == Long.MIN_VALUE) {
            return null;
        }
        String[] row = new String[FIELDS.size() + 2];
        row[0] = FareVaultEvents.PROGRAM_ID;
        System.arraycopy(values, 0, row, 1, values.length);
        row[row.length - 1] = CasinoTables.time(updatedAt);
        return CasinoTables.VAULT_CONFIG.row(row);
    }
}
