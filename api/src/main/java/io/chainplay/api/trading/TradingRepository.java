package io.chainplay.api.trading;

import io.chainplay.api.JsonRows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the trading tables the trading Flink job upserts (migration V5, docs/trading.md):
 * positions, fills and the daily-trade ledger.
 *
 * <p>The columns are {@code numeric(40,16)}; {@code trim_scale} drops the trailing zeros so the
 * decimal strings read as the feed's ({@code "0.5"}, not {@code "0.5000000000000000"}), exactly.
 */
@Repository
@Transactional(readOnly = true)
class TradingRepository {

    /** A player has a position row per venue and market ever traded: a handful, bounded anyway. */
    static final int MAX_POSITIONS = 500;

    // The leaderboard's ORDER BY expression per metric; never built from client text.
    private static final Map<String, String> RANK_BY =
            Map.of("net", "sum(net_pnl)", "volume", "sum(volume)");

    private final JdbcClient jdbc;

    TradingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the daily-trade workflow answered about a request (V6), newest status only. */
    private static final String TRADE_REQUEST_COLUMNS =
            """
            SELECT request_id, player, day, status, reason, code, market, side,
                   trim_scale(qty) AS qty, external_id, order_id,
                   trim_scale(filled_qty) AS filled_qty, trim_scale(avg_price) AS avg_price,
                   trim_scale(fee) AS fee, requested_at, updated_at
            FROM trading.trade_requests
            """;

    /** The player's daily-trade requests, newest first (trade_requests_player_idx). */
    List<Map<String, Object>> tradeRequests(String player, int limit) {
        return jdbc.sql(
                        TRADE_REQUEST_COLUMNS
                                + " WHERE player = :player"
                                + " ORDER BY requested_at DESC, request_id LIMIT :limit")
                .param("player", player)
                .param("limit", limit)
                .query(JsonRows.MAPPER)
                .list();
    }

    /** One request of the player's, if the workflow has answered it. */
    Optional<Map<String, Object>> tradeRequest(String player, String requestId) {
        return jdbc.sql(
                        TRADE_REQUEST_COLUMNS
                                + " WHERE request_id = :requestId AND player = :player")
                .param("requestId", requestId)
                .param("player", player)
                .query(JsonRows.MAPPER)
                .optional();
    }

    /** Every position of the player (positions_player_idx), by venue and market. */
    List<Map<String, Object>> positions(String player) {
        return jdbc.sql(
                        """
                        SELECT venue, market, trim_scale(size) AS size,
                               trim_scale(avg_entry_price) AS avg_entry_price,
                               trim_scale(realized_pnl) AS realized_pnl, trim_scale(fees) AS fees,
                               trim_scale(net_pnl) AS net_pnl, trim_scale(volume) AS volume,
                               trade_count, last_fill_id, opened_at, updated_at
                        FROM trading.positions WHERE player = :player
                        ORDER BY venue, market LIMIT :max
                        """)
                .param("player", player)
                .param("max", MAX_POSITIONS)
                .query(JsonRows.MAPPER)
                .list();
    }

    /** The player's totals over every venue and market; zeros for a player with no fills. */
    Map<String, Object> totals(String player) {
        return jdbc.sql(
                        """
                        SELECT count(*) AS markets,
                               count(*) FILTER (WHERE size <> 0) AS open_positions,
                               trim_scale(coalesce(sum(realized_pnl), 0)) AS realized_pnl,
                               trim_scale(coalesce(sum(fees), 0)) AS fees,
                               trim_scale(coalesce(sum(net_pnl), 0)) AS net_pnl,
                               trim_scale(coalesce(sum(volume), 0)) AS volume,
                               coalesce(sum(trade_count), 0)::bigint AS trade_count
                        FROM trading.positions WHERE player = :player
                        """)
                .param("player", player)
                .query(JsonRows.MAPPER)
                .single();
    }

    /**
     * The player's fills newest first, in (created_at, fill_id, venue) descending order, after the
     * cursor: fills_player_time_idx (or fills_player_market_time_idx with a market), a range scan
     * from the cursor; the venue only breaks ties between venues' equal fill ids.
     */
    List<Map<String, Object>> fills(String player, String market, FillCursor after, int limit) {
        StringBuilder sql =
                new StringBuilder(
                        """
                        SELECT venue, fill_id, market, order_id, side, trim_scale(price) AS price,
                               trim_scale(qty) AS qty, trim_scale(value) AS value,
                               trim_scale(fee) AS fee, is_taker, trade_type, created_at,
                               trim_scale(realized_pnl) AS realized_pnl,
                               trim_scale(position_size) AS position_size,
                               trim_scale(avg_entry_price) AS avg_entry_price
                        FROM trading.fills WHERE player = :player
                        """);
        if (market != null) {
            sql.append(" AND market = :market");
        }
        if (after != null) {
            sql.append(" AND (created_at, fill_id, venue) < (:at, :fillId, :venue)");
        }
        sql.append(" ORDER BY created_at DESC, fill_id DESC, venue DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("player", player).param("limit", limit);
        if (market != null) {
            statement = statement.param("market", market);
        }
        if (after != null) {
            statement =
                    statement
                            .param("at", Timestamp.from(after.at()))
                            .param("fillId", after.fillId())
                            .param("venue", after.venue());
        }
        return statement.query(JsonRows.MAPPER).list();
    }

    /** The player's ledger days in [from, to], oldest first (the primary key's range). */
    List<Map<String, Object>> daily(String player, LocalDate from, LocalDate to) {
        return jdbc.sql(
                        """
                        SELECT day, trade_count, trim_scale(volume) AS volume,
                               trim_scale(fees) AS fees, trim_scale(realized_pnl) AS realized_pnl,
                               first_fill_venue, first_fill_id, first_trade_at, last_trade_at
                        FROM trading.daily_trades
                        WHERE player = :player AND day BETWEEN :from AND :to
                        ORDER BY day
                        """)
                .param("player", player)
                .param("from", from)
                .param("to", to)
                .query(JsonRows.MAPPER)
                .list();
    }

    /**
     * The top players by net PnL or volume summed over their positions (every venue and market),
     * ties by wallet. This aggregates the whole positions table (one row per player and market):
     * cheap for thousands of players, under the query timeout for far more, but a leaderboard table
     * written by the job would be the way at scale.
     */
    List<Map<String, Object>> leaderboard(String metric, int limit) {
        String rankBy = RANK_BY.get(metric);
        if (rankBy == null) {
            throw new IllegalArgumentException("metric " + metric);
        }
        return JsonRows.ranked(
                jdbc.sql(
                                """
                                SELECT player, trim_scale(sum(net_pnl)) AS net_pnl,
                                       trim_scale(sum(realized_pnl)) AS realized_pnl,
                                       trim_scale(sum(fees)) AS fees,
                                       trim_scale(sum(volume)) AS volume,
                                       sum(trade_count)::bigint AS trade_count
                                FROM trading.positions GROUP BY player
                                ORDER BY %s DESC, player LIMIT :limit
                                """
                                        .formatted(rankBy))
                        .param("limit", limit)
                        .query(JsonRows.MAPPER)
                        .list());
    }

    /** Where a fills page ends: its last row's sort key. */
    record FillCursor(Instant at, long fillId, String venue) {}
}
