package io.chainplay.devnet.solana;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One program invocation as the Solana runtime executes it: a top-level instruction or a CPI, with
 * what it does in order (log lines, events, nested invocations) and the compute units it burns
 * itself.
 *
 * <p>An activity builds these trees; {@link TransactionAssembler} turns a tree into the
 * transaction's compiled instructions, inner instructions and the exact log lines the runtime would
 * print.
 */
final class Invocation {

    /** Builtin programs cost a fixed 150 units and log no "consumed" line. */
    static final int BUILTIN_UNITS = 150;

    record AccountMeta(String pubkey, boolean signer, boolean writable) {
        static AccountMeta writable(String pubkey) {
            return new AccountMeta(pubkey, false, true);
        }

        static AccountMeta readonly(String pubkey) {
            return new AccountMeta(pubkey, false, false);
        }

        static AccountMeta signer(String pubkey) {
            return new AccountMeta(pubkey, true, true);
        }
    }

    /** What an invocation does, in execution order. */
    sealed interface Step permits Log, Emit, Child {}

    /** "Program log: {message}". */
    record Log(String message) implements Step {}

    /**
     * An Anchor event: through {@code emit!} (a "Program data:" line) or {@code emit_cpi!} (a
     * self-invocation whose instruction data carries the event, with no log line).
     */
    record Emit(AnchorEvent event, boolean selfCpi) implements Step {}

    record Child(Invocation invocation) implements Step {}

    final String programId;
    final List<AccountMeta> accounts;
    final byte[] data;
    final boolean builtin;
    final List<Step> steps = new ArrayList<>();
    int units;

    /** When set, the invocation fails after its steps with "custom program error: 0x..". */
    Long customError;

    private Invocation(String programId, List<AccountMeta> accounts, byte[] data, boolean builtin) {
        this.programId = programId;
        this.accounts = List.copyOf(accounts);
        this.data = Arrays.copyOf(data, data.length);
        this.builtin = builtin;
        this.units = builtin ? BUILTIN_UNITS : 0;
    }

    /** An on-chain (BPF) program: logs its compute units. */
    static Invocation program(
            String programId, List<AccountMeta> accounts, byte[] data, int units) {
        Invocation invocation = new Invocation(programId, accounts, data, false);
        invocation.units = units;
        return invocation;
    }

    /** A builtin (System, ComputeBudget): fixed cost, no "consumed" line. */
    static Invocation builtin(String programId, List<AccountMeta> accounts, byte[] data) {
        return new Invocation(programId, accounts, data, true);
    }

    Invocation log(String message) {
        steps.add(new Log(message));
        return this;
    }

    Invocation emit(AnchorEvent event, boolean selfCpi) {
        steps.add(new Emit(event, selfCpi));
        return this;
    }

    Invocation invoke(Invocation child) {
        steps.add(new Child(child));
        return this;
    }

    Invocation failWith(long code) {
        this.customError = code;
        return this;
    }

    /** The events this invocation and its CPIs emit, in execution order. */
    List<Emit> events() {
        List<Emit> out = new ArrayList<>();
        collectEvents(out);
        return out;
    }

    private void collectEvents(List<Emit> out) {
        for (Step step : steps) {
            if (step instanceof Emit emit) {
                out.add(emit);
            } else if (step instanceof Child child) {
                child.invocation().collectEvents(out);
            }
        }
    }
}
