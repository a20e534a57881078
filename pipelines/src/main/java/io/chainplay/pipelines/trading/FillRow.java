package io.chainplay.pipelines.trading;

import java.math.BigDecimal;

/** One row of {@code trading.fills}: a fill as applied, with what it did to its position. */
public class FillRow {
    public Fill fill;
    public BigDecimal realizedPnl;
    public BigDecimal positionSize;

    /** 0 when flat (NULL in the table). */
    public BigDecimal avgEntryPrice;

    public FillRow() {}

    public FillRow(Fill fill, BigDecimal realizedPnl, Position after) {
        this.fill = fill;
        this.realizedPnl = realizedPnl;
        this.positionSize = after.size;
        this.avgEntryPrice = after.avgEntryPrice;
    }

    @Override
    public String toString() {
        return "FillRow{" + fill.id() + " realized=" + realizedPnl + " size=" + positionSize + "}";
    }
}
