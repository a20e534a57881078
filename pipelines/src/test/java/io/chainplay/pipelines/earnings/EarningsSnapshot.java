package io.chainplay.pipelines.earnings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Every row of the earnings tables, as text, for tests that compare runs exactly. */
final class EarningsSnapshot {

    static final String[] TABLES = {
        "players", "businesses", "earnings_history", "reconciliation", "global_stats"
    };

    private EarningsSnapshot() {}

    /** table → (key → all columns joined by |). */
    static Map<String, Map<String, String>> all(String jdbcUrl) throws SQLException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        for (String table : TABLES) {
            tables.put(table, table(jdbcUrl, table));
        }
        return tables;
    }

    static Map<String, String> table(String jdbcUrl, String table) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM earnings." + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (i > 1) {
                        row.append('|');
                    }
                    row.append(rs.getString(i));
                }
                String key =
                        switch (table) {
                            case "players", "global_stats" -> rs.getString(1);
                            case "businesses" ->
                                    rs.getString("player") + "#" + rs.getInt("business_no");
                            case "earnings_history" ->
                                    rs.getString("player") + " " + rs.getString("entry_id");
                            default -> rs.getString("event_id") + " " + rs.getString("check_name");
                        };
                rows.put(key, row.toString());
            }
        }
        return rows;
    }

    static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
