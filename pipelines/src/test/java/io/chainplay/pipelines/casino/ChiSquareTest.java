package io.chainplay.pipelines.casino;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChiSquareTest {

    @Test
    void pValuesMatchTheTables() {
        // chi-square critical values at 5 % and 0.1 %
        assertThat(ChiSquare.upperGamma(0.5, 3.841 / 2)).isCloseTo(0.05, within(1e-4));
        assertThat(ChiSquare.upperGamma(1.0, 5.991 / 2)).isCloseTo(0.05, within(1e-4));
        assertThat(ChiSquare.upperGamma(1.5, 16.266 / 2)).isCloseTo(0.001, within(1e-5));
        assertThat(ChiSquare.upperGamma(1.0, 1.0)).isCloseTo(Math.exp(-1), within(1e-12));
        assertThat(ChiSquare.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    }

    @Test
    void aFairPoolPassesAndALoadedOneFails() {
        double[] qk = {0.7, 0.0, 0.2, 1.5, 0.08, 4.0, 0.02, 12.0};
        Random random = new Random(7);
        long[] fair = new long[4];
        for (int i = 0; i < 5_000; i++) {
            double r = random.nextDouble();
            fair[r < 0.7 ? 0 : r < 0.9 ? 1 : r < 0.98 ? 2 : 3]++;
        }
        long[] loaded = {3_000, 1_000, 700, 300}; // wins twice as often as the table says

        ChiSquare.Result passes = ChiSquare.test(fair, qk);
        ChiSquare.Result fails = ChiSquare.test(loaded, qk);

        assertThat(passes.degreesOfFreedom()).isEqualTo(3);
        assertThat(passes.pValue()).isGreaterThan(1e-3);
        assertThat(fails.pValue()).isLessThan(1e-12);
        assertThat(fails.bets()).isEqualTo(5_000);
    }

    @Test
    void leavesQZeroOutcomesOutAndPoolsSmallCells() {
        double[] qk = {0.0, 100.0, 0.98, 1.0, 0.02, 2.0};
        ChiSquare.Result result = ChiSquare.test(new long[] {3, 98, 2}, qk);

        assertThat(result.bets()).isEqualTo(100); // the 3 on q = 0 are not counted here
        // expected 98 and 2: the small cell is merged, nothing left to test
        assertThat(result.degreesOfFreedom()).isZero();
        assertThat(result.pValue()).isEqualTo(1.0);
    }
}
