package io.chainplay.pipelines.casino;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Settles a bet from its registration and resolution, as FarePlay's schema defines the columns
 * ({@code Trial.resultK}, {@code deltaAmount}).
 *
 * <ul>
 *   <li>wager = the trial's {@code multiplier} (u64 base units)
 *   <li>resultK = k of the qk pair at {@code result_index}
 *   <li>payout = floor(wager &times; resultK)
 *   <li>deltaAmount = payout &minus; wager; a win when payout &gt; wager
 * </ul>
 *
 * <p>The product is exact: the wager as an unsigned integer times k as the shortest decimal that
 * reads back as the same f64 ({@link BigDecimal#valueOf(double)}), i.e. the k the chain's JSON and
 * our tables show (1.98, not 1.9799999999999999822...). Doubles are never multiplied, because a u64
 * above 2^53 does not fit in one.
 */
public final class Settlement {

    private Settlement() {}

    /**
     * The outcome of a registered and resolved trial.
     *
     * @throws InvalidResolution when the resolution cannot be settled against the trial's table
     */
    public static BetOutcome settle(CasinoEvent registration, CasinoEvent resolution)
            throws InvalidResolution {
        long index = resolution.resultIndex;
        int outcomes = registration.outcomes();
        if (Long.compareUnsigned(index, outcomes) >= 0) {
            throw new InvalidResolution(
                    "result_index "
                            + Long.toUnsignedString(index)
                            + " is outside the qk table of "
                            + outcomes
                            + " outcomes");
        }
        double k = registration.k((int) index);
        if (!Double.isFinite(k) || k < 0) {
            throw new InvalidResolution(
                    "k at result_index " + index + " is " + k + ", not a finite k >= 0");
        }
        BigInteger wager = unsigned(registration.wager);
        BigInteger payout =
                new BigDecimal(wager)
                        .multiply(BigDecimal.valueOf(k))
                        .setScale(0, RoundingMode.FLOOR)
                        .toBigIntegerExact();
        BetOutcome outcome =
                new BetOutcome(
                        registration.trialId,
                        registration.player,
                        registration.poolId,
                        wager,
                        payout,
                        index,
                        k);
        outcome.qk = registration.qk;
        return outcome.at(resolution);
    }

    /**
     * Whether a settled resolution landed on an outcome the table gives probability 0: the chain
     * paid it, so it is settled, but it is reported as an anomaly.
     */
    public static boolean impossible(CasinoEvent registration, long resultIndex) {
        return Long.compareUnsigned(resultIndex, registration.outcomes()) < 0
                && registration.q((int) resultIndex) == 0.0;
    }

    /** A u64 kept in a long, as the non-negative integer it stands for. */
    public static BigInteger unsigned(long value) {
        BigInteger result = BigInteger.valueOf(value & Long.MAX_VALUE);
        return value < 0 ? result.setBit(63) : result;
    }

    /** A resolution that does not fit its trial's QK table. */
    public static final class InvalidResolution extends Exception {
        public InvalidResolution(String message) {
            super(message);
        }
    }
}
