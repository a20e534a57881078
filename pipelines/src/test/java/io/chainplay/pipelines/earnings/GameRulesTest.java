package io.chainplay.pipelines.earnings;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GameRulesTest {

    private final GameRules rules = GameRules.bundled();

    @Test
    void readsTheProgramsConstants() {
        assertThat(rules.earningsInterval()).isEqualTo(86_400);
        assertThat(rules.businessRates).containsExactly(200, 180, 160, 140, 120, 100);
        assertThat(rules.minDeposit(5)).isEqualTo(50_000_000_000L);
        assertThat(rules.baseSellFee(0)).isEqualTo(25);
        assertThat(rules.baseSellFee(31)).isEqualTo(2);
        assertThat(rules.baseSellFee(365)).isEqualTo(2);
        assertThat(rules.upgradeBonus(3)).isEqualTo(50);
    }

    @Test
    void accrualIsExactForAnyAmount() {
        assertThat(GameRules.earnings(1_000_000_000L, 200, 86_400)).isEqualTo(20_000_000L);
        assertThat(GameRules.earnings(1_000_000_000L, 200, 43_199)).isEqualTo(9_999_768L);
        assertThat(GameRules.earnings(1, 1, 0)).isZero();
        assertThat(GameRules.earnings(1, 1, -5)).isZero();
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            long invested =
                    random.nextInt(4) == 0
                            ? random.nextLong()
                            : random.nextLong() >>> (1 + random.nextInt(40));
            int rate = random.nextInt(1_000);
            long seconds =
                    random.nextInt(3) == 0
                            ? random.nextLong() >>> 20
                            : random.nextInt(86_400 * 400);
            BigInteger exact =
                    new BigInteger(Long.toUnsignedString(invested))
                            .multiply(BigInteger.valueOf(rate))
                            .multiply(BigInteger.valueOf(Math.max(0, seconds)))
                            .divide(BigInteger.valueOf(864_000_000L));
            assertThat(GameRules.earnings(invested, rate, seconds))
                    .as("%s x %s x %s", Long.toUnsignedString(invested), rate, seconds)
                    .isEqualTo(exact.longValue());
        }
    }

    @Test
    void validRatesAreTheTypesPlusTheLevelsPlusASlotsBonus() {
        assertThat(rules.expectedRate(0, 0, 200)).isEqualTo(200);
        assertThat(rules.expectedRate(0, 0, 250)).isEqualTo(250); // a premium slot
        assertThat(rules.expectedRate(0, 3, 200 + 50 + 200)).isEqualTo(450);
        assertThat(rules.expectedRate(5, 1, 111)).isEqualTo(110);
        assertThat(rules.expectedRate(2, 0, 175)).isEqualTo(160); // nearest valid
    }

    @Test
    void sellFeesFollowTheTable() {
        assertThat(GameRules.finalSellFee(25, 50)).isEqualTo(12);
        assertThat(GameRules.sellReturn(1_000, 12)).isEqualTo(880);
        assertThat(rules.sellDiscountAllowed(100)).isTrue();
        assertThat(rules.sellDiscountAllowed(30)).isFalse();
    }

    @Test
    void saysWhatIsWrongWithAConstantsFile() {
        assertThatThrownBy(() -> GameRules.load("/nope/game_constants.json"))
                .hasMessageContaining(
                        "Game constants file /nope/game_constants.json does not exist");
        assertThatThrownBy(() -> GameRules.load("classpath:nope.json"))
                .hasMessageContaining("No nope.json on the classpath");
    }
}
