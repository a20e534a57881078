package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.FareVaultProgram.EvThresholdUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.FeeCharged;
import io.chainplay.devnet.solana.FareVaultProgram.FeeNetworkPercentUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.MinimumFeeBurnPercentUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.PoolAccumulatedAmountReleased;
import io.chainplay.devnet.solana.FareVaultProgram.PoolAccumulatedAmountUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.PoolRegistered;
import io.chainplay.devnet.solana.FareVaultProgram.TrialRegistered;
import io.chainplay.devnet.solana.FareVaultProgram.TrialResolved;
import io.chainplay.devnet.solana.Invocation.AccountMeta;
import io.chainplay.schemas.solana.Base58;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * FarePlay casino traffic on {@code fare_vault}: the vault is initialized and the pools registered
 * in the first block; then each bet is a {@code trial_register} (TrialRegistered, the FeeCharged
 * events, and for jackpot pools PoolAccumulatedAmountUpdated), resolved two to eight slots later by
 * the resolver's {@code trial_resolve_rand} (TrialResolved, with the result drawn by the pool's qk
 * probabilities, and now and then a PoolAccumulatedAmountReleased jackpot). The resolver settles up
 * to three trials per transaction, one instruction each.
 *
 * <p>Amounts are in base units of an 18-decimal token, and a trial's {@code multiplier} is its
 * wager, as the casino job reads it. The randomness reported in TrialResolved is the draw itself:
 * the result is the first qk row whose cumulative probability exceeds it.
 */
final class CasinoActivity implements Activity {

    private static final long TOKEN = 1_000_000_000_000_000_000L;
    private static final int DECIMALS = 18;

    /** The casino's pools: name, qk table, pool fee share (jackpot pools only). */
    private record PoolSpec(String name, double[][] qk, double poolPercent) {}

    private static final List<PoolSpec> POOLS =
            List.of(
                    new PoolSpec("coin-flip", new double[][] {{0.5, 0.0}, {0.5, 1.96}}, 0),
                    new PoolSpec("dice-over-50", new double[][] {{0.51, 0.0}, {0.49, 2.0}}, 0),
                    new PoolSpec(
                            "slots",
                            new double[][] {{0.7, 0.0}, {0.2, 1.5}, {0.08, 4.0}, {0.02, 12.0}},
                            0.05),
                    new PoolSpec(
                            "wheel",
                            new double[][] {{0.55, 0.0}, {0.3, 1.5}, {0.12, 2.5}, {0.03, 4.0}},
                            0.05));

    private static final class Pool {
        final PoolSpec spec;
        final String id;
        final PoolRegistered registration;
        long accumulated;

        Pool(PoolSpec spec, PoolRegistered registration) {
            this.spec = spec;
            this.id = registration.poolId();
            this.registration = registration;
        }
    }

    private record Trial(String id, String player, Pool pool, long wager, long dueSlot) {}

    private final String programId = FareVaultProgram.PROGRAM_ID;
    private final List<String> players;
    private final String vaultState = Pda.find(programId, "vault_state");
    private final String vaultMintSigner = Pda.find(programId, "vault_mint_signer");
    private final String admin = Keys.named("fare-vault-admin");
    private final String resolver = Keys.named("fare-vault-resolver");
    private final String netFeeRecipient = Keys.named("fare-vault-fee-recipient");
    private final String multisig = Keys.named("fare-vault-multisig");
    private final String mint = Keys.named("fare-token-mint");
    private final String netToken = Keys.named("fare-net-token");
    private final String hostToken = Keys.named("fare-host-token");
    private final List<Pool> pools = new ArrayList<>();
    private final Set<Trial> pending = new LinkedHashSet<>(); // in registration order
    private final AddressLookupTable lookupTable;
    private double evThreshold = 0.98;
    private double feeNetworkPercent = 0.5;
    private double minFeeBurnPercent = 0.1;

    CasinoActivity(List<String> players) {
        this.players = List.copyOf(players);
        for (PoolSpec spec : POOLS) {
            pools.add(
                    new Pool(
                            spec,
                            new PoolRegistered(
                                    Keys.pool(spec.name()),
                                    Keys.named("fare-pool-manager-" + spec.name()),
                                    0.01,
                                    0.02,
                                    0.5,
                                    0.15,
                                    spec.poolPercent(),
                                    100,
                                    spec.poolPercent() > 0 ? 0.01 : 0)));
        }
        List<String> table =
                new ArrayList<>(
                        List.of(
                                vaultState,
                                mint,
                                netToken,
                                hostToken,
                                multisig,
                                vaultMintSigner,
                                TransactionAssembler.TOKEN_PROGRAM,
                                TransactionAssembler.SYSTEM_PROGRAM,
                                TransactionAssembler.eventAuthority(programId)));
        pools.forEach(pool -> table.add(pool.id));
        this.lookupTable = new AddressLookupTable(Keys.named("fare-lookup-table"), table);
    }

    @Override
    public AddressLookupTable lookupTable() {
        return lookupTable;
    }

    /** Ids of the casino's pools. */
    List<String> poolIds() {
        return pools.stream().map(pool -> pool.id).toList();
    }

    @Override
    public List<Action> setup(ActivityContext context) {
        List<Action> actions = new ArrayList<>();
        boolean selfCpi = context.selfCpi();
        Invocation initialize =
                Invocation.program(
                                programId,
                                List.of(
                                        AccountMeta.signer(admin),
                                        AccountMeta.writable(vaultState),
                                        AccountMeta.readonly(TransactionAssembler.SYSTEM_PROGRAM)),
                                FareVaultProgram.initializeData(
                                        evThreshold,
                                        admin,
                                        resolver,
                                        netFeeRecipient,
                                        feeNetworkPercent,
                                        minFeeBurnPercent),
                                18_000)
                        .log("Instruction: Initialize")
                        .invoke(
                                SystemProgram.createAccount(
                                        admin,
                                        vaultState,
                                        SystemProgram.rentExempt(8 + 128),
                                        8 + 128,
                                        programId))
                        .emit(new FareVaultProgram.AdminAddressUpdated(admin), selfCpi)
                        .emit(new FareVaultProgram.ResolverAddressUpdated(resolver), selfCpi)
                        .emit(
                                new FareVaultProgram.NetworkFeeRecipientAddressUpdated(
                                        netFeeRecipient),
                                selfCpi)
                        .emit(new EvThresholdUpdated(evThreshold), selfCpi)
                        .emit(new FeeNetworkPercentUpdated(feeNetworkPercent), selfCpi)
                        .emit(new MinimumFeeBurnPercentUpdated(minFeeBurnPercent), selfCpi);
        Action init = new Action(admin).instruction(initialize);
        init.setup = true;
        actions.add(init);
        for (Pool pool : pools) {
            String manager = pool.registration.managerAddress();
            Invocation register =
                    Invocation.program(
                                    programId,
                                    List.of(
                                            AccountMeta.signer(manager),
                                            AccountMeta.writable(pool.id),
                                            AccountMeta.readonly(
                                                    TransactionAssembler.SYSTEM_PROGRAM)),
                                    FareVaultProgram.poolRegisterData(pool.registration),
                                    14_000 + context.between(0, 3_000))
                            .log("Instruction: PoolRegister")
                            .invoke(
                                    SystemProgram.createAccount(
                                            manager,
                                            pool.id,
                                            SystemProgram.rentExempt(8 + 96),
                                            8 + 96,
                                            programId))
                            .emit(pool.registration, context.selfCpi());
            Action action = new Action(manager).instruction(register);
            action.setup = true;
            actions.add(action);
        }
        return actions;
    }

    @Override
    public List<Supplier<Action>> due(ActivityContext context) {
        // Every trial due is resolved, however many: a cap per slot (it was 60) let the backlog
        // grow without end above ~150 bets/s, so most bets of a fast run never settled.
        List<Trial> due = new ArrayList<>();
        for (Trial trial : pending) {
            if (trial.dueSlot() <= context.slot) {
                due.add(trial);
            }
        }
        List<Supplier<Action>> planners = new ArrayList<>();
        int at = 0;
        while (at < due.size()) {
            List<Trial> batch =
                    List.copyOf(due.subList(at, Math.min(due.size(), at + context.between(1, 3))));
            planners.add(() -> resolve(context, batch));
            at += batch.size();
        }
        return planners;
    }

    @Override
    public Action next(ActivityContext context) {
        if (context.random.nextDouble() < 0.001) {
            return updateVaultState(context);
        }
        return bet(context);
    }

    private Action bet(ActivityContext context) {
        Pool pool = pools.get(context.random.nextInt(pools.size()));
        String player = players.get(context.random.nextInt(players.size()));
        String playerToken = Keys.named("fare-token-account-" + player);
        // 0.01 to 0.5 token in 1e-6 steps: the best payout, wager × 12, stays below 2^63, so
        // consumers reading u64 into a signed long never see it wrap.
        long wager =
                TOKEN / 100 + (long) (context.random.nextDouble() * 490_000) * 1_000_000_000_000L;
        String trialId = Base58.encode(context.bytes(32));
        String extraDataHash = "0x" + HexFormat.of().formatHex(context.bytes(32));
        PoolRegistered config = pool.registration;
        long networkFee = fraction(wager, config.feePlayMultiplier() * feeNetworkPercent);
        long hostFee = fraction(wager, config.feePlayMultiplier() * config.feeHostPercent());
        long poolFee = fraction(wager, config.feePlayMultiplier() * config.feePoolPercent());
        boolean selfCpi = context.selfCpi();

        Invocation register =
                Invocation.program(
                                programId,
                                List.of(
                                        AccountMeta.readonly(vaultState),
                                        AccountMeta.signer(player),
                                        AccountMeta.writable(trialId),
                                        AccountMeta.writable(pool.id),
                                        AccountMeta.writable(netToken),
                                        AccountMeta.writable(hostToken),
                                        AccountMeta.writable(mint),
                                        AccountMeta.writable(playerToken),
                                        AccountMeta.readonly(TransactionAssembler.TOKEN_PROGRAM),
                                        AccountMeta.readonly(TransactionAssembler.SYSTEM_PROGRAM)),
                                FareVaultProgram.trialRegisterData(
                                        pool.spec.qk(), (double) wager / TOKEN, extraDataHash),
                                26_000 + context.between(0, 14_000))
                        .log("Instruction: TrialRegister")
                        .invoke(
                                SystemProgram.createAccount(
                                        player,
                                        trialId,
                                        SystemProgram.rentExempt(8 + 200),
                                        8 + 200,
                                        programId))
                        .invoke(
                                SplToken.burn(
                                        playerToken, mint, player, wager - networkFee - hostFee))
                        .invoke(
                                SplToken.transferChecked(
                                        playerToken, mint, netToken, player, networkFee, DECIMALS));
        if (hostFee > 0) {
            register.invoke(
                    SplToken.transferChecked(
                            playerToken, mint, hostToken, player, hostFee, DECIMALS));
        }
        register.emit(
                        new TrialRegistered(
                                trialId, player, pool.id, wager, pool.spec.qk(), extraDataHash),
                        selfCpi)
                .emit(new FeeCharged(0, pool.id, trialId, networkFee), selfCpi);
        if (hostFee > 0) {
            register.emit(new FeeCharged(1, pool.id, trialId, hostFee), selfCpi);
        }
        long accumulated = pool.accumulated + poolFee;
        if (poolFee > 0) {
            register.emit(new FeeCharged(2, pool.id, trialId, poolFee), selfCpi)
                    .emit(new PoolAccumulatedAmountUpdated(pool.id, trialId, accumulated), selfCpi);
        }
        long dueSlot = context.slot + context.between(2, 8);
        return new Action(player)
                .instruction(register)
                .transfer(player, trialId, SystemProgram.rentExempt(8 + 200))
                .onCommit(
                        () -> {
                            pool.accumulated = accumulated;
                            pending.add(new Trial(trialId, player, pool, wager, dueSlot));
                        });
    }

    private Action resolve(ActivityContext context, List<Trial> trials) {
        Action action = new Action(resolver);
        List<Runnable> effects = new ArrayList<>();
        // Jackpots in one transaction see the pool as the earlier instructions left it.
        Map<Pool, Long> accumulated = new HashMap<>();
        for (Trial trial : trials) {
            Pool pool = trial.pool();
            String userToken = Keys.named("fare-token-account-" + trial.player());
            double randomness = context.random.nextDouble();
            double[][] qk = pool.spec.qk();
            int result = qk.length - 1;
            double cumulative = 0;
            for (int i = 0; i < qk.length; i++) {
                cumulative += qk[i][0];
                if (randomness < cumulative) {
                    result = i;
                    break;
                }
            }
            long payout =
                    new BigDecimal(trial.wager())
                            .multiply(BigDecimal.valueOf(qk[result][1]))
                            .setScale(0, RoundingMode.FLOOR)
                            .longValueExact();
            boolean selfCpi = context.selfCpi();
            Invocation resolve =
                    Invocation.program(
                                    programId,
                                    List.of(
                                            AccountMeta.writable(trial.player()),
                                            AccountMeta.readonly(vaultState),
                                            AccountMeta.writable(trial.id()),
                                            AccountMeta.writable(pool.id),
                                            AccountMeta.writable(netToken),
                                            AccountMeta.writable(hostToken),
                                            AccountMeta.writable(mint),
                                            AccountMeta.writable(userToken),
                                            AccountMeta.readonly(multisig),
                                            AccountMeta.readonly(vaultMintSigner),
                                            AccountMeta.readonly(
                                                    TransactionAssembler.TOKEN_PROGRAM),
                                            AccountMeta.signer(resolver)),
                                    FareVaultProgram.trialResolveRandData(context.bytes(64)),
                                    22_000 + context.between(0, 12_000))
                            .log("Instruction: TrialResolveRand");
            if (payout > 0) {
                resolve.invoke(SplToken.mintTo(mint, userToken, vaultMintSigner, payout));
            }
            resolve.emit(new TrialResolved(trial.id(), result, randomness), selfCpi);
            long poolAmount = accumulated.getOrDefault(pool, pool.accumulated);
            boolean jackpot =
                    poolAmount > 0 && context.random.nextDouble() < pool.registration.probability();
            if (jackpot) {
                resolve.invoke(SplToken.mintTo(mint, userToken, vaultMintSigner, poolAmount))
                        .emit(
                                new PoolAccumulatedAmountReleased(
                                        pool.id, trial.id(), trial.player(), poolAmount),
                                selfCpi);
                accumulated.put(pool, 0L);
            }
            action.instruction(resolve);
            effects.add(
                    () -> {
                        pending.remove(trial);
                        if (jackpot) {
                            pool.accumulated = 0;
                        }
                    });
        }
        return action.onCommit(() -> effects.forEach(Runnable::run));
    }

    private Action updateVaultState(ActivityContext context) {
        double newThreshold =
                Math.round((0.95 + context.random.nextDouble() * 0.04) * 1000) / 1000.0;
        double newNetwork = Math.round((0.3 + context.random.nextDouble() * 0.4) * 100) / 100.0;
        boolean selfCpi = context.selfCpi();
        Invocation update =
                Invocation.program(
                                programId,
                                List.of(
                                        AccountMeta.signer(admin),
                                        AccountMeta.writable(vaultState)),
                                Anchor.concat(
                                        Anchor.instructionDiscriminator("update_vault_state"),
                                        new BorshWriter()
                                                .f64(newThreshold)
                                                .pubkey(admin)
                                                .pubkey(resolver)
                                                .pubkey(netFeeRecipient)
                                                .f64(newNetwork)
                                                .f64(minFeeBurnPercent)
                                                .toByteArray()),
                                9_000 + context.between(0, 2_000))
                        .log("Instruction: UpdateVaultState")
                        .emit(new EvThresholdUpdated(newThreshold), selfCpi)
                        .emit(new FeeNetworkPercentUpdated(newNetwork), selfCpi);
        return new Action(admin)
                .instruction(update)
                .onCommit(
                        () -> {
                            evThreshold = newThreshold;
                            feeNetworkPercent = newNetwork;
                        });
    }

    /** ⌊amount × share⌋ for a share in [0, 1]. */
    private static long fraction(long amount, double share) {
        return new BigDecimal(amount)
                .multiply(BigDecimal.valueOf(share))
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
