package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.Invocation.AccountMeta;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessCreated;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessCreatedInSlot;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessSold;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessSoldFromSlot;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessUpgraded;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessUpgradedInSlot;
import io.chainplay.devnet.solana.SolanaMafiaProgram.EarningsClaimed;
import io.chainplay.devnet.solana.SolanaMafiaProgram.EarningsUpdated;
import io.chainplay.devnet.solana.SolanaMafiaProgram.PlayerCreated;
import io.chainplay.schemas.solana.Base58;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Solana Mafia traffic on {@code solana_mafia}, following {@link MafiaRules}: players join
 * (PlayerCreated, with their first earnings time spread over the interval — the seed's "distributed
 * scheduling"), open businesses in slots (BusinessCreatedInSlot), upgrade them
 * (BusinessUpgradedInSlot), sell them (BusinessSoldFromSlot) and claim (EarningsClaimed); a crank
 * runs each player's scheduled {@code update_earnings} (EarningsUpdated) when its time comes. Some
 * transactions come from older clients and produce the legacy events (BusinessCreated,
 * BusinessUpgraded, BusinessSold), where {@code business_index} is the slot index; an older client
 * always opens its business in the first free slot, since BusinessCreated does not name one.
 *
 * <p>Every figure comes from the rules and the block time, so a reconciliation can recompute each
 * EarningsUpdated from the events before it; {@link EarningsDiscrepancy} can make the program pay
 * something else. These transactions carry the block time in their events, so one that lands on an
 * abandoned fork is dropped, never re-included unchanged.
 */
final class MafiaActivity implements Activity {

    private static final long LAMPORTS_PER_SOL = 1_000_000_000L;

    /** Share of business transactions sent by older clients (legacy events). */
    private static final double LEGACY_CLIENT_SHARE = 0.15;

    private static final int MAX_UPDATES_PER_BLOCK = 24;

    private static final class Business {
        final int type;
        final int slot;
        final long baseCost;
        final long createdAt;
        long invested;
        int level;
        int rate;

        Business(int type, int slot, long baseCost, long createdAt, int rate) {
            this.type = type;
            this.slot = slot;
            this.baseCost = baseCost;
            this.createdAt = createdAt;
            this.invested = baseCost;
            this.rate = rate;
        }
    }

    private static final class Player {
        final String wallet;
        final String account;
        final Business[] slots;
        long nextEarningsTime;
        long lastUpdate;
        long pending;

        Player(String wallet, String account, int slotCount) {
            this.wallet = wallet;
            this.account = account;
            this.slots = new Business[slotCount];
        }

        int businesses() {
            int count = 0;
            for (Business business : slots) {
                if (business != null) {
                    count++;
                }
            }
            return count;
        }
    }

    /** A player's next scheduled update; ordered by time, then wallet. */
    private record Due(long time, String wallet) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : wallet.compareTo(other.wallet);
        }
    }

    /** An accrual planned against the current state: what it adds and the new pending total. */
    private record Accrual(long added, long pending) {}

    private final String programId = SolanaMafiaProgram.PROGRAM_ID;
    private final MafiaRules rules;
    private final long earningsInterval;
    private final EarningsDiscrepancy discrepancy;
    private final ToLongFunction<String> balances;
    private final List<String> wallets;
    private final Map<String, Player> players = new HashMap<>();
    private final Map<String, String> playerAccounts = new HashMap<>();
    private final TreeSet<Due> schedule = new TreeSet<>();
    private final String gameState = Pda.find(programId, "game_state");
    private final String gameConfig = Pda.find(programId, "game_config");
    private final String treasuryPda = Pda.find(programId, "treasury");
    private final String treasuryWallet = Keys.named("mafia-treasury-wallet");
    private final String crank = Keys.named("mafia-crank");
    private final AddressLookupTable lookupTable;
    private long totalPlayers;

    MafiaActivity(
            List<String> wallets,
            MafiaRules rules,
            long earningsInterval,
            EarningsDiscrepancy discrepancy,
            ToLongFunction<String> balances) {
        this.wallets = List.copyOf(wallets);
        this.rules = rules;
        this.earningsInterval = earningsInterval;
        this.discrepancy = discrepancy;
        this.balances = balances;
        this.lookupTable =
                new AddressLookupTable(
                        Keys.named("mafia-lookup-table"),
                        List.of(
                                gameState,
                                gameConfig,
                                treasuryPda,
                                treasuryWallet,
                                TransactionAssembler.SYSTEM_PROGRAM,
                                TransactionAssembler.eventAuthority(programId)));
    }

    @Override
    public AddressLookupTable lookupTable() {
        return lookupTable;
    }

    /** The treasury PDA pays out sales and claims; the generator funds it generously. */
    String treasuryPda() {
        return treasuryPda;
    }

    @Override
    public List<Action> setup(ActivityContext context) {
        return List.of(); // initialize emits no event; the program is assumed initialized
    }

    @Override
    public List<Supplier<Action>> due(ActivityContext context) {
        List<Player> due = new ArrayList<>();
        for (Due entry : schedule) {
            if (entry.time() > context.blockTime || due.size() >= MAX_UPDATES_PER_BLOCK) {
                break;
            }
            due.add(players.get(entry.wallet()));
        }
        List<Supplier<Action>> planners = new ArrayList<>();
        int at = 0;
        while (at < due.size()) {
            List<Player> batch =
                    List.copyOf(due.subList(at, Math.min(due.size(), at + context.between(1, 3))));
            planners.add(() -> update(context, batch));
            at += batch.size();
        }
        return planners;
    }

    @Override
    public Action next(ActivityContext context) {
        String wallet = wallets.get(context.random.nextInt(wallets.size()));
        Player player = players.get(wallet);
        if (player == null) {
            return createPlayer(context, wallet);
        }
        long balance = balances.applyAsLong(wallet);
        List<Integer> freeSlots = new ArrayList<>();
        List<Business> upgradable = new ArrayList<>();
        List<Business> owned = new ArrayList<>();
        for (int i = 0; i < player.slots.length; i++) {
            Business business = player.slots[i];
            if (business == null) {
                freeSlots.add(i);
            } else {
                owned.add(business);
                if (business.level < rules.maxUpgradeLevel) {
                    upgradable.add(business);
                }
            }
        }
        Accrual accrual = accrue(player, context.blockTime);
        double create = freeSlots.isEmpty() || balance < 60 * LAMPORTS_PER_SOL ? 0 : 4;
        double upgrade = upgradable.isEmpty() || balance < 60 * LAMPORTS_PER_SOL ? 0 : 2;
        double claim = accrual.pending() > rules.claimEarningsFee ? 2 : 0;
        double sell = owned.isEmpty() ? 0 : (balance < 60 * LAMPORTS_PER_SOL ? 3 : 0.4);
        double total = create + upgrade + claim + sell;
        if (total == 0) {
            return null;
        }
        double pick = context.random.nextDouble() * total;
        if (pick < create) {
            boolean legacy = context.random.nextDouble() < LEGACY_CLIENT_SHARE;
            // Older clients always fill the first free slot; their event does not say which.
            int slot =
                    legacy
                            ? freeSlots.get(0)
                            : freeSlots.get(context.random.nextInt(freeSlots.size()));
            return createBusiness(context, player, slot, legacy);
        } else if (pick < create + upgrade) {
            return upgrade(
                    context, player, upgradable.get(context.random.nextInt(upgradable.size())));
        } else if (pick < create + upgrade + claim) {
            return claim(context, player);
        }
        return sell(context, player, owned.get(context.random.nextInt(owned.size())));
    }

    // ---------------------------------------------------------------- instructions

    private Action createPlayer(ActivityContext context, String wallet) {
        long now = context.blockTime;
        long entryFee = rules.entryFee(totalPlayers);
        long next = now + (long) (context.random.nextDouble() * earningsInterval);
        String account = playerAccount(wallet);
        long rent = SystemProgram.rentExempt(8 + 1_024);
        Invocation create =
                Invocation.program(
                                programId,
                                List.of(
                                        AccountMeta.signer(wallet),
                                        AccountMeta.writable(account),
                                        AccountMeta.readonly(gameConfig),
                                        AccountMeta.writable(gameState),
                                        AccountMeta.writable(treasuryWallet),
                                        AccountMeta.readonly(TransactionAssembler.SYSTEM_PROGRAM)),
                                SolanaMafiaProgram.createPlayerData(),
                                16_000 + context.between(0, 6_000))
                        .log("Instruction: CreatePlayer")
                        .invoke(
                                SystemProgram.createAccount(
                                        wallet, account, rent, 8 + 1_024, programId))
                        .invoke(SystemProgram.transfer(wallet, treasuryWallet, entryFee))
                        .emit(new PlayerCreated(wallet, entryFee, now, next), context.selfCpi());
        return mafiaAction(wallet)
                .instruction(create)
                .transfer(wallet, account, rent)
                .transfer(wallet, treasuryWallet, entryFee)
                .onCommit(
                        () -> {
                            Player player = new Player(wallet, account, rules.slots());
                            player.nextEarningsTime = next;
                            player.lastUpdate = now;
                            players.put(wallet, player);
                            totalPlayers++;
                        });
    }

    private Action createBusiness(
            ActivityContext context, Player player, int slot, boolean legacy) {
        long now = context.blockTime;
        // Cheaper businesses are more popular.
        int type =
                Math.min(
                        rules.businessTypes() - 1,
                        (int) (Math.pow(context.random.nextDouble(), 2) * rules.businessTypes()));
        long deposit = rules.minDeposits[type] * (100 + context.between(0, 200)) / 100;
        int rate = rules.dailyRate(type, 0, slot);
        long treasuryFee = rules.treasuryFee(deposit);
        long slotCost = rules.slotCost(slot);
        AnchorEvent event =
                legacy
                        ? new BusinessCreated(player.wallet, type, deposit, rate, treasuryFee, now)
                        : new BusinessCreatedInSlot(
                                player.wallet,
                                slot,
                                type,
                                0,
                                deposit,
                                slotCost,
                                deposit + slotCost,
                                rate,
                                now);
        Invocation create =
                Invocation.program(
                                programId,
                                businessAccounts(player, true),
                                SolanaMafiaProgram.createBusinessData(type, deposit, slot),
                                21_000 + context.between(0, 9_000))
                        .log("Instruction: CreateBusiness")
                        .invoke(
                                SystemProgram.transfer(
                                        player.wallet, treasuryWallet, treasuryFee + slotCost))
                        .invoke(
                                SystemProgram.transfer(
                                        player.wallet, treasuryPda, deposit - treasuryFee))
                        .emit(event, context.selfCpi());
        return mafiaAction(player.wallet)
                .instruction(create)
                .transfer(player.wallet, treasuryWallet, treasuryFee + slotCost)
                .transfer(player.wallet, treasuryPda, deposit - treasuryFee)
                .onCommit(
                        () -> {
                            boolean first = player.businesses() == 0;
                            player.slots[slot] = new Business(type, slot, deposit, now, rate);
                            if (first) {
                                schedule.add(new Due(player.nextEarningsTime, player.wallet));
                            }
                        });
    }

    private Action upgrade(ActivityContext context, Player player, Business business) {
        long now = context.blockTime;
        int newLevel = business.level + 1;
        long cost = rules.upgradeCost(business.baseCost, newLevel);
        int newRate = rules.dailyRate(business.type, newLevel, business.slot);
        Accrual accrual = accrue(player, now);
        boolean selfCpi = context.selfCpi();
        AnchorEvent event =
                context.random.nextDouble() < LEGACY_CLIENT_SHARE
                        ? new BusinessUpgraded(
                                player.wallet, business.slot, newLevel, cost, newRate)
                        : new BusinessUpgradedInSlot(
                                player.wallet,
                                business.slot,
                                business.level,
                                newLevel,
                                cost,
                                newRate,
                                now);
        Invocation upgrade =
                Invocation.program(
                                programId,
                                businessAccounts(player, false),
                                SolanaMafiaProgram.upgradeBusinessData(business.slot),
                                18_000 + context.between(0, 8_000))
                        .log("Instruction: UpgradeBusiness")
                        .emit(earningsUpdated(player, accrual, player.nextEarningsTime), selfCpi)
                        .invoke(SystemProgram.transfer(player.wallet, treasuryWallet, cost))
                        .emit(event, selfCpi);
        return mafiaAction(player.wallet)
                .instruction(upgrade)
                .transfer(player.wallet, treasuryWallet, cost)
                .onCommit(
                        () -> {
                            apply(player, accrual, now);
                            business.level = newLevel;
                            business.invested += cost;
                            business.rate = newRate;
                        });
    }

    private Action sell(ActivityContext context, Player player, Business business) {
        long now = context.blockTime;
        Accrual accrual = accrue(player, now);
        long daysHeld = rules.daysHeld(business.createdAt, now);
        int baseFee = rules.baseSellFee(daysHeld);
        int discount = rules.slotSellDiscount(business.slot);
        int finalFee = MafiaRules.finalSellFee(baseFee, discount);
        long returned = MafiaRules.sellReturn(business.invested, finalFee);
        boolean selfCpi = context.selfCpi();
        AnchorEvent event =
                context.random.nextDouble() < LEGACY_CLIENT_SHARE
                        ? new BusinessSold(
                                player.wallet, business.slot, daysHeld, finalFee, returned)
                        : new BusinessSoldFromSlot(
                                player.wallet,
                                business.slot,
                                business.type,
                                business.invested,
                                daysHeld,
                                baseFee,
                                discount,
                                finalFee,
                                returned,
                                now);
        Invocation sell =
                Invocation.program(
                                programId,
                                List.of(
                                        AccountMeta.signer(player.wallet),
                                        AccountMeta.writable(player.account),
                                        AccountMeta.writable(treasuryPda),
                                        AccountMeta.writable(gameState),
                                        AccountMeta.readonly(gameConfig),
                                        AccountMeta.writable(treasuryWallet),
                                        AccountMeta.readonly(TransactionAssembler.SYSTEM_PROGRAM)),
                                SolanaMafiaProgram.sellBusinessData(business.slot),
                                17_000 + context.between(0, 7_000))
                        .log("Instruction: SellBusiness")
                        .emit(earningsUpdated(player, accrual, player.nextEarningsTime), selfCpi)
                        .emit(event, selfCpi);
        return mafiaAction(player.wallet)
                .instruction(sell)
                .transfer(treasuryPda, player.wallet, returned)
                .onCommit(
                        () -> {
                            apply(player, accrual, now);
                            player.slots[business.slot] = null;
                            if (player.businesses() == 0) {
                                schedule.remove(new Due(player.nextEarningsTime, player.wallet));
                            }
                        });
    }

    private Action claim(ActivityContext context, Player player) {
        long now = context.blockTime;
        Accrual accrual = accrue(player, now);
        boolean selfCpi = context.selfCpi();
        Invocation claim =
                Invocation.program(
                                programId,
                                List.of(
                                        AccountMeta.signer(player.wallet),
                                        AccountMeta.writable(player.account),
                                        AccountMeta.writable(treasuryPda),
                                        AccountMeta.writable(gameState),
                                        AccountMeta.writable(treasuryWallet),
                                        AccountMeta.readonly(TransactionAssembler.SYSTEM_PROGRAM)),
                                SolanaMafiaProgram.claimEarningsData(),
                                15_000 + context.between(0, 6_000))
                        .log("Instruction: ClaimEarnings");
        if (player.businesses() > 0) {
            claim.emit(earningsUpdated(player, accrual, player.nextEarningsTime), selfCpi);
        }
        claim.invoke(SystemProgram.transfer(player.wallet, treasuryWallet, rules.claimEarningsFee))
                .emit(new EarningsClaimed(player.wallet, accrual.pending(), now), selfCpi);
        return mafiaAction(player.wallet)
                .instruction(claim)
                .transfer(player.wallet, treasuryWallet, rules.claimEarningsFee)
                .transfer(treasuryPda, player.wallet, accrual.pending())
                .onCommit(
                        () -> {
                            apply(player, accrual, now);
                            player.pending = 0;
                        });
    }

    /** The crank's scheduled update_earnings for up to three players, one instruction each. */
    private Action update(ActivityContext context, List<Player> due) {
        long now = context.blockTime;
        Action action = mafiaAction(crank);
        List<Runnable> effects = new ArrayList<>();
        for (Player player : due) {
            Accrual accrual = accrue(player, now);
            long next = player.nextEarningsTime;
            while (next <= now) {
                next += earningsInterval;
            }
            long scheduled = next;
            action.instruction(
                    Invocation.program(
                                    programId,
                                    List.of(AccountMeta.writable(player.account)),
                                    SolanaMafiaProgram.updateEarningsData(),
                                    9_000 + context.between(0, 4_000))
                            .log("Instruction: UpdateEarnings")
                            .emit(earningsUpdated(player, accrual, scheduled), context.selfCpi()));
            effects.add(
                    () -> {
                        apply(player, accrual, now);
                        schedule.remove(new Due(player.nextEarningsTime, player.wallet));
                        player.nextEarningsTime = scheduled;
                        schedule.add(new Due(scheduled, player.wallet));
                    });
        }
        return action.onCommit(() -> effects.forEach(Runnable::run));
    }

    // ---------------------------------------------------------------- rules

    /** The earnings since the player's last update, per {@link MafiaRules}, through the hook. */
    private Accrual accrue(Player player, long now) {
        long correct = 0;
        for (Business business : player.slots) {
            if (business != null) {
                long since = Math.max(player.lastUpdate, business.createdAt);
                correct += MafiaRules.earnings(business.invested, business.rate, now - since);
            }
        }
        long added = discrepancy.earningsAdded(player.wallet, correct, now);
        return new Accrual(added, player.pending + added);
    }

    private static void apply(Player player, Accrual accrual, long now) {
        player.pending = accrual.pending();
        player.lastUpdate = now;
    }

    private EarningsUpdated earningsUpdated(Player player, Accrual accrual, long next) {
        return new EarningsUpdated(
                player.wallet, accrual.added(), accrual.pending(), next, player.businesses());
    }

    private List<AccountMeta> businessAccounts(Player player, boolean create) {
        List<AccountMeta> accounts = new ArrayList<>();
        accounts.add(AccountMeta.signer(player.wallet));
        accounts.add(AccountMeta.writable(player.account));
        accounts.add(AccountMeta.readonly(gameConfig));
        accounts.add(AccountMeta.writable(gameState));
        accounts.add(AccountMeta.writable(treasuryWallet));
        if (create) {
            accounts.add(AccountMeta.writable(treasuryPda));
        }
        accounts.add(AccountMeta.readonly(TransactionAssembler.SYSTEM_PROGRAM));
        return accounts;
    }

    private Action mafiaAction(String feePayer) {
        Action action = new Action(feePayer);
        action.reincludable = false;
        return action;
    }

    /** The player's account: the PDA of ["player", wallet]. */
    private String playerAccount(String wallet) {
        return playerAccounts.computeIfAbsent(
                wallet,
                w ->
                        Pda.find(
                                programId,
                                "player".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                Base58.decode(w)));
    }
}
