package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.DevnetTransaction.TxEvent;
import io.chainplay.devnet.solana.Invocation.AccountMeta;
import io.chainplay.schemas.solana.Base58;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Builds the ledger slot by slot: decides whether a slot is skipped, starts a fork or extends one,
 * asks the activities for transactions, assembles them and appends the block.
 *
 * <p>Everything is drawn from one seeded random generator in a fixed order per slot, so the same
 * seed and genesis time give the same ledger whether slots are produced by the clock or by {@code
 * advance}. Only this class writes to the ledger, on one thread at a time.
 *
 * <p>Forks: a fork is {@code forkLength} consecutive blocks on a branch that is later abandoned;
 * the canonical chain then continues from the block before it, re-including (unchanged, first in
 * the next canonical block) a share of the fork's transactions and dropping the rest. Dropped
 * transactions leave the game state untouched ({@link Action#commit} is not run).
 */
final class SlotProducer {

    private static final int VALIDATORS = 8;
    private static final int SLOTS_PER_LEADER = 4;
    private static final long LAMPORTS_PER_SOL = 1_000_000_000L;

    private final DevnetConfig config;
    private final SplittableRandom random;
    private final TransactionAssembler assembler;
    private final ActivityContext context;
    private final CasinoActivity casino;
    private final MafiaActivity mafia;
    private final List<String> players = new ArrayList<>();
    private final List<String> validators = new ArrayList<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> initialBalances = new LinkedHashMap<>();
    private final Deque<String> recentCanonicalHashes = new ArrayDeque<>();
    private final List<DevnetTransaction> reincludeNext = new ArrayList<>();
    private final Ledger ledger;

    private Block lastCanonical;
    private Block lastFork;
    private int forkId;
    private int forkRemaining;
    private int forcedForkLength;
    private boolean setupDone;
    private long tip;

    SlotProducer(DevnetConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed);
        this.assembler = new TransactionAssembler(random);
        this.context = new ActivityContext(random, config.selfCpiShare);
        for (int i = 0; i < config.players; i++) {
            players.add(Keys.player(i));
            initialBalances.put(Keys.player(i), 10_000 * LAMPORTS_PER_SOL);
        }
        for (int i = 0; i < VALIDATORS; i++) {
            validators.add(Keys.named("validator-" + i));
            initialBalances.put(Keys.named("validator-" + i), 500 * LAMPORTS_PER_SOL);
        }
        this.casino = new CasinoActivity(players);
        this.mafia =
                new MafiaActivity(
                        players,
                        MafiaRules.load(),
                        config.earningsIntervalSeconds,
                        config.earningsDiscrepancy,
                        this::balance);
        initialBalances.put(Keys.named("fare-vault-admin"), 1_000 * LAMPORTS_PER_SOL);
        initialBalances.put(Keys.named("fare-vault-resolver"), 1_000_000 * LAMPORTS_PER_SOL);
        initialBalances.put(Keys.named("mafia-crank"), 1_000_000 * LAMPORTS_PER_SOL);
        initialBalances.put(mafia.treasuryPda(), 10_000_000 * LAMPORTS_PER_SOL);

        byte[] genesisHash = new byte[32];
        random.nextBytes(genesisHash);
        byte[] parentHash = new byte[32];
        random.nextBytes(parentHash);
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        Block genesis =
                new Block(
                        config.startSlot,
                        config.startSlot - 1,
                        Base58.encode(hash),
                        Base58.encode(parentHash),
                        config.startBlockHeight(),
                        blockTime(config.startSlot),
                        List.of(),
                        0,
                        config.startSlot,
                        leader(config.startSlot),
                        0,
                        balance(leader(config.startSlot)));
        this.ledger = new Ledger(genesis, Base58.encode(genesisHash));
        this.lastCanonical = genesis;
        this.tip = config.startSlot;
        recentCanonicalHashes.add(genesis.blockhash());
    }

    Ledger ledger() {
        return ledger;
    }

    List<String> players() {
        return List.copyOf(players);
    }

    List<String> poolIds() {
        return casino.poolIds();
    }

    synchronized long tip() {
        return tip;
    }

    long blockTime(long slot) {
        return config.genesisUnixSeconds + (slot - config.startSlot) * config.slotMillis / 1000;
    }

    /** The next produced slot starts a fork of {@code length} blocks that will be abandoned. */
    synchronized void forkNext(int length) {
        config.checkForkLength(length);
        forcedForkLength = length;
    }

    /** Produces slots until the tip reaches {@code slot}. */
    synchronized void produceUntil(long slot) {
        while (tip < slot) {
            produce(tip + 1);
        }
    }

    private void produce(long slot) {
        tip = slot;
        boolean fork;
        if (forkRemaining > 0) {
            fork = true;
            forkRemaining--;
        } else if (forcedForkLength > 0 && setupDone) {
            startFork(forcedForkLength);
            forcedForkLength = 0;
            fork = true;
        } else if (setupDone && random.nextDouble() < config.skippedSlotFraction) {
            ledger.advance(slot, null, config.confirmedLag, config.finalizedLag);
            return;
        } else if (setupDone && random.nextDouble() < config.forkProbability) {
            startFork(config.forkLength);
            fork = true;
        } else {
            fork = false;
        }

        Block parent = fork && lastFork != null ? lastFork : lastCanonical;
        context.slot = slot;
        context.blockTime = blockTime(slot);
        List<DevnetTransaction> transactions = new ArrayList<>();
        List<GeneratedEvent> generated = new ArrayList<>();
        List<GeneratedEvent> failed = new ArrayList<>();
        if (!fork) {
            for (DevnetTransaction tx : reincludeNext) {
                record(tx, slot, Fate.REINCLUDED, generated, failed);
                transactions.add(tx);
            }
            reincludeNext.clear();
        }

        // Each transaction is planned only after the one before it took effect, so it sees the
        // state the chain would show it: setup first, then due work, then player actions.
        List<Supplier<Action>> planners = new ArrayList<>();
        if (!setupDone) {
            casino.setup(context).forEach(action -> planners.add(() -> action));
            mafia.setup(context).forEach(action -> planners.add(() -> action));
            setupDone = true;
        }
        planners.addAll(casino.due(context));
        planners.addAll(mafia.due(context));
        int userActions = poisson(config.transactionsPerSecond * config.slotMillis / 1000.0);
        for (int i = 0; i < userActions; i++) {
            planners.add(
                    () -> {
                        boolean mafiaTurn = random.nextDouble() < config.mafiaShare;
                        Action action = (mafiaTurn ? mafia : casino).next(context);
                        return action == null && mafiaTurn ? casino.next(context) : action;
                    });
        }
        for (Supplier<Action> planner : planners) {
            Action action = planner.get();
            if (action == null) {
                continue;
            }
            DevnetTransaction tx = build(action, fork);
            transactions.add(tx);
            Fate fate = Fate.FINAL;
            if (fork) {
                fate =
                        action.reincludable && random.nextDouble() < config.reincludeFraction
                                ? Fate.REINCLUDED
                                : Fate.DROPPED;
            }
            if (fate != Fate.DROPPED) {
                if (!tx.failed()) {
                    action.commit();
                }
                applyBalances(tx);
            }
            if (fate == Fate.REINCLUDED) {
                reincludeNext.add(tx);
            }
            record(tx, slot, fork ? Fate.DROPPED : Fate.FINAL, generated, failed);
        }

        long fees = 0;
        for (DevnetTransaction tx : transactions) {
            fees += tx.fee;
        }
        String leader = leader(slot);
        long reward = fees / 2; // half of the fees is burned
        if (!fork) {
            balances.put(leader, balance(leader) + reward);
        }
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        Block block =
                new Block(
                        slot,
                        parent.slot(),
                        Base58.encode(hash),
                        parent.blockhash(),
                        parent.blockHeight() + 1,
                        context.blockTime,
                        List.copyOf(transactions),
                        fork ? forkId : 0,
                        fork ? lastCanonical.slot() : slot,
                        leader,
                        reward,
                        balance(leader) + (fork ? reward : 0));
        ledger.append(block, generated, failed);
        if (fork) {
            lastFork = block;
        } else {
            lastCanonical = block;
            lastFork = null;
            recentCanonicalHashes.addLast(block.blockhash());
            if (recentCanonicalHashes.size() > 150) {
                recentCanonicalHashes.removeFirst();
            }
        }
        ledger.advance(slot, block, config.confirmedLag, config.finalizedLag);
        if (config.retainSlots > 0 && slot % 32 == 0) {
            ledger.prune(slot - config.retainSlots);
        }
    }

    private void startFork(int length) {
        forkId++;
        forkRemaining = length - 1;
        lastFork = null;
    }

    private DevnetTransaction build(Action action, boolean fork) {
        boolean fail = !action.setup && random.nextDouble() < config.failedTransactionFraction;
        boolean viaRouter = !action.setup && random.nextDouble() < config.routerShare;
        boolean legacy = random.nextDouble() < config.legacyShare;
        boolean useLookup = !legacy && random.nextBoolean();
        List<Invocation> instructions = new ArrayList<>(action.instructions);
        if (fail) {
            // The program's last CPI runs out of funds after its events were logged: the logs keep
            // them, but a failed transaction's events never count.
            instructions
                    .get(instructions.size() - 1)
                    .invoke(
                            SplToken.failingTransfer(
                                    Keys.named("token-account-" + action.feePayer),
                                    Keys.named("failing-destination"),
                                    action.feePayer,
                                    1 + random.nextInt(1_000_000)));
        }
        if (viaRouter) {
            List<Invocation> routed = new ArrayList<>();
            for (int i = 0; i < instructions.size(); i++) {
                routed.add(route(action.feePayer, instructions.get(i), i));
            }
            instructions = routed;
        }
        TransactionAssembler.Options options = new TransactionAssembler.Options();
        options.legacy = legacy;
        options.lookupTable = useLookup ? lookupTableFor(action) : null;
        options.computeBudget = random.nextDouble() < 0.85;
        options.microLamportsPerUnit = PRIORITY_PRICES[random.nextInt(PRIORITY_PRICES.length)];
        options.recentBlockhash = recentBlockhash();
        options.transfers.addAll(action.transfers);
        return assembler.assemble(action.feePayer, instructions, options, this::balance);
    }

    private static final long[] PRIORITY_PRICES = {0, 1_000, 10_000, 50_000, 100_000, 250_000};

    private AddressLookupTable lookupTableFor(Action action) {
        for (Invocation invocation : action.instructions) {
            if (invocation.programId.equals(SolanaMafiaProgram.PROGRAM_ID)) {
                return mafia.lookupTable();
            }
        }
        return casino.lookupTable();
    }

    /** A router program calling the game: the game's events become CPI events ("invoke [2]"). */
    private Invocation route(String feePayer, Invocation game, int index) {
        List<AccountMeta> accounts = new ArrayList<>();
        accounts.add(AccountMeta.signer(feePayer));
        for (AccountMeta account : game.accounts) {
            if (!account.pubkey().equals(feePayer)) {
                accounts.add(account);
            }
        }
        accounts.add(AccountMeta.readonly(game.programId));
        return Invocation.program(
                        Keys.ROUTER,
                        accounts,
                        Anchor.concat(
                                Anchor.instructionDiscriminator("route"),
                                new BorshWriter().u8(index).toByteArray()),
                        3_000 + random.nextInt(3_000))
                .log("Instruction: Route")
                .invoke(game);
    }

    /**
     * A blockhash from a few canonical blocks back, as wallets fetch one shortly before sending.
     * Canonical on purpose: a transaction on a fork can then be re-included on the main branch.
     */
    private String recentBlockhash() {
        int back = Math.min(recentCanonicalHashes.size() - 1, 1 + random.nextInt(20));
        int skip = recentCanonicalHashes.size() - 1 - back;
        for (String hash : recentCanonicalHashes) {
            if (skip-- == 0) {
                return hash;
            }
        }
        return recentCanonicalHashes.getLast();
    }

    private void record(
            DevnetTransaction tx,
            long slot,
            Fate fate,
            List<GeneratedEvent> generated,
            List<GeneratedEvent> failed) {
        for (TxEvent event : tx.events) {
            GeneratedEvent truth =
                    new GeneratedEvent(
                            event.event().programId(),
                            event.event().programName(),
                            event.event().name(),
                            tx.signature(),
                            slot,
                            blockTime(slot),
                            event.instructionIndex(),
                            event.eventIndex(),
                            fate,
                            event.selfCpi(),
                            event.viaRouter(),
                            Base64.getEncoder().encodeToString(event.data()),
                            event.event().json().toString());
            (tx.failed() ? failed : generated).add(truth);
        }
    }

    private void applyBalances(DevnetTransaction tx) {
        List<String> accounts = tx.allAccounts();
        for (int i = 0; i < accounts.size(); i++) {
            balances.put(accounts.get(i), tx.postBalances[i]);
        }
    }

    long balance(String account) {
        Long known = balances.get(account);
        if (known != null) {
            return known;
        }
        Long initial = initialBalances.get(account);
        if (initial != null) {
            return initial;
        }
        if (account.equals(TransactionAssembler.SYSTEM_PROGRAM)
                || account.equals(TransactionAssembler.COMPUTE_BUDGET)) {
            return 1; // builtin program accounts hold one lamport
        }
        if (account.equals(TransactionAssembler.TOKEN_PROGRAM)
                || account.equals(FareVaultProgram.PROGRAM_ID)
                || account.equals(SolanaMafiaProgram.PROGRAM_ID)
                || account.equals(Keys.ROUTER)) {
            return 1_141_440; // an executable program account's rent
        }
        return 2_039_280; // a token account's rent-exempt minimum
    }

    private String leader(long slot) {
        return validators.get((int) ((slot / SLOTS_PER_LEADER) % VALIDATORS));
    }

    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
