package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.schemas.casino.FareVaultEvents;

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

    /** One admin event: its copies. */
    public static class Change {
        public Copies copies = new Copies();

        public Change() {}

        CasinoEvent effective() {
            Copies.Copy copy = copies.effective();
            return copy == null ? null : copy.event;
        }

        CasinoEvent any() {
            return copies.copies[0].event;
        }
    }

    /** The admin events kept. */
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
            if (c.any().eventId.equals(event.eventId)) {
                change = c;
            }
        }
        if (change == null) {
            change = new Change();
            state.changes = Arrays.copyOf(state.changes, state.changes.length + 1);
            state.changes[state.changes.length - 1] = change;
        }
        CasinoEvent before = change.effective();
        Copies.Result result = change.copies.apply(event);
        if (result == Copies.Result.REFUSED) {
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetterRecord.ofEvent(
                            CasinoJob.SOURCE_NAME,
                            event.eventId,
                            event.eventName + ": retraction of a finalized event"));
        }
        CasinoEvent after = change.effective();
        if (result != Copies.Result.RECORDED
                || (before == null ? after == null : after != null && before.slot == after.slot)) {
            vault.update(state);
            return;
        }
        if (after != null) {
            out.collect(eventRow(after));
        } else {
            out.collect(CasinoTables.VAULT_EVENTS.deletion(event.eventId));
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

    /** Keeps, per field, the events of the reorg window and the newest older one in effect. */
    private static void fold(Vault state, long horizon) {
        List<Change> kept = new ArrayList<>();
        for (Change c : state.changes) {
            if (c.any().eventTime >= horizon) {
                kept.add(c);
            } else if (c.effective() != null && newestOldOfField(state, c, horizon)) {
                kept.add(c);
            }
        }
        state.changes = kept.toArray(new Change[0]);
    }

    private static boolean newestOldOfField(Vault state, Change candidate, long horizon) {
        CasinoEvent mine = candidate.effective();
        for (Change c : state.changes) {
            CasinoEvent other = c.effective();
            if (c != candidate
                    && other != null
                    && other.eventTime < horizon
                    && other.vaultField.equals(mine.vaultField)
                    && CasinoEvent.compareOrder(other, mine) > 0) {
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
        CasinoEvent[] latest = new CasinoEvent[FIELDS.size()];
        long updatedAt = Long.MIN_VALUE;
        for (Change c : state.changes) {
            CasinoEvent e = c.effective();
            int field = e == null ? -1 : FIELDS.indexOf(e.vaultField);
            if (field < 0) {
                continue;
            }
            if (latest[field] == null || CasinoEvent.compareOrder(e, latest[field]) > 0) {
                latest[field] = e;
                values[field] =
                        e.vaultAddress != null ? e.vaultAddress : CasinoTables.text(e.vaultValue);
            }
            updatedAt = Math.max(updatedAt, e.eventTime);
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
