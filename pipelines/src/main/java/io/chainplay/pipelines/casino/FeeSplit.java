package io.chainplay.pipelines.casino;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A fee split into its host, pool, network and burn parts (FarePlay's {@code Fee} model), from the
 * pool's {@code fee_host_percent} / {@code fee_pool_percent} and the vault's {@code
 * fee_network_pct} / {@code min_fee_burn_pct} in effect at the fee (docs/casino.md, "Fees"):
 *
 * <pre>
 * host    = floor(F * h)
 * pool    = floor(F * p)
 * network = floor(F * n)
 * burn    = F - host - pool - network
 * </pre>
 *
 * where F is the fee amount and h, p, n the shares as the chain gives them (f64, read as the
 * shortest decimal that is the same double, like k in {@link Settlement}; products exact). What is
 * not paid out is burnt, so burn &gt;= F * b whenever h + p + n &lt;= 1 - b. When the shares exceed
 * that, the vault's minimum burn wins: each share is scaled by (1 - b) / (h + p + n), and the fee
 * is reported as an anomaly. A part whose share is unknown (the pool's or vault's parameters are
 * not in the input) is null, and so is burn then.
 */
public class FeeSplit {

    public Double hostPercent;
    public Double poolPercent;
    public Double networkPercent;
    public Double minBurnPercent;
    public BigInteger host;
    public BigInteger pool;
    public BigInteger network;
    public BigInteger burn;

    /** The shares left less than the minimum burn and were scaled down. */
    public boolean scaled;

    public FeeSplit() {}

    static FeeSplit of(
            BigInteger amount,
            Double hostPercent,
            Double poolPercent,
            Double networkPercent,
            Double minBurnPercent) {
        FeeSplit split = new FeeSplit();
        split.hostPercent = hostPercent;
        split.poolPercent = poolPercent;
        split.networkPercent = networkPercent;
        split.minBurnPercent = minBurnPercent;
        BigDecimal fee = new BigDecimal(amount);
        BigDecimal h = share(hostPercent);
        BigDecimal p = share(poolPercent);
        BigDecimal n = share(networkPercent);
        BigDecimal b = minBurnPercent == null ? BigDecimal.ZERO : share(minBurnPercent);
        BigDecimal limit = BigDecimal.ONE.subtract(b);
        BigDecimal total = sum(h, p, n);
        if (total != null && total.signum() > 0 && total.compareTo(limit) > 0) {
            // Scaled: floor(F * s * (1 - b) / (h + p + n)), exact.
            split.scaled = true;
            split.host = scaled(fee, h, limit, total);
            split.pool = scaled(fee, p, limit, total);
            split.network = scaled(fee, n, limit, total);
        } else {
            split.host = part(fee, h);
            split.pool = part(fee, p);
            split.network = part(fee, n);
        }
        split.burn =
                split.host == null || split.pool == null || split.network == null
                        ? null
                        : amount.subtract(split.host).subtract(split.pool).subtract(split.network);
        return split;
    }

    /** FarePlay's FeeType for the u8 fee_type. */
    static String feeTypeName(int feeType) {
        return switch (feeType) {
            case 0 -> "FeePlay";
            case 1 -> "FeeLoss";
            case 2 -> "FeeMint";
            default -> "Unknown(" + feeType + ")";
        };
    }

    private static BigDecimal share(Double percent) {
        if (percent == null || !Double.isFinite(percent) || percent < 0) {
            return null;
        }
        return BigDecimal.valueOf(percent);
    }

    private static BigDecimal sum(BigDecimal... shares) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal share : shares) {
            if (share == null) {
                return null;
            }
            total = total.add(share);
        }
        return total;
    }

    private static BigInteger part(BigDecimal fee, BigDecimal share) {
        return share == null
                ? null
                : fee.multiply(share).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
    }

    private static BigInteger scaled(
            BigDecimal fee, BigDecimal share, BigDecimal limit, BigDecimal total) {
        return fee.multiply(share)
                .multiply(limit)
                .divide(total, 0, RoundingMode.FLOOR)
                .toBigIntegerExact();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeeSplit that
                && scaled == that.scaled
                && Objects.equals(hostPercent, that.hostPercent)
                && Objects.equals(poolPercent, that.poolPercent)
                && Objects.equals(networkPercent, that.networkPercent)
                && Objects.equals(minBurnPercent, that.minBurnPercent)
                && Objects.equals(host, that.host)
                && Objects.equals(pool, that.pool)
                && Objects.equals(network, that.network)
                && Objects.equals(burn, that.burn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, pool, network, burn);
    }

    @Override
    public String toString() {
        return "FeeSplit{host="
                + host
                + " pool="
                + pool
                + " network="
                + network
                + " burn="
                + burn
                + (scaled ? " scaled" : "")
                + "}";
    }
}
