package io.chainplay.api.casino;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Reads the casino tables that the casino Flink job upserts ({@code casino.bets}, {@code
 * casino.player_stats}, migration V1).
 *
 * <p>Read-only transactions: the job owns these rows, and a read-only transaction lets Postgres
 * (and a read replica later) refuse any accidental write. {@code numeric(78,0)} columns are read as
 * {@link BigDecimal} and kept exact as {@link BigInteger}.
 */
@Repository
@Transactional(readOnly = true)
class CasinoRepository {

    private static final String BET_COLUMNS =
            """
            SELECT trial_id, pool_id, player, wager, qk::text AS qk, extra_data_hash, status,
                   result_index, randomness, result_k, payout, delta_amount, won,
                   registered_signature, registered_slot, registered_at,
                   resolved_signature, resolved_slot, resolved_at
            FROM casino.bets
            """;

    // Two statements rather than "player = :player OR :player IS NULL": each one matches an index
    // (bets_time_idx, bets_player_time_idx), and the ORDER BY equals the index order so Postgres
    // reads only `limit` rows.
    private static final String RECENT_BETS =
            BET_COLUMNS + "ORDER BY registered_at DESC, trial_id DESC LIMIT :limit";
    private static final String RECENT_BETS_OF_PLAYER =
            BET_COLUMNS
                    + "WHERE player = :player ORDER BY registered_at DESC, trial_id DESC"
                    + " LIMIT :limit";

    private final JdbcClient jdbc;

    CasinoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The player's rows, one per pool they bet in, ordered by pool; empty when there are none. */
    List<PoolStats> findPlayerStats(String player) {
        return jdbc.sql(
                        """
                        SELECT pool_id, bets, wins, losses, pushes, wagered, paid_out, net
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
                                                integer(rs, "net"))))
                .list();
    }

    /** Newest bets first, of one player or (player null) of everyone. */
    List<Bet> findRecentBets(String player, int limit) {
        var statement =
                player == null
                        ? jdbc.sql(RECENT_BETS)
                        : jdbc.sql(RECENT_BETS_OF_PLAYER).param("player", player);
        return statement.param("limit", limit).query(CasinoRepository::bet).list();
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
                instant(rs, "resolved_at"));
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
