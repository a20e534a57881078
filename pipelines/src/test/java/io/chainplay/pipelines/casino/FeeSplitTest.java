package io.chainplay.pipelines.casino;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FeeSplitTest {

    @Test
    void splitsByTheSharesAndBurnsTheRest() {
        FeeSplit split = FeeSplit.of(BigInteger.valueOf(10_000), 0.15, 0.05, 0.5, 0.1);

        assertThat(split.host).isEqualTo(1_500);
        assertThat(split.pool).isEqualTo(500);
        assertThat(split.network).isEqualTo(5_000);
        assertThat(split.burn).isEqualTo(3_000);
        assertThat(split.scaled).isFalse();
    }

    @Test
    void floorsEachPartAndBurnsTheDust() {
        FeeSplit split = FeeSplit.of(BigInteger.valueOf(333), 0.15, 0.05, 0.5, 0.1);

        assertThat(split.host).isEqualTo(49); // 49.95
        assertThat(split.pool).isEqualTo(16); // 16.65
        assertThat(split.network).isEqualTo(166); // 166.5
        assertThat(split.burn).isEqualTo(102);
    }

    @Test
    void readsTheF64SharesAsTheChainShowsThem() {
        // 0.7 + 0.15 + 0.05 is 0.9000000000000001 in doubles, exactly 1 - 0.1 in decimals:
        // not beyond the limit.
        FeeSplit split = FeeSplit.of(new BigInteger("18446744073709551615"), 0.15, 0.05, 0.7, 0.1);

        assertThat(split.scaled).isFalse();
        assertThat(split.network).isEqualTo(new BigInteger("12912720851596686130"));
        assertThat(split.host.add(split.pool).add(split.network).add(split.burn))
                .isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void scalesSharesThatLeaveLessThanTheMinimumBurn() {
        FeeSplit split = FeeSplit.of(BigInteger.valueOf(1_000), 0.3, 0.2, 0.5, 0.1);

        assertThat(split.scaled).isTrue();
        // each share * 0.9 / 1.0
        assertThat(split.host).isEqualTo(270);
        assertThat(split.pool).isEqualTo(180);
        assertThat(split.network).isEqualTo(450);
        assertThat(split.burn).isEqualTo(100);
    }

    @Test
    void leavesUnknownPartsNull() {
        FeeSplit split = FeeSplit.of(BigInteger.valueOf(1_000), 0.15, 0.05, null, null);

        assertThat(split.host).isEqualTo(150);
        assertThat(split.network).isNull();
        assertThat(split.burn).isNull();
    }

    @Test
    void namesFarePlaysFeeTypes() {
        assertThat(FeeSplit.feeTypeName(0)).isEqualTo("FeePlay");
        assertThat(FeeSplit.feeTypeName(1)).isEqualTo("FeeLoss");
        assertThat(FeeSplit.feeTypeName(2)).isEqualTo("FeeMint");
        assertThat(FeeSplit.feeTypeName(7)).isEqualTo("Unknown(7)");
    }
}
