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

    /**
     * Every casino table, every column: table to (key to row). What two runs are compared by;
     * doubles as Java prints them.
     */
    static Map<String, Map<String, String>> all(String jdbcUrl) throws SQLException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement()) {
            for (CasinoTables.Table table : CasinoTables.all()) {
                Map<String, String> rows = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.name())) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder key = new StringBuilder();
                        for (int i = 1; i <= table.keyCount(); i++) {
                            key.append(i > 1 ? "|" : "").append(rs.getString(i));
                        }
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            row.append(i > 1 ? "|" : "")
                                    .append(
                                            value instanceof Double || value instanceof Boolean
                                                    ? value.toString()
                                                    : rs.getString(i));
                        }
                        rows.put(key.toString(), row.toString());
                    }
                }
                tables.put(table.name(), rows);
            }
        }
        return tables;
    }

    /** The rows that differ between two snapshots, a few per table, for readable failures. */
    static java.util.List<String> diff(
            Map<String, Map<String, String>> expected, Map<String, Map<String, String>> actual) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String table : expected.keySet()) {
            Map<String, String> want = expected.get(table);
            Map<String, String> got = actual.getOrDefault(table, Map.of());
            java.util.TreeSet<String> keys = new java.util.TreeSet<>(want.keySet());
            keys.addAll(got.keySet());
            int shown = 0;
            for (String key : keys) {
                if (!java.util.Objects.equals(want.get(key), got.get(key)) && shown++ < 5) {
                    lines.add(
                            table
                                    + " "
                                    + key
                                    + "\n   expected "
                                    + want.get(key)
                                    + "\n   actual   "
                                    + got.get(key));
                }
            }
        }
        return lines;
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
