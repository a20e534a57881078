package io.chainplay.pipelines.casino;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.COIN_FLIP;
import static io.chainplay.pipelines.casino.CasinoFixtures.DIE;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.registered;
import static io.chainplay.pipelines.casino.CasinoFixtures.resolved;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettlementTest {

    @Test
    void paysWagerTimesKFloored() throws Exception {
        BetOutcome win =
                Settlement.settle(
                        registered(trial(1), ALICE, POOL_A, 1_000_001, COIN_FLIP, T0),
                        resolved(trial(1), 1, T0));

        // 1_000_001 * 1.98 = 1_980_001.98 -> 1_980_001
        assertThat(win.payout).isEqualTo(BigInteger.valueOf(1_980_001));
        assertThat(win.deltaAmount()).isEqualTo(BigInteger.valueOf(980_000));
        assertThat(win.resultK).isEqualTo(1.98);
        assertThat(win.won()).isTrue();
        assertThat(win.lost()).isFalse();
    }

    @Test
    void aZeroKLosesTheWagerAndAOneKIsAPush() throws Exception {
        BetOutcome loss =
                Settlement.settle(
                        registered(trial(1), ALICE, POOL_A, 500, DIE, T0),
                        resolved(trial(1), 0, T0));
        BetOutcome push =
                Settlement.settle(
                        registered(trial(2), ALICE, POOL_A, 500, DIE, T0),
                        resolved(trial(2), 1, T0));

        assertThat(loss.payout).isZero();
        assertThat(loss.deltaAmount()).isEqualTo(BigInteger.valueOf(-500));
        assertThat(loss.lost()).isTrue();
        assertThat(push.payout).isEqualTo(BigInteger.valueOf(500));
        assertThat(push.won()).isFalse();
        assertThat(push.lost()).isFalse();
    }

    @Test
    void multipliesByTheDecimalTheChainShowsNotTheBinaryExpansion() throws Exception {
        // 0.29 as a double is 0.28999999999999998002...; times 100 in binary floors to 28.
        double[] table = {1.0, 0.29};

        BetOutcome outcome =
                Settlement.settle(
                        registered(trial(1), ALICE, POOL_A, 100, table, T0),
                        resolved(trial(1), 0, T0));

        assertThat(outcome.payout).isEqualTo(BigInteger.valueOf(29));
    }

    @Test
    void handlesWagersAboveTheSignedRangeOfAU64() throws Exception {
        long maxU64 = -1L; // 18446744073709551615 unsigned

        BetOutcome outcome =
                Settlement.settle(
                        registered(trial(1), ALICE, POOL_A, maxU64, COIN_FLIP, T0),
                        resolved(trial(1), 1, T0));

        assertThat(outcome.wager).isEqualTo(new BigInteger("18446744073709551615"));
        // 18446744073709551615 * 1.98 = 36524553265944912197.7 -> floor
        assertThat(outcome.payout).isEqualTo(new BigInteger("36524553265944912197"));
    }

    @Test
    void refusesAResultIndexOutsideTheTable() {
        assertThatThrownBy(
                        () ->
                                Settlement.settle(
                                        registered(trial(1), ALICE, POOL_A, 1, COIN_FLIP, T0),
                                        resolved(trial(1), 2, T0)))
                .isInstanceOf(Settlement.InvalidResolution.class)
                .hasMessage("result_index 2 is outside the qk table of 2 outcomes");
        // u64 result_index above Long.MAX_VALUE must not wrap to a negative index
        assertThatThrownBy(
                        () ->
                                Settlement.settle(
                                        registered(trial(1), ALICE, POOL_A, 1, COIN_FLIP, T0),
                                        resolved(trial(1), -1L, T0)))
                .hasMessageContaining("result_index 18446744073709551615");
    }

    @Test
    void refusesANegativeOrNonFiniteK() {
        for (double k : new double[] {-1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(
                            () ->
                                    Settlement.settle(
                                            registered(
                                                    trial(1),
                                                    ALICE,
                                                    POOL_A,
                                                    1,
                                                    new double[] {1.0, k},
                                                    T0),
                                            resolved(trial(1), 0, T0)))
                    .isInstanceOf(Settlement.InvalidResolution.class)
                    .hasMessageContaining("not a finite k >= 0");
        }
    }

    @Test
    void readsU64sAsUnsigned() {
        assertThat(Settlement.unsigned(0)).isZero();
        assertThat(Settlement.unsigned(Long.MAX_VALUE))
                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(Settlement.unsigned(Long.MIN_VALUE)).isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(Settlement.unsigned(-1L))
                .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    }
}
