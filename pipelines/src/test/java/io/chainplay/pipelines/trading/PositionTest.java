package io.chainplay.pipelines.trading;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import static io.chainplay.pipelines.trading.TradingFixtures.ALICE;
import static io.chainplay.pipelines.trading.TradingFixtures.T0;
import static io.chainplay.pipelines.trading.TradingFixtures.buy;
import static io.chainplay.pipelines.trading.TradingFixtures.fill;
import static io.chainplay.pipelines.trading.TradingFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

class PositionTest {

    private final Position position = new Position("extended", ALICE, "BTC-USD");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void opensFromFlatAtTheFillPrice() {
        assertThat(position.apply(buy(1, "100", "2", T0))).isZero();
        assertThat(position.size).isEqualByComparingTo("2");
        assertThat(position.avgEntryPrice).isEqualByComparingTo("100");
        assertThat(position.openedAt).isEqualTo(T0);
        assertThat(position.volume).isEqualByComparingTo("200");
        assertThat(position.tradeCount).isEqualTo(1);
    }

    @Test
    void addingMovesTheAverageToTheQuantityWeightedMean() {
        position.apply(buy(1, "100", "1", T0));
        assertThat(position.apply(buy(2, "130", "2", T0 + 1))).isZero();
        assertThat(position.size).isEqualByComparingTo("3");
        assertThat(position.avgEntryPrice).isEqualByComparingTo("120");
        assertThat(position.openedAt).isEqualTo(T0);
    }

    @Test
    void theAverageIsRoundedTo16DigitsHalfEven() {
        position.apply(buy(1, "1", "1", T0));
        position.apply(buy(2, "2", "2", T0 + 1));
        // (1 + 4) / 3 = 1.6666666666666666|67 → ...67
        assertThat(position.avgEntryPrice).isEqualTo(d("1.6666666666666667"));
    }

    @Test
    void aPartialCloseRealizesAtTheAverageAndKeepsIt() {
        position.apply(buy(1, "100", "1", T0));
        position.apply(buy(2, "130", "2", T0 + 1)); // 3 @ 120
        BigDecimal realized = position.apply(sell(3, "150", "1", T0 + 2));
        assertThat(realized).isEqualByComparingTo("30"); // (150 - 120) x 1
        assertThat(position.size).isEqualByComparingTo("2");
        assertThat(position.avgEntryPrice).isEqualByComparingTo("120");
        assertThat(position.realizedPnl).isEqualByComparingTo("30");
    }

    @Test
    void aShortGainsWhenThePriceFalls() {
        position.apply(sell(1, "200", "3", T0));
        BigDecimal realized = position.apply(buy(2, "180", "1", T0 + 1));
        assertThat(realized).isEqualByComparingTo("20"); // (180 - 200) x 1 x -1
        assertThat(position.size).isEqualByComparingTo("-2");
        assertThat(position.avgEntryPrice).isEqualByComparingTo("200");
    }

    @Test
    void aFullCloseLeavesItFlat() {
        position.apply(buy(1, "100", "2", T0));
        BigDecimal realized = position.apply(sell(2, "90", "2", T0 + 1));
        assertThat(realized).isEqualByComparingTo("-20");
        assertThat(position.isFlat()).isTrue();
        assertThat(position.avgEntryPrice).isZero();
        assertThat(position.openedAt).isZero();
        assertThat(position.tradeCount).isEqualTo(2);
        assertThat(position.volume).isEqualByComparingTo("380");
    }

    @Test
    void aFillLargerThanThePositionFlipsItAtTheFillPrice() {
        position.apply(buy(1, "100", "1", T0));
        BigDecimal realized = position.apply(sell(2, "110", "3", T0 + 5));
        assertThat(realized).isEqualByComparingTo("10"); // closes 1 at +10
        assertThat(position.size).isEqualByComparingTo("-2");
        assertThat(position.avgEntryPrice).isEqualByComparingTo("110");
        assertThat(position.openedAt).isEqualTo(T0 + 5);
        // And back: buying 3 at 100 closes the short 2 for +20, opens 1 long at 100.
        assertThat(position.apply(buy(3, "100", "3", T0 + 9))).isEqualByComparingTo("20");
        assertThat(position.size).isEqualByComparingTo("1");
        assertThat(position.avgEntryPrice).isEqualByComparingTo("100");
        assertThat(position.realizedPnl).isEqualByComparingTo("30");
    }

    @Test
    void feesAreSummedApartAndARebateIsNegative() {
        position.apply(fill(1, ALICE, "BTC-USD", true, "100", "1", "0.05", T0));
        position.apply(fill(2, ALICE, "BTC-USD", false, "101", "1", "-0.01", T0 + 1));
        assertThat(position.fees).isEqualByComparingTo("0.04");
        assertThat(position.realizedPnl).isEqualByComparingTo("1"); // gross
    }

    /**
     * Random fill sequences against an independent reference: the position's signed cost kept
     * exactly (no average, no rounding but 60-digit division), closing c of |s| removes c/|s| of
     * the cost. The job rounds the average and each realization to 16 digits, so they agree to
     * within that rounding; a wrong sign, a wrong average or a wrong flip is off by whole units.
     */
    @Test
    void randomSequencesAgreeWithAnExactCostLedger() {
        MathContext wide = new MathContext(60);
        Random random = new Random(42);
        for (int run = 0; run < 300; run++) {
            Position p = new Position("extended", ALICE, "ETH-USD");
            BigDecimal size = BigDecimal.ZERO;
            BigDecimal cost = BigDecimal.ZERO; // signed: size x average, exactly
            BigDecimal realized = BigDecimal.ZERO;
            BigDecimal cash = BigDecimal.ZERO; // -q x p summed: realized + open PnL at any mark
            BigDecimal jobRealized = BigDecimal.ZERO;
            int fills = 1 + random.nextInt(40);
            BigDecimal lastPrice = BigDecimal.ONE;
            for (int i = 0; i < fills; i++) {
                boolean isBuy = random.nextBoolean();
                BigDecimal price =
                        BigDecimal.valueOf(1_000 + random.nextInt(2_000_000), 3); // 1..2001
                BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(50_000), 4);
                if (random.nextInt(5) == 0 && size.signum() != 0) {
                    qty = size.abs(); // close exactly, now and then
                    isBuy = size.signum() < 0;
                }
                lastPrice = price;
                jobRealized = jobRealized.add(p.trade(isBuy, price, qty, T0 + i));

                BigDecimal q = isBuy ? qty : qty.negate();
                cash = cash.subtract(q.multiply(price));
                if (size.signum() == 0 || size.signum() == q.signum()) {
                    cost = cost.add(q.multiply(price));
                    size = size.add(q);
                } else {
                    BigDecimal closed = qty.min(size.abs());
                    BigDecimal removed = cost.multiply(closed).divide(size.abs(), wide);
                    realized =
                            realized.add(
                                    closed.multiply(price)
                                            .multiply(BigDecimal.valueOf(size.signum()))
                                            .subtract(removed));
                    cost = cost.subtract(removed);
                    BigDecimal rest = qty.subtract(closed);
                    size = size.add(q);
                    if (size.signum() == 0) {
                        cost = BigDecimal.ZERO;
                    } else if (rest.signum() > 0) {
                        cost = size.multiply(price);
                    }
                }
            }
            assertThat(p.size).as("run %d size", run).isEqualByComparingTo(size);
            if (size.signum() != 0) {
                BigDecimal avg = cost.divide(size, wide);
                assertThat(p.avgEntryPrice.subtract(avg).abs())
                        .as("run %d average %s vs %s", run, p.avgEntryPrice, avg)
                        .isLessThan(d("1e-12"));
            } else {
                assertThat(p.avgEntryPrice).isZero();
            }
            assertThat(jobRealized.subtract(realized).abs())
                    .as("run %d realized %s vs %s", run, jobRealized, realized)
                    .isLessThan(d("1e-8"));
            // Money is conserved: realized + open PnL at any mark = the cash the fills moved.
            BigDecimal open = p.size.multiply(lastPrice.subtract(p.avgEntryPrice));
            assertThat(jobRealized.add(open).subtract(cash.add(p.size.multiply(lastPrice))).abs())
                    .as("run %d conservation", run)
                    .isLessThan(d("1e-8"));
        }
    }

    @Test
    void applyAddsEachFillsRealizationFeeAndValueToTheTotals() {
        Random random = new Random(7);
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal volume = BigDecimal.ZERO;
        for (int i = 0; i < 200; i++) {
            Fill f =
                    fill(
                            i,
                            ALICE,
                            "SOL-USD",
                            random.nextBoolean(),
                            BigDecimal.valueOf(1 + random.nextInt(100_000), 2).toPlainString(),
                            BigDecimal.valueOf(1 + random.nextInt(1000), 1).toPlainString(),
                            BigDecimal.valueOf(random.nextInt(200) - 50, 3).toPlainString(),
                            T0 + i);
            realized = realized.add(position.apply(f));
            fees = fees.add(f.fee);
            volume = volume.add(f.value);
        }
        assertThat(position.realizedPnl).isEqualByComparingTo(realized);
        assertThat(realized.signum()).isNotZero();
        assertThat(position.fees).isEqualByComparingTo(fees);
        assertThat(position.volume).isEqualByComparingTo(volume);
        assertThat(position.tradeCount).isEqualTo(200);
        assertThat(position.lastFillId).isEqualTo(199);
    }
}
