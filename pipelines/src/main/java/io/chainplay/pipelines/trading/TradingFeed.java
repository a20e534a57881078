package io.chainplay.pipelines.trading;

import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.feed.FeedMessage;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trading job's {@code feed.trades} messages, in FarePlay's WebSocket shape {@code
 * {"type","data","timestamp","id"}}, keyed by the player's wallet (the API relays {@code trade.*}
 * and {@code position.*} to the {@code trades} channel and to {@code player:<wallet>} by the data's
 * {@code player} field). Decimals are plain decimal strings without trailing zeros; {@code
 * timestamp} is the fill's createdTime.
 */
final class TradingFeed {

    static final String TRADE_FILLED = "trade.filled";
    static final String POSITION_UPDATED = "position.updated";

    private TradingFeed() {}

    /** {@code trade.filled}, one per fill applied; id {@code trade:<venue>:<fillId>}. */
    static FeedRecord filled(Fill fill, BigDecimal realized, Position after, DailyTrades day) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("player", fill.player);
        data.put("venue", fill.venue);
        data.put("fillId", fill.fillId);
        data.put("market", fill.market);
        data.put("side", fill.buy ? "BUY" : "SELL");
        data.put("price", plain(fill.price));
        data.put("qty", plain(fill.qty));
        data.put("value", plain(fill.value));
        data.put("fee", plain(fill.fee));
        data.put("isTaker", fill.isTaker);
        data.put("tradeType", fill.tradeType);
        data.put("realizedPnl", plain(realized));
        data.put("positionSize", plain(after.size));
        data.put("avgEntryPrice", after.isFlat() ? null : plain(after.avgEntryPrice));
        data.put("tradeCount", day.tradeCount);
        String id = "trade:" + fill.venue + ":" + fill.fillId;
        return new FeedRecord(
                fill.player, FeedMessage.of(TRADE_FILLED, id, fill.createdTime, data).toJson());
    }

    /**
     * {@code position.updated}: a market's position after a group of fills applied together (the
     * fills of one millisecond, or those that waited for the reorder delay), so a taker order that
     * crossed ten price levels sends one; id {@code
     * position.updated:<venue>:<market>:<player>:<lastFillId>}.
     */
    static FeedRecord positionUpdated(Position p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("player", p.player);
        data.put("venue", p.venue);
        data.put("market", p.market);
        data.put("size", plain(p.size));
        data.put("avgEntryPrice", p.isFlat() ? null : plain(p.avgEntryPrice));
        data.put("realizedPnl", plain(p.realizedPnl));
        data.put("fees", plain(p.fees));
        data.put("netPnl", plain(p.realizedPnl.subtract(p.fees)));
        data.put("volume", plain(p.volume));
        data.put("tradeCount", p.tradeCount);
        data.put("lastFillId", p.lastFillId);
        String id =
                "position.updated:"
                        + p.venue
                        + ":"
                        + p.market
                        + ":"
                        + p.player
                        + ":"
                        + p.lastFillId;
        return new FeedRecord(
                p.player, FeedMessage.of(POSITION_UPDATED, id, p.updatedAt, data).toJson());
    }

    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
