package io.chainplay.pipelines.earnings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Solana Mafia's rules as the earnings job reads them: the arithmetic of accrual, and the game
 * constants ({@code game_constants.json}, extracted from the program's {@code constants.rs}) that
 * the figures in the events are checked against.
 *
 * <p>The job accrues at the {@code daily_rate} each business's own events carry; the constants only
 * validate it. A rate is valid when it is {@code BUSINESS_RATES[type]}, plus {@code
 * UPGRADE_YIELD_BONUSES[level-1]} from level 1, plus a slot bonus that is 0 or one of {@code
 * PREMIUM_SLOT_YIELD_BONUSES} (which slots are premium is the program's layout, not a constant, so
 * any premium bonus is accepted at creation; an upgrade must keep the business's slot bonus). Sales
 * are checked the same way: {@code EARLY_SELL_FEES[days_held]} (or {@code FINAL_SELL_FEE_PERCENT}
 * after them), less a discount of 0 or one of {@code PREMIUM_SLOT_SELL_FEE_DISCOUNTS}, and the
 * return is the invested amount less that fee.
 */
public final class GameRules implements Serializable {

    private static final long serialVersionUID = 1L;

    static final long SECONDS_PER_DAY = 86_400;
    static final long BASIS_POINTS = 10_000;

    /** Rates are basis points per day: earnings = invested × rate × seconds / this. */
    static final long RATE_DIVISOR = BASIS_POINTS * SECONDS_PER_DAY;

    /** The IDL's BusinessType enum, by index. */
    static final String[] BUSINESS_TYPE_NAMES = {
        "TobaccoShop",
        "FuneralService",
        "CarWorkshop",
        "ItalianRestaurant",
        "GentlemenClub",
        "CharityFund"
    };

    /** Where the bundled constants are, for {@code chainplay.earnings.game-constants}. */
    public static final String BUNDLED =
            "classpath:io/chainplay/pipelines/earnings/game_constants.json";

    final long[] minDeposits;
    final int[] businessRates;
    final int maxUpgradeLevel;
    final int[] upgradeYieldBonuses;
    final int[] premiumSlotYieldBonuses;
    final int[] premiumSlotSellFeeDiscounts;
    final int[] earlySellFees;
    final int finalSellFeePercent;
    final long earningsInterval;

    private GameRules(JsonNode constants) {
        minDeposits = longs(constants, "MIN_DEPOSITS");
        businessRates = ints(constants, "BUSINESS_RATES");
        maxUpgradeLevel = value(constants, "MAX_UPGRADE_LEVEL").asInt();
        upgradeYieldBonuses = ints(constants, "UPGRADE_YIELD_BONUSES");
        premiumSlotYieldBonuses = ints(constants, "PREMIUM_SLOT_YIELD_BONUSES");
        premiumSlotSellFeeDiscounts = ints(constants, "PREMIUM_SLOT_SELL_FEE_DISCOUNTS");
        earlySellFees = ints(constants, "EARLY_SELL_FEES");
        finalSellFeePercent = value(constants, "FINAL_SELL_FEE_PERCENT").asInt();
        earningsInterval = value(constants, "EARNINGS_INTERVAL").asLong();
        if (businessRates.length != minDeposits.length
                || upgradeYieldBonuses.length < maxUpgradeLevel) {
            throw new IllegalArgumentException(
                    "game constants disagree: BUSINESS_RATES, MIN_DEPOSITS and"
                            + " UPGRADE_YIELD_BONUSES/MAX_UPGRADE_LEVEL do not line up");
        }
    }

    /** The constants shipped with the job (a copy of the fixture, see MANIFEST.md beside it). */
    public static GameRules bundled() {
        return load(BUNDLED);
    }

    /**
     * Reads {@code game_constants.json} from {@code classpath:...} or a file path.
     *
     * @throws IllegalArgumentException when it is missing or lacks a constant the rules use
     */
    public static GameRules load(String location) {
        try (InputStream in = open(location)) {
            JsonNode root = new ObjectMapper().readTree(in);
            if (root == null || root.get("constants") == null) {
                throw new IllegalArgumentException(location + " has no \"constants\" object");
            }
            return new GameRules(root.get("constants"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read game constants " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = GameRules.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalArgumentException("No " + resource + " on the classpath");
            }
            return in;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Game constants file " + path + " does not exist");
        }
        return Files.newInputStream(path);
    }

    /** The program's EARNINGS_INTERVAL, seconds. */
    public long earningsInterval() {
        return earningsInterval;
    }

    int businessTypes() {
        return businessRates.length;
    }

    static String typeName(int type) {
        return type >= 0 && type < BUSINESS_TYPE_NAMES.length
                ? BUSINESS_TYPE_NAMES[type]
                : "Type" + type;
    }

    /**
     * ⌊invested × dailyRate × seconds / (10000 × 86400)⌋, exact for any u64 amount: what one
     * business earns over {@code seconds} (0 when not positive).
     */
    static long earnings(long invested, int dailyRate, long seconds) {
        if (seconds <= 0 || dailyRate <= 0 || invested == 0) {
            return 0;
        }
        if (invested > 0 && invested < (1L << 47) && seconds < (1L << 33)) {
            // x = invested × rate < 2^63; ⌊x·s/D⌋ = q·s + ⌊r·s/D⌋ with x = q·D + r, r·s < 2^63.
            long x = invested * dailyRate;
            long q = x / RATE_DIVISOR;
            long r = x % RATE_DIVISOR;
            long high = q * seconds;
            if (q == 0 || high / q == seconds) {
                return high + r * seconds / RATE_DIVISOR;
            }
        }
        return new BigInteger(Long.toUnsignedString(invested))
                .multiply(BigInteger.valueOf(dailyRate))
                .multiply(BigInteger.valueOf(seconds))
                .divide(BigInteger.valueOf(RATE_DIVISOR))
                .longValue(); // u64 wrap-around, as the program's u64 arithmetic would fail first
    }

    /** Lamports per day at this rate: ⌊invested × rate / 10000⌋. */
    static long daily(long invested, int dailyRate) {
        return earnings(invested, dailyRate, SECONDS_PER_DAY);
    }

    int upgradeBonus(int level) {
        return level <= 0 || level > upgradeYieldBonuses.length
                ? 0
                : upgradeYieldBonuses[level - 1];
    }

    /**
     * The rate a business of this type and level should have in some slot: the valid rate nearest
     * to {@code rate} (equal to it when it is valid).
     */
    int expectedRate(int type, int level, int rate) {
        if (type < 0 || type >= businessRates.length) {
            return rate;
        }
        int base = businessRates[type] + upgradeBonus(level);
        int best = base;
        for (int bonus : premiumSlotYieldBonuses) {
            if (Math.abs(base + bonus - rate) < Math.abs(best - rate)) {
                best = base + bonus;
            }
        }
        return best;
    }

    /** The deposit a business type needs at least; 0 for an unknown type. */
    long minDeposit(int type) {
        return type >= 0 && type < minDeposits.length ? minDeposits[type] : 0;
    }

    /** EARLY_SELL_FEES[days], or FINAL_SELL_FEE_PERCENT once they run out. */
    int baseSellFee(long daysHeld) {
        return daysHeld >= 0 && daysHeld < earlySellFees.length
                ? earlySellFees[(int) daysHeld]
                : finalSellFeePercent;
    }

    boolean sellDiscountAllowed(int discount) {
        return discount == 0
                || Arrays.stream(premiumSlotSellFeeDiscounts).anyMatch(d -> d == discount);
    }

    /** The fee after a slot's discount: ⌊base × (100 − discount) / 100⌋. */
    static int finalSellFee(int baseFee, int discountPercent) {
        return baseFee * (100 - discountPercent) / 100;
    }

    /** What a sale pays back: ⌊invested × (100 − fee) / 100⌋. */
    static long sellReturn(long invested, int feePercent) {
        return new BigInteger(Long.toUnsignedString(invested))
                .multiply(BigInteger.valueOf(100 - feePercent))
                .divide(BigInteger.valueOf(100))
                .longValue();
    }

    private static JsonNode value(JsonNode constants, String name) {
        JsonNode node = constants.get(name);
        if (node == null || node.get("value") == null) {
            throw new IllegalArgumentException("game constants have no " + name);
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
