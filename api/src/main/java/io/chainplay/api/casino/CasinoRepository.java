package io.chainplay.api.casino;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Reads the casino tables that the casino Flink job upserts ({@code casino.bets}, {@code
 * casino.player_stats}, migration V1).
 *
 * <p>No transactions: each method is one SELECT, which Postgres already runs on one snapshot, and a
 * read-only transaction around it cost a {@code BEGIN READ ONLY}, a {@code COMMIT} round trip, the
 * connection's read-only and auto-commit switches and Spring's proxy: in the api-reads benchmark
 * about 40% of the CPU player stats spent below its controller (p99 54.6 → 8.5 ms). What the
 * read-only flag guarded against, an accidental write, a SELECT cannot do. {@code numeric(78,0)}
 * columns are read as {@link BigDecimal} and kept exact as {@link BigInteger}.
 */
@Repository
class CasinoRepository {

    private static final String BET_COLUMNS =
            """
            SELECT trial_id, pool_id, player, wager, qk::text AS qk, extra_data_hash, status,
                   result_index, randomness, result_k, payout, delta_amount, won,
                   registered_signature, registered_slot, registered_at,
                   resolved_signature, resolved_slot, resolved_at, expired_at
            FROM casino.bets
            """;

    private final JdbcClient jdbc;

    CasinoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The player's rows, one per pool they bet in, ordered by pool; empty when there are none. */
    List<PoolStats> findPlayerStats(String player) {
        return jdbc.sql(
                        """
                        SELECT pool_id, bets, wins, losses, pushes, wagered, paid_out, net,
                               biggest_win, biggest_win_trial, current_streak, best_streak,
                               first_seen, last_seen
                        FROM casino.player_stats
                        WHERE player = :player
                        ORDER BY pool_id
                        """)
                .param("player", player)
                .query(
                        (rs, row) ->
                                new PoolStats(
                                        rs.getString("pool_id"),
                                        new StatsTotals(
                                                rs.getLong("bets"),
                                                rs.getLong("wins"),
                                                rs.getLong("losses"),
                                                rs.getLong("pushes"),
                                                integer(rs, "wagered"),
                                                integer(rs, "paid_out"),
                                                integer(rs, "net")),
                                        integer(rs, "biggest_win"),
                                        rs.getString("biggest_win_trial"),
                                        rs.getInt("current_streak"),
                                        rs.getInt("best_streak"),
                                        instant(rs, "first_seen"),
                                        instant(rs, "last_seen")))
                .list();
    }

    /**
     * Newest bets first, filtered, after the cursor.
     *
     * <p>The ORDER BY is the order of bets_time_idx / bets_player_time_idx (registered_at DESC,
     * trial_id DESC), and the cursor is a row comparison on the same key, so Postgres reads the
     * index from the cursor and stops after {@code limit} rows. The query timeout bounds the rare
     * filter that the index cannot serve (a status no recent bet has).
     */
    List<Bet> findBets(BetQuery query) {
        StringBuilder sql = new StringBuilder(BET_COLUMNS).append("WHERE true");
        if (query.player() != null) {
            sql.append(" AND player = :player");
        }
        if (query.pool() != null) {
            sql.append(" AND pool_id = :pool");
        }
        if (query.status() != null) {
            sql.append(" AND status = :status");
        }
        if (query.after() != null) {
            sql.append(" AND (registered_at, trial_id) < (:at, :id)");
        }
        sql.append(" ORDER BY registered_at DESC, trial_id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("limit", query.limit());
        if (query.player() != null) {
            statement = statement.param("player", query.player());
        }
        if (query.pool() != null) {
            statement = statement.param("pool", query.pool());
        }
        if (query.status() != null) {
            statement = statement.param("status", query.status());
        }
        if (query.after() != null) {
            statement =
                    statement
                            .param("at", Timestamp.from(query.after().at()))
                            .param("id", query.after().id());
        }
        return statement.query(CasinoRepository::bet).list();
    }

    private static Bet bet(ResultSet rs, int row) throws SQLException {
        return new Bet(
                rs.getString("trial_id"),
                rs.getString("pool_id"),
                rs.getString("player"),
                integer(rs, "wager"),
                rs.getString("qk"),
                rs.getString("extra_data_hash"),
                rs.getString("status"),
                integer(rs, "result_index"),
                rs.getObject("randomness", Double.class),
                rs.getObject("result_k", Double.class),
                integer(rs, "payout"),
                integer(rs, "delta_amount"),
                rs.getObject("won", Boolean.class),
                rs.getString("registered_signature"),
                rs.getLong("registered_slot"),
                instant(rs, "registered_at"),
                rs.getString("resolved_signature"),
                rs.getObject("resolved_slot", Long.class),
                instant(rs, "resolved_at"),
                instant(rs, "expired_at"));
    }

    /** A {@code numeric(p,0)} column, null-safe; exact, since the scale is 0. */
    private static BigInteger integer(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.toBigIntegerExact();
    }

    // pgjdbc maps timestamptz to OffsetDateTime (in UTC), not to Instant.
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
