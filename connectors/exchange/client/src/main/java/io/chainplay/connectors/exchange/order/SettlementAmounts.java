package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.market.L2Config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The integer amounts a signed order carries, in the market's Stark resolution units, all
 * non-negative; which one is paid and which received follows from the side.
 *
 * <p>Rounding always favours the counterparty, as Extended's SDKs do: a buy rounds the collateral
 * it pays (and the synthetic it gets) up, a sell rounds both down, and the fee cap rounds up.
 *
 * @param synthetic quantity × synthetic resolution
 * @param collateral quantity × price × collateral resolution
 * @param fee fee rate × quantity × price × collateral resolution
 */
public record SettlementAmounts(BigInteger synthetic, BigInteger collateral, BigInteger fee) {

    private static final BigInteger MAX_U63 = BigInteger.valueOf(Long.MAX_VALUE);

    public static SettlementAmounts of(
            L2Config l2,
            OrderSide side,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal feeRate) {
        RoundingMode rounding = side == OrderSide.BUY ? RoundingMode.UP : RoundingMode.DOWN;
        BigDecimal value = quantity.multiply(price);
        BigInteger synthetic =
                quantity.multiply(BigDecimal.valueOf(l2.syntheticResolution()))
                        .setScale(0, rounding)
                        .toBigIntegerExact();
        BigInteger collateral =
                value.multiply(BigDecimal.valueOf(l2.collateralResolution()))
                        .setScale(0, rounding)
                        .toBigIntegerExact();
        BigInteger fee =
                feeRate.multiply(value)
                        .multiply(BigDecimal.valueOf(l2.collateralResolution()))
                        .setScale(0, RoundingMode.UP)
                        .toBigIntegerExact();
        return new SettlementAmounts(synthetic, collateral, fee);
    }

    /** Whether every amount fits the signed i64/u64 fields (both formats carry at most 63 bits). */
    boolean fitsSignedMessages() {
        return synthetic.compareTo(MAX_U63) <= 0
                && collateral.compareTo(MAX_U63) <= 0
                && fee.compareTo(MAX_U63) <= 0;
    }
}
