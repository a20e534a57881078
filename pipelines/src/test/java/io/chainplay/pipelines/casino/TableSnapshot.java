package io.chainplay.pipelines.casino;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Reads the casino tables back in a form tests compare exactly. */
final class TableSnapshot {

    private TableSnapshot() {}

    /** trial_id to pool|player|wager|status|result_index|result_k|payout|delta|won. */
    static Map<String, String> bets(String jdbcUrl) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT trial_id, pool_id, player, wager, status, result_index,"
                                        + " result_k, payout, delta_amount, won FROM casino.bets")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder(rs.getString(1));
                for (int i = 2; i <= 10; i++) {
                    Object value = rs.getObject(i);
                    // Doubles and booleans as Java prints them (0.0, true), not as Postgres does
                    row.append('|')
                            .append(
                                    value instanceof Double || value instanceof Boolean
                                            ? value.toString()
                                            : rs.getString(i));
                }
                rows.put(rs.getString(1), row.toString());
            }
        }
        return rows;
    }

    /** player|pool to player|pool|bets|wins|losses|pushes|wagered|paid_out|net. */
    static Map<String, String> playerStats(String jdbcUrl) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT player, pool_id, bets, wins, losses, pushes, wagered,"
                                        + " paid_out, net FROM casino.player_stats")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder(rs.getString(1));
                for (int i = 2; i <= 9; i++) {
                    row.append('|').append(rs.getString(i));
                }
                rows.put(rs.getString(1) + "|" + rs.getString(2), row.toString());
            }
        }
        return rows;
    }
}
