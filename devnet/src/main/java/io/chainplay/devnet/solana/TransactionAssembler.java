package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.DevnetTransaction.CompiledInstruction;
import io.chainplay.devnet.solana.DevnetTransaction.Header;
import io.chainplay.devnet.solana.DevnetTransaction.InnerInstructions;
import io.chainplay.devnet.solana.DevnetTransaction.InstructionError;
import io.chainplay.devnet.solana.DevnetTransaction.Lookup;
import io.chainplay.devnet.solana.DevnetTransaction.TxEvent;
import io.chainplay.devnet.solana.Invocation.AccountMeta;
import io.chainplay.devnet.solana.Invocation.Child;
import io.chainplay.devnet.solana.Invocation.Emit;
import io.chainplay.devnet.solana.Invocation.Log;
import io.chainplay.devnet.solana.Invocation.Step;
import io.chainplay.schemas.solana.Base58;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns invocation trees into a {@link DevnetTransaction}: compiles the message (account order,
 * header, address lookups), then "executes" the trees the way the runtime reports execution — the
 * log lines, the inner instructions with their stack heights, compute units and the error.
 *
 * <p>The log format is the runtime's: {@code Program <id> invoke [<depth>]}, {@code Program log:
 * ...}, {@code Program data: <base64>}, {@code Program <id> consumed <n> of <m> compute units},
 * {@code Program <id> success} or {@code Program <id> failed: custom program error: 0x<hex>}.
 * Builtins log only invoke and success and cost 150 units. "of m" is the budget left when the
 * program was invoked: the limit minus what earlier instructions used, and inside a CPI the
 * caller's budget minus what the caller used before the call (checked against the recorded mainnet
 * logs).
 */
final class TransactionAssembler {

    static final String COMPUTE_BUDGET = "ComputeBudget111111111111111111111111111111";
    static final String SYSTEM_PROGRAM = "11111111111111111111111111111111";
    static final String TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";

    static final long LAMPORTS_PER_SIGNATURE = 5_000;
    private static final long MAX_COMPUTE_UNIT_LIMIT = 1_400_000;

    /** What a transaction should look like beyond its instructions. */
    static final class Options {
        boolean legacy;

        /** v0 only: load these accounts (when present and not signers) through a lookup table. */
        AddressLookupTable lookupTable;

        /** Prepend SetComputeUnitLimit / SetComputeUnitPrice. */
        boolean computeBudget = true;

        long microLamportsPerUnit;
        String recentBlockhash;

        /** Lamport movements besides the fee, applied unless the transaction fails. */
        final List<Transfer> transfers = new ArrayList<>();
    }

    record Transfer(String from, String to, long lamports) {}

    /** Lamport balances before this transaction. */
    interface Balances {
        long of(String account);
    }

    private final SplittableRandom random;

    TransactionAssembler(SplittableRandom random) {
        this.random = random;
    }

    DevnetTransaction assemble(
            String feePayer,
            List<Invocation> programInstructions,
            Options options,
            Balances balances) {
        List<Invocation> topLevel = new ArrayList<>();
        long requiredUnits = 0;
        int builtinCount = 0;
        for (Invocation invocation : programInstructions) {
            requiredUnits += totalUnits(invocation);
            if (invocation.builtin) {
                builtinCount++;
            }
        }
        long limit;
        if (options.computeBudget) {
            // Wallets request headroom over the simulated cost, rounded to a thousand.
            double headroom = 1.1 + random.nextDouble() * 0.5;
            limit =
                    Math.min(
                            MAX_COMPUTE_UNIT_LIMIT,
                            ((long) ((requiredUnits + 2 * Invocation.BUILTIN_UNITS) * headroom)
                                                    / 1000
                                            + 1)
                                    * 1000);
            topLevel.add(
                    Invocation.builtin(
                            COMPUTE_BUDGET,
                            List.of(),
                            new BorshWriter().u8(2).u32(limit).toByteArray()));
            topLevel.add(
                    Invocation.builtin(
                            COMPUTE_BUDGET,
                            List.of(),
                            new BorshWriter()
                                    .u8(3)
                                    .u64(options.microLamportsPerUnit)
                                    .toByteArray()));
        } else {
            int programs = programInstructions.size() - builtinCount;
            limit = Math.min(MAX_COMPUTE_UNIT_LIMIT, 200_000L * programs + 3_000L * builtinCount);
        }
        topLevel.addAll(programInstructions);

        Compiled compiled = compileAccounts(feePayer, topLevel, options);
        Execution execution = new Execution(compiled.index, limit);
        List<CompiledInstruction> instructions = new ArrayList<>();
        List<InnerInstructions> inner = new ArrayList<>();
        long consumedTotal = 0;
        int dataBytes = 0;
        for (int i = 0; i < topLevel.size(); i++) {
            Invocation invocation = topLevel.get(i);
            instructions.add(compiled.compile(invocation, 1));
            dataBytes += invocation.data.length;
            if (execution.error != null) {
                continue; // the runtime stops at the first failing instruction
            }
            execution.beginInstruction(i, !emitsOwnEvents(invocation));
            consumedTotal += execution.run(invocation, 1, limit - consumedTotal);
            if (!execution.inner.isEmpty()) {
                inner.add(new InnerInstructions(i, List.copyOf(execution.inner)));
            }
        }

        List<String> accounts = compiled.allAccounts();
        long[] pre = new long[accounts.size()];
        for (int i = 0; i < pre.length; i++) {
            pre[i] = balances.of(accounts.get(i));
        }
        long priorityFee = (limit * options.microLamportsPerUnit + 999_999) / 1_000_000;
        long fee = LAMPORTS_PER_SIGNATURE * compiled.signerCount + priorityFee;
        long[] post = pre.clone();
        post[0] -= fee;
        if (execution.error == null) {
            for (Transfer transfer : options.transfers) {
                post[compiled.index.get(transfer.from())] -= transfer.lamports();
                post[compiled.index.get(transfer.to())] += transfer.lamports();
            }
        }
        List<String> signatures = new ArrayList<>();
        for (int i = 0; i < compiled.signerCount; i++) {
            byte[] signature = new byte[64];
            random.nextBytes(signature);
            signatures.add(Base58.encode(signature));
        }
        int writable = compiled.writableStatic + compiled.loadedWritable.size();
        long costUnits =
                consumedTotal + 720L * compiled.signerCount + 300L * writable + dataBytes / 4;
        return new DevnetTransaction(
                signatures,
                options.legacy,
                new Header(
                        compiled.signerCount, compiled.readonlySigned, compiled.readonlyUnsigned),
                compiled.staticKeys,
                compiled.lookups,
                compiled.loadedWritable,
                compiled.loadedReadonly,
                options.recentBlockhash,
                instructions,
                inner,
                execution.logs,
                fee,
                pre,
                post,
                execution.error,
                consumedTotal,
                costUnits,
                execution.events);
    }

    /** A top-level instruction is "via router" when its events belong to another program. */
    private static boolean emitsOwnEvents(Invocation invocation) {
        for (Emit emit : invocation.events()) {
            if (!emit.event().programId().equals(invocation.programId)) {
                return false;
            }
        }
        return true;
    }

    /** Units a tree needs: its own plus its children's, including emit_cpi self-invocations. */
    static long totalUnits(Invocation invocation) {
        long total = invocation.units;
        for (Step step : invocation.steps) {
            if (step instanceof Child child) {
                total += totalUnits(child.invocation());
            } else if (step instanceof Emit emit && emit.selfCpi()) {
                total += selfCpiUnits(emit.event().data().length);
            }
        }
        return total;
    }

    private static int selfCpiUnits(int dataLength) {
        return 1_700 + dataLength;
    }

    /** Anchor's emit_cpi!: the program invokes itself, signed by its event authority PDA. */
    static Invocation selfCpi(AnchorEvent event) {
        return Invocation.program(
                event.programId(),
                List.of(AccountMeta.readonly(eventAuthority(event.programId()))),
                Anchor.concat(Anchor.EVENT_IX_TAG, event.data()),
                selfCpiUnits(event.data().length));
    }

    private static final Map<String, String> EVENT_AUTHORITIES = new HashMap<>();

    static synchronized String eventAuthority(String programId) {
        return EVENT_AUTHORITIES.computeIfAbsent(
                programId, id -> Pda.find(id, Anchor.EVENT_AUTHORITY_SEED));
    }

    // ---------------------------------------------------------------- message compilation

    private static final class Meta {
        boolean signer;
        boolean writable;
    }

    private static final class Compiled {
        final List<String> staticKeys = new ArrayList<>();
        final List<String> loadedWritable = new ArrayList<>();
        final List<String> loadedReadonly = new ArrayList<>();
        final List<Lookup> lookups = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        int signerCount;
        int readonlySigned;
        int readonlyUnsigned;
        int writableStatic;

        List<String> allAccounts() {
            List<String> all = new ArrayList<>(staticKeys);
            all.addAll(loadedWritable);
            all.addAll(loadedReadonly);
            return all;
        }

        CompiledInstruction compile(Invocation invocation, int stackHeight) {
            int[] accounts = new int[invocation.accounts.size()];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = index.get(invocation.accounts.get(i).pubkey());
            }
            return new CompiledInstruction(
                    index.get(invocation.programId),
                    accounts,
                    Base58.encode(invocation.data),
                    stackHeight);
        }
    }

    /**
     * Orders keys as the message compiler does: the fee payer, other writable signers, readonly
     * signers, writable non-signers, readonly non-signers, each group in order of first use. In a
     * v0 message, non-signer accounts the lookup table holds (never a top-level program id) are
     * loaded from it instead: writable ones first, then readonly.
     */
    private static Compiled compileAccounts(
            String feePayer, List<Invocation> topLevel, Options options) {
        Map<String, Meta> metas = new LinkedHashMap<>();
        Meta payer = new Meta();
        payer.signer = true;
        payer.writable = true;
        metas.put(feePayer, payer);
        List<String> topLevelPrograms = new ArrayList<>();
        for (Invocation invocation : topLevel) {
            topLevelPrograms.add(invocation.programId);
            collect(invocation, metas);
        }
        Compiled compiled = new Compiled();
        List<String> loadable = new ArrayList<>();
        List<List<String>> groups =
                List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Map.Entry<String, Meta> entry : metas.entrySet()) {
            String key = entry.getKey();
            Meta meta = entry.getValue();
            if (!options.legacy
                    && options.lookupTable != null
                    && !meta.signer
                    && !topLevelPrograms.contains(key)
                    && options.lookupTable.holds(key)) {
                loadable.add(key);
                continue;
            }
            int group = meta.signer ? (meta.writable ? 0 : 1) : (meta.writable ? 2 : 3);
            groups.get(group).add(key);
        }
        for (List<String> group : groups) {
            compiled.staticKeys.addAll(group);
        }
        compiled.signerCount = groups.get(0).size() + groups.get(1).size();
        compiled.readonlySigned = groups.get(1).size();
        compiled.readonlyUnsigned = groups.get(3).size();
        compiled.writableStatic = groups.get(0).size() + groups.get(2).size();
        if (!loadable.isEmpty()) {
            List<Integer> writableIndexes = new ArrayList<>();
            List<Integer> readonlyIndexes = new ArrayList<>();
            for (String key : loadable) {
                if (metas.get(key).writable) {
                    compiled.loadedWritable.add(key);
                    writableIndexes.add(options.lookupTable.indexOf(key));
                } else {
                    compiled.loadedReadonly.add(key);
                    readonlyIndexes.add(options.lookupTable.indexOf(key));
                }
            }
            compiled.lookups.add(
                    new Lookup(
                            options.lookupTable.address(),
                            writableIndexes.stream().mapToInt(Integer::intValue).toArray(),
                            readonlyIndexes.stream().mapToInt(Integer::intValue).toArray()));
        }
        List<String> all = compiled.allAccounts();
        for (int i = 0; i < all.size(); i++) {
            compiled.index.put(all.get(i), i);
        }
        return compiled;
    }

    private static void collect(Invocation invocation, Map<String, Meta> metas) {
        for (AccountMeta account : invocation.accounts) {
            Meta meta = metas.computeIfAbsent(account.pubkey(), k -> new Meta());
            meta.signer |= account.signer();
            meta.writable |= account.writable();
        }
        metas.computeIfAbsent(invocation.programId, k -> new Meta());
        for (Step step : invocation.steps) {
            if (step instanceof Child child) {
                collect(child.invocation(), metas);
            } else if (step instanceof Emit emit && emit.selfCpi()) {
                metas.computeIfAbsent(eventAuthority(emit.event().programId()), k -> new Meta());
            }
        }
    }

    // ---------------------------------------------------------------- execution

    private static final class Execution {
        final Map<String, Integer> index;
        final List<String> logs = new ArrayList<>();
        final List<TxEvent> events = new ArrayList<>();
        final List<CompiledInstruction> inner = new ArrayList<>();
        InstructionError error;
        int instructionIndex;
        int eventIndex;
        boolean viaRouter;

        Execution(Map<String, Integer> index, long limit) {
            this.index = index;
        }

        void beginInstruction(int instructionIndex, boolean viaRouter) {
            this.instructionIndex = instructionIndex;
            this.viaRouter = viaRouter;
            this.eventIndex = 0;
            this.inner.clear();
        }

        /** Runs one invocation with {@code budget} units left; returns the units it consumed. */
        long run(Invocation invocation, int depth, long budget) {
            String id = invocation.programId;
            logs.add("Program " + id + " invoke [" + depth + "]");
            if (depth > 1) {
                inner.add(compileInner(invocation, depth));
            }
            if (invocation.builtin) {
                logs.add("Program " + id + " success");
                return invocation.units;
            }
            int calls = 0;
            for (Step step : invocation.steps) {
                if (step instanceof Child || (step instanceof Emit emit && emit.selfCpi())) {
                    calls++;
                }
            }
            long childrenUnits = 0;
            int call = 0;
            for (Step step : invocation.steps) {
                Invocation child = null;
                if (step instanceof Log log) {
                    logs.add("Program log: " + log.message());
                } else if (step instanceof Emit emit) {
                    byte[] data = emit.event().data();
                    events.add(
                            new TxEvent(
                                    emit.event(),
                                    data,
                                    instructionIndex,
                                    eventIndex++,
                                    emit.selfCpi(),
                                    viaRouter));
                    if (emit.selfCpi()) {
                        child = selfCpi(emit.event());
                    } else {
                        logs.add("Program data: " + Base64.getEncoder().encodeToString(data));
                    }
                } else if (step instanceof Child nested) {
                    child = nested.invocation();
                }
                if (child == null) {
                    continue;
                }
                // The caller spends its own units evenly around the calls it makes.
                call++;
                long ownSoFar = (long) invocation.units * call / (calls + 1);
                long used = ownSoFar + childrenUnits;
                childrenUnits += run(child, depth + 1, budget - used);
                if (error != null) {
                    long consumed = ownSoFar + childrenUnits;
                    logs.add(consumedLine(id, consumed, budget));
                    logs.add("Program " + id + " failed: " + errorText(error.customCode()));
                    return consumed;
                }
            }
            long consumed = invocation.units + childrenUnits;
            logs.add(consumedLine(id, consumed, budget));
            if (invocation.customError != null) {
                error = new InstructionError(instructionIndex, invocation.customError);
                logs.add("Program " + id + " failed: " + errorText(invocation.customError));
            } else {
                logs.add("Program " + id + " success");
            }
            return consumed;
        }

        private CompiledInstruction compileInner(Invocation invocation, int stackHeight) {
            int[] accounts = new int[invocation.accounts.size()];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = index.get(invocation.accounts.get(i).pubkey());
            }
            return new CompiledInstruction(
                    index.get(invocation.programId),
                    accounts,
                    Base58.encode(invocation.data),
                    stackHeight);
        }

        private static String consumedLine(String id, long consumed, long budget) {
            return "Program " + id + " consumed " + consumed + " of " + budget + " compute units";
        }

        private static String errorText(long code) {
            return "custom program error: 0x" + Long.toHexString(code);
        }
    }
}
