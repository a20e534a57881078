package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * The Solana Mafia game rules the generator plays, with the program's constants read from {@code
 * game_constants.json} (extracted from its {@code constants.rs}).
 *
 * <p>The program's source is not among the fixtures, only its constants and IDL, so the rules below
 * are this devnet's reading of them, written down so that a reconciliation can recompute every
 * figure from the events alone:
 *
 * <ul>
 *   <li><b>Entry fee</b>: {@code BASE_ENTRY_FEE + FEE_INCREMENT × ⌊players /
 *       PLAYERS_PER_MILESTONE⌋}, capped at {@code MAX_ENTRY_FEE}; players counted before this one
 *       joins.
 *   <li><b>Slots</b>: 0–2 are the free basic slots; 3–5 are the premium tiers, costing {@code
 *       PREMIUM_SLOT_COSTS[i-3]} and adding {@code PREMIUM_SLOT_YIELD_BONUSES[i-3]} basis points.
 *   <li><b>Daily rate</b> (basis points per day): {@code BUSINESS_RATES[type]}, plus {@code
 *       UPGRADE_YIELD_BONUSES[level-1]} from level 1, plus the slot's premium bonus.
 *   <li><b>Create</b>: a deposit of at least {@code MIN_DEPOSITS[type]}; the treasury takes {@code
 *       TREASURY_FEE_PERCENT}% of it; the whole deposit is invested.
 *   <li><b>Upgrade</b> to level n costs {@code base_cost × UPGRADE_COST_MULTIPLIERS[n-1] / 100},
 *       added to the invested amount; at most {@code MAX_UPGRADE_LEVEL}.
 *   <li><b>Earnings</b>: each business earns {@code invested × daily_rate / 10000} per 86,400 s,
 *       pro rata by the second: an update adds, per business, {@code ⌊invested × rate × (now −
 *       since) / (10000 × 86400)⌋} where {@code since} is the later of the player's previous update
 *       (or joining) and the business's creation, and {@code now} the update's block time. Before
 *       an upgrade, a sale or a claim the program updates first (an {@code EarningsUpdated} in the
 *       same instruction), so rates are constant between two updates. The scheduled update runs
 *       when {@code next_earnings_time} has passed and moves it on by whole intervals.
 *   <li><b>Sell</b>: {@code days_held = ⌊(now − created_at) / 86400⌋}; base fee {@code
 *       EARLY_SELL_FEES[days_held]} for 0–31 days, {@code FINAL_SELL_FEE_PERCENT} after; a premium
 *       slot discounts it by {@code PREMIUM_SLOT_SELL_FEE_DISCOUNTS[i-3]}%: final = ⌊base × (100 −
 *       discount) / 100⌋; the player gets {@code ⌊total_invested × (100 − final) / 100⌋}.
 *   <li><b>Claim</b>: pays out all pending earnings.
 * </ul>
 */
final class MafiaRules {

    static final long SECONDS_PER_DAY = 86_400;
    static final int BASIS_POINTS = 10_000;
    static final int FREE_SLOTS = 3;
    static final int PREMIUM_SLOTS = 3;

    final long[] minDeposits;
    final int[] businessRates;
    final int maxUpgradeLevel;
    final int[] upgradeCostMultipliers;
    final int[] upgradeYieldBonuses;
    final long[] premiumSlotCosts;
    final int[] premiumSlotYieldBonuses;
    final int[] premiumSlotSellFeeDiscounts;
    final int[] earlySellFees;
    final int finalSellFeePercent;
    final long earningsInterval;
    final long baseEntryFee;
    final long maxEntryFee;
    final long feeIncrement;
    final long playersPerMilestone;
    final int treasuryFeePercent;
    final long claimEarningsFee;

    private MafiaRules(JsonNode constants) {
        minDeposits = longs(constants, "MIN_DEPOSITS");
        businessRates = ints(constants, "BUSINESS_RATES");
        maxUpgradeLevel = value(constants, "MAX_UPGRADE_LEVEL").asInt();
        upgradeCostMultipliers = ints(constants, "UPGRADE_COST_MULTIPLIERS");
        upgradeYieldBonuses = ints(constants, "UPGRADE_YIELD_BONUSES");
        premiumSlotCosts = longs(constants, "PREMIUM_SLOT_COSTS");
        premiumSlotYieldBonuses = ints(constants, "PREMIUM_SLOT_YIELD_BONUSES");
        premiumSlotSellFeeDiscounts = ints(constants, "PREMIUM_SLOT_SELL_FEE_DISCOUNTS");
        earlySellFees = ints(constants, "EARLY_SELL_FEES");
        finalSellFeePercent = value(constants, "FINAL_SELL_FEE_PERCENT").asInt();
        earningsInterval = value(constants, "EARNINGS_INTERVAL").asLong();
        baseEntryFee = value(constants, "INITIAL_ENTRY_FEE").asLong();
        maxEntryFee = value(constants, "MAX_ENTRY_FEE").asLong();
        feeIncrement = value(constants, "FEE_INCREMENT").asLong();
        playersPerMilestone = value(constants, "PLAYERS_PER_MILESTONE").asLong();
        treasuryFeePercent = value(constants, "TREASURY_FEE_PERCENT").asInt();
        claimEarningsFee = value(constants, "CLAIM_EARNINGS_FEE").asLong();
    }

    /** The rules with the constants shipped beside this class. */
    static MafiaRules load() {
        try (InputStream in = MafiaRules.class.getResourceAsStream("game_constants.json")) {
            if (in == null) {
                throw new IllegalStateException("game_constants.json missing from the classpath");
            }
            return new MafiaRules(new ObjectMapper().readTree(in).get("constants"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int businessTypes() {
        return businessRates.length;
    }

    int slots() {
        return FREE_SLOTS + PREMIUM_SLOTS;
    }

    long entryFee(long playersSoFar) {
        long fee = baseEntryFee + feeIncrement * (playersSoFar / playersPerMilestone);
        return Math.min(fee, maxEntryFee);
    }

    long slotCost(int slotIndex) {
        return slotIndex < FREE_SLOTS ? 0 : premiumSlotCosts[slotIndex - FREE_SLOTS];
    }

    int dailyRate(int businessType, int level, int slotIndex) {
        int rate = businessRates[businessType];
        if (level > 0) {
            rate += upgradeYieldBonuses[level - 1];
        }
        if (slotIndex >= FREE_SLOTS) {
            rate += premiumSlotYieldBonuses[slotIndex - FREE_SLOTS];
        }
        return rate;
    }

    long treasuryFee(long deposit) {
        return deposit * treasuryFeePercent / 100;
    }

    long upgradeCost(long baseCost, int newLevel) {
        return baseCost * upgradeCostMultipliers[newLevel - 1] / 100;
    }

    /** ⌊invested × rate × seconds / (10000 × 86400)⌋, exact for any sizes. */
    static long earnings(long invested, int dailyRate, long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        return BigInteger.valueOf(invested)
                .multiply(BigInteger.valueOf(dailyRate))
                .multiply(BigInteger.valueOf(seconds))
                .divide(BigInteger.valueOf(BASIS_POINTS * SECONDS_PER_DAY))
                .longValueExact();
    }

    long daysHeld(long createdAt, long now) {
        return Math.max(0, now - createdAt) / SECONDS_PER_DAY;
    }

    int baseSellFee(long daysHeld) {
        return daysHeld < earlySellFees.length
                ? earlySellFees[(int) daysHeld]
                : finalSellFeePercent;
    }

    int slotSellDiscount(int slotIndex) {
        return slotIndex < FREE_SLOTS ? 0 : premiumSlotSellFeeDiscounts[slotIndex - FREE_SLOTS];
    }

    static int finalSellFee(int baseFee, int discountPercent) {
        return baseFee * (100 - discountPercent) / 100;
    }

    static long sellReturn(long totalInvested, int finalFeePercent) {
        return BigInteger.valueOf(totalInvested)
                .multiply(BigInteger.valueOf(100 - finalFeePercent))
                .divide(BigInteger.valueOf(100))
                .longValueExact();
    }

    private static JsonNode value(JsonNode constants, String name) {
        JsonNode node = constants.get(name);
        if (node == null || node.get("value") == null) {
            throw new IllegalStateException("game_constants.json has no " + name);
        }
        return node.get("value");
    }

    private static long[] longs(JsonNode constants, String name) {
        JsonNode array = value(constants, name);
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static int[] ints(JsonNode constants, String name) {
        JsonNode array = value(constants, name);
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
