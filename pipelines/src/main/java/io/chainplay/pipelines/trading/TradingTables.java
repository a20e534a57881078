package io.chainplay.pipelines.trading;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The statements that write the {@code trading} tables (V5 migration): one idempotent upsert of
 * absolute values by natural key each, so replaying any sequence of rows ends with the last one's
 * values. No {@code +=}: the totals are computed in the job's state.
 */
final class TradingTables {

    static final String UPSERT_POSITION =
            "INSERT INTO trading.positions (venue, player, market, size, avg_entry_price,"
                    + " realized_pnl, fees, volume, trade_count, last_fill_id, opened_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (venue, player, market) DO UPDATE SET size = EXCLUDED.size,"
                    + " avg_entry_price = EXCLUDED.avg_entry_price,"
                    + " realized_pnl = EXCLUDED.realized_pnl, fees = EXCLUDED.fees,"
                    + " volume = EXCLUDED.volume, trade_count = EXCLUDED.trade_count,"
                    + " last_fill_id = EXCLUDED.last_fill_id, opened_at = EXCLUDED.opened_at,"
                    + " updated_at = EXCLUDED.updated_at";

    static final String UPSERT_DAILY =
            "INSERT INTO trading.daily_trades (player, day, trade_count, volume, fees,"
                    + " realized_pnl, first_fill_venue, first_fill_id, first_trade_at,"
                    + " last_trade_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (player, day) DO UPDATE SET trade_count = EXCLUDED.trade_count,"
                    + " volume = EXCLUDED.volume, fees = EXCLUDED.fees,"
                    + " realized_pnl = EXCLUDED.realized_pnl,"
                    + " first_fill_venue = EXCLUDED.first_fill_venue,"
                    + " first_fill_id = EXCLUDED.first_fill_id,"
                    + " first_trade_at = EXCLUDED.first_trade_at,"
                    + " last_trade_at = EXCLUDED.last_trade_at";

    static final String UPSERT_FILL =
            "INSERT INTO trading.fills (venue, fill_id, player, account_id, market, order_id,"
                    + " side, price, qty, value, fee, is_taker, trade_type, created_at,"
                    + " realized_pnl, position_size, avg_entry_price)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (venue, fill_id) DO UPDATE SET player = EXCLUDED.player,"
                    + " account_id = EXCLUDED.account_id, market = EXCLUDED.market,"
                    + " order_id = EXCLUDED.order_id, side = EXCLUDED.side,"
                    + " price = EXCLUDED.price, qty = EXCLUDED.qty, value = EXCLUDED.value,"
                    + " fee = EXCLUDED.fee, is_taker = EXCLUDED.is_taker,"
                    + " trade_type = EXCLUDED.trade_type, created_at = EXCLUDED.created_at,"
                    + " realized_pnl = EXCLUDED.realized_pnl,"
                    + " position_size = EXCLUDED.position_size,"
                    + " avg_entry_price = EXCLUDED.avg_entry_price";

    /**
     * A request's row moves only forward: an answer of a lower status rank than the row's (a
     * replay, or an answer delivered again) changes nothing.
     */
    static final String UPSERT_TRADE_REQUEST =
            "INSERT INTO trading.trade_requests (request_id, player, day, status, status_rank,"
                    + " reason, code, market, side, qty, external_id, order_id, filled_qty,"
                    + " avg_price, fee, requested_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (request_id) DO UPDATE SET player = EXCLUDED.player,"
                    + " day = EXCLUDED.day, status = EXCLUDED.status,"
                    + " status_rank = EXCLUDED.status_rank, reason = EXCLUDED.reason,"
                    + " code = EXCLUDED.code, market = EXCLUDED.market, side = EXCLUDED.side,"
                    + " qty = EXCLUDED.qty, external_id = EXCLUDED.external_id,"
                    + " order_id = EXCLUDED.order_id, filled_qty = EXCLUDED.filled_qty,"
                    + " avg_price = EXCLUDED.avg_price, fee = EXCLUDED.fee,"
                    + " requested_at = EXCLUDED.requested_at, updated_at = EXCLUDED.updated_at"
                    + " WHERE EXCLUDED.status_rank >= trading.trade_requests.status_rank";

    private TradingTables() {}

    static void bindPosition(PreparedStatement ps, Position p) throws SQLException {
        int i = 1;
        ps.setString(i++, p.venue);
        ps.setString(i++, p.player);
        ps.setString(i++, p.market);
        ps.setBigDecimal(i++, p.size);
        ps.setBigDecimal(i++, p.isFlat() ? null : p.avgEntryPrice);
        ps.setBigDecimal(i++, p.realizedPnl);
        ps.setBigDecimal(i++, p.fees);
        ps.setBigDecimal(i++, p.volume);
        ps.setLong(i++, p.tradeCount);
        ps.setLong(i++, p.lastFillId);
        setTime(ps, i++, p.isFlat() ? null : p.openedAt);
        setTime(ps, i, p.updatedAt);
    }

    static void bindDaily(PreparedStatement ps, DailyTrades d) throws SQLException {
        int i = 1;
        ps.setString(i++, d.player);
        ps.setObject(i++, LocalDate.ofEpochDay(d.day));
        ps.setLong(i++, d.tradeCount);
        ps.setBigDecimal(i++, d.volume);
        ps.setBigDecimal(i++, d.fees);
        ps.setBigDecimal(i++, d.realizedPnl);
        ps.setString(i++, d.firstFillVenue);
        ps.setLong(i++, d.firstFillId);
        setTime(ps, i++, d.firstTradeAt);
        setTime(ps, i, d.lastTradeAt);
    }

    static void bindFill(PreparedStatement ps, FillRow row) throws SQLException {
        Fill f = row.fill;
        int i = 1;
        ps.setString(i++, f.venue);
        ps.setLong(i++, f.fillId);
        ps.setString(i++, f.player);
        ps.setLong(i++, f.accountId);
        ps.setString(i++, f.market);
        ps.setLong(i++, f.orderId);
        ps.setString(i++, f.buy ? "BUY" : "SELL");
        ps.setBigDecimal(i++, f.price);
        ps.setBigDecimal(i++, f.qty);
        ps.setBigDecimal(i++, f.value);
        ps.setBigDecimal(i++, f.fee);
        ps.setBoolean(i++, f.isTaker);
        ps.setString(i++, f.tradeType);
        setTime(ps, i++, f.createdTime);
        ps.setBigDecimal(i++, row.realizedPnl);
        ps.setBigDecimal(i++, row.positionSize);
        ps.setBigDecimal(i, row.positionSize.signum() == 0 ? null : row.avgEntryPrice);
    }

    static void bindTradeRequest(PreparedStatement ps, TradeRequestRow r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.requestId);
        ps.setString(i++, r.player);
        ps.setObject(i++, r.day == null ? null : LocalDate.parse(r.day), Types.DATE);
        ps.setString(i++, r.status);
        ps.setShort(i++, (short) r.statusRank);
        ps.setString(i++, r.reason);
        ps.setObject(i++, r.code, Types.INTEGER);
        ps.setString(i++, r.market);
        ps.setString(i++, r.side);
        ps.setBigDecimal(i++, decimal(r.qty));
        ps.setString(i++, r.externalId);
        ps.setObject(i++, r.orderId, Types.BIGINT);
        ps.setBigDecimal(i++, decimal(r.filledQty));
        ps.setBigDecimal(i++, decimal(r.avgPrice));
        ps.setBigDecimal(i++, decimal(r.fee));
        setTime(ps, i++, r.requestedAt);
        setTime(ps, i, r.updatedAt);
    }

    private static java.math.BigDecimal decimal(String text) {
        return text == null ? null : new java.math.BigDecimal(text);
    }

    private static void setTime(PreparedStatement ps, int i, Long epochMillis) throws SQLException {
        if (epochMillis == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(
                    i, OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
        }
    }
}
