package io.chainplay.api.earnings;

import io.chainplay.api.JsonRows;
import io.chainplay.api.Pages.TimeCursor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the earnings tables the earnings Flink job upserts (migration V3): players' economies,
 * businesses, the earnings history, the reconciliation against the program, global stats.
 *
 * <p>Every list has a LIMIT and pages by keyset on an index (see each query); rows come out through
 * {@link JsonRows}, so amounts are decimal strings and times ISO-8601.
 */
@Repository
@Transactional(readOnly = true)
class EarningsRepository {

    private final JdbcClient jdbc;

    EarningsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Map<String, Object>> player(String player) {
        return jdbc.sql("SELECT * FROM earnings.players WHERE player = :player")
                .param("player", player)
                .query(JsonRows.MAPPER)
                .optional();
    }

    /** A player's businesses in the order they were opened; a player has a handful. */
    List<Map<String, Object>> businesses(String player, String status) {
        String sql =
                "SELECT * FROM earnings.businesses WHERE player = :player"
                        + (status == null ? "" : " AND status = :status")
                        + " ORDER BY business_no LIMIT 100";
        var statement = jdbc.sql(sql).param("player", player);
        if (status != null) {
            statement = statement.param("status", status);
        }
        return statement.query(JsonRows.MAPPER).list();
    }

    /**
     * Newest history entries first, of one player (history_player_time_idx) or of everyone
     * (history_time_idx), after the cursor.
     */
    List<Map<String, Object>> history(String player, String type, TimeCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM earnings.earnings_history WHERE true");
        if (player != null) {
            sql.append(" AND player = :player");
        }
        if (type != null) {
            sql.append(" AND event_type = :type");
        }
        if (after != null) {
            // Row comparison matches the (at DESC, ...) index order; the id breaks ties.
            sql.append(" AND (at, player || '/' || entry_id) < (:at, :id)");
        }
        sql.append(" ORDER BY at DESC, player || '/' || entry_id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (player != null) {
            statement = statement.param("player", player);
        }
        if (type != null) {
            statement = statement.param("type", type);
        }
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement.query(JsonRows.MAPPER).list();
    }

    /** Reconciliation findings, newest first (reconciliation_time_idx / _player_idx). */
    List<Map<String, Object>> reconciliation(
            String player, boolean mismatchesOnly, TimeCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM earnings.reconciliation WHERE true");
        if (player != null) {
            sql.append(" AND player = :player");
        }
        if (mismatchesOnly) {
            sql.append(" AND difference <> 0");
        }
        if (after != null) {
            sql.append(" AND (at, event_id || '/' || check_name) < (:at, :id)");
        }
        sql.append(" ORDER BY at DESC, event_id || '/' || check_name DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (player != null) {
            statement = statement.param("player", player);
        }
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement.query(JsonRows.MAPPER).list();
    }

    /** One row per game. */
    List<Map<String, Object>> globalStats() {
        return jdbc.sql("SELECT * FROM earnings.global_stats ORDER BY program LIMIT 100")
                .query(JsonRows.MAPPER)
                .list();
    }

    /** Players by pending earnings (players_pending_idx). */
    List<Map<String, Object>> topPending(int limit) {
        return jdbc.sql(
                        "SELECT player, businesses, daily_earnings, pending_earnings,"
                                + " pending_as_of, total_claimed, total_invested"
                                + " FROM earnings.players ORDER BY pending_earnings DESC, player"
                                + " LIMIT :limit")
                .param("limit", limit)
                .query(JsonRows.MAPPER)
                .list();
    }
}
