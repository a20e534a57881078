package io.chainplay.pipelines.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A player's position in one market of one venue, by the average-cost method, and its totals: the
 * state of the trading job per market and the row of {@code trading.positions}.
 *
 * <p>The formulas (docs/trading.md): with s the signed size, a the average entry, and a fill of
 * signed quantity q (+qty for BUY, -qty for SELL) at price p:
 *
 * <ul>
 *   <li>from flat or in the position's direction: s' = s + q, a' = (|s|·a + |q|·p) / |s'|, rounded
 *       to {@link #SCALE} fraction digits HALF_EVEN (the only rounding of the average);
 *   <li>against it: c = min(|s|, |q|) is closed and realizes (p − a) · c · sign(s), rounded to
 *       {@link #SCALE} digits HALF_EVEN; a is kept; if |q| > |s| the remainder opens a new position
 *       at a' = p; if s' = 0 the position is flat (a' undefined, 0 here, NULL in the table).
 * </ul>
 *
 * <p>Fees are summed apart from realized PnL (gross); net = realized − fees.
 */
public class Position {

    /** Fraction digits of the average entry price and of each fill's realized PnL. */
    public static final int SCALE = 16;

    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public String venue;
    public String player;
    public String market;
    public BigDecimal size = BigDecimal.ZERO;

    /** 0 when flat. */
    public BigDecimal avgEntryPrice = BigDecimal.ZERO;

    public BigDecimal realizedPnl = BigDecimal.ZERO;
    public BigDecimal fees = BigDecimal.ZERO;
    public BigDecimal volume = BigDecimal.ZERO;
    public long tradeCount;
    public long lastFillId;

    /** createdTime of the fill that opened the current position; 0 when flat. */
    public long openedAt;

    public long updatedAt;

    public Position() {}

    public Position(String venue, String player, String market) {
        this.venue = venue;
        this.player = player;
        this.market = market;
    }

    public boolean isFlat() {
        return size.signum() == 0;
    }

    /**
     * Applies a fill's trade (not its totals): moves size and average entry and returns the PnL it
     * realizes, 0 when it opens or adds.
     */
    public BigDecimal trade(boolean buy, BigDecimal price, BigDecimal qty, long time) {
        BigDecimal q = buy ? qty : qty.negate();
        int side = size.signum();
        if (side == 0 || side == q.signum()) {
            BigDecimal newSize = size.add(q);
            if (side == 0) {
                avgEntryPrice = price;
                openedAt = time;
            } else {
                avgEntryPrice =
                        size.abs()
                                .multiply(avgEntryPrice)
                                .add(qty.multiply(price))
                                .divide(newSize.abs(), SCALE, ROUNDING);
            }
            size = newSize;
            return BigDecimal.ZERO;
        }
        BigDecimal closed = qty.min(size.abs());
        BigDecimal realized =
                price.subtract(avgEntryPrice)
                        .multiply(closed)
                        .multiply(BigDecimal.valueOf(side))
                        .setScale(SCALE, ROUNDING);
        size = size.add(q);
        if (size.signum() == 0) {
            avgEntryPrice = BigDecimal.ZERO;
            openedAt = 0;
        } else if (size.signum() != side) {
            // Flipped: the part beyond the old position opens a new one at the fill's price.
            avgEntryPrice = price;
            openedAt = time;
        }
        return realized;
    }

    /** Applies a whole fill: its trade and the totals. Returns the PnL it realizes. */
    public BigDecimal apply(Fill fill) {
        BigDecimal realized = trade(fill.buy, fill.price, fill.qty, fill.createdTime);
        realizedPnl = realizedPnl.add(realized);
        fees = fees.add(fill.fee);
        volume = volume.add(fill.value.abs());
        tradeCount++;
        lastFillId = fill.fillId;
        updatedAt = fill.createdTime;
        return realized;
    }

    public Position copy() {
        Position p = new Position(venue, player, market);
        p.size = size;
        p.avgEntryPrice = avgEntryPrice;
        p.realizedPnl = realizedPnl;
        p.fees = fees;
        p.volume = volume;
        p.tradeCount = tradeCount;
        p.lastFillId = lastFillId;
        p.openedAt = openedAt;
        p.updatedAt = updatedAt;
        return p;
    }

    @Override
    public String toString() {
        return "Position{"
                + venue
                + " "
                + player
                + " "
                + market
                + " size="
                + size
                + " avg="
                + avgEntryPrice
                + " realized="
                + realizedPnl
                + " fees="
                + fees
                + " volume="
                + volume
                + " n="
                + tradeCount
                + "}";
    }
}
