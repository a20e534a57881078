package io.chainplay.pipelines.trading;

import java.math.BigDecimal;

/**
 * A player's fills of one UTC day, on every venue and market: the daily-trade ledger's row ({@code
 * trading.daily_trades}) and the trading job's state for the days it still accepts fills for.
 */
public class DailyTrades {

    public static final long DAY_MS = 86_400_000L;

    public String player;

    /** Days since 1970-01-01 (UTC) of the fills' createdTime. */
    public long day;

    public long tradeCount;
    public BigDecimal volume = BigDecimal.ZERO;
    public BigDecimal fees = BigDecimal.ZERO;
    public BigDecimal realizedPnl = BigDecimal.ZERO;
    public String firstFillVenue;
    public long firstFillId;
    public long firstTradeAt;
    public long lastTradeAt;

    public DailyTrades() {}

    public static long dayOf(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MS);
    }

    /** Adds a fill, applied in order, that realized {@code realized}. */
    public void add(Fill fill, BigDecimal realized) {
        if (tradeCount == 0) {
            player = fill.player;
            day = dayOf(fill.createdTime);
            firstFillVenue = fill.venue;
            firstFillId = fill.fillId;
            firstTradeAt = fill.createdTime;
        }
        tradeCount++;
        volume = volume.add(fill.value.abs());
        fees = fees.add(fill.fee);
        realizedPnl = realizedPnl.add(realized);
        lastTradeAt = fill.createdTime;
    }

    public DailyTrades copy() {
        DailyTrades d = new DailyTrades();
        d.player = player;
        d.day = day;
        d.tradeCount = tradeCount;
        d.volume = volume;
        d.fees = fees;
        d.realizedPnl = realizedPnl;
        d.firstFillVenue = firstFillVenue;
        d.firstFillId = firstFillId;
        d.firstTradeAt = firstTradeAt;
        d.lastTradeAt = lastTradeAt;
        return d;
    }

    @Override
    public String toString() {
        return "DailyTrades{" + player + " day " + day + " n=" + tradeCount + "}";
    }
}
