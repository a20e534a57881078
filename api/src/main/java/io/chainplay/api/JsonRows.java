package io.chainplay.api;

import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.util.RawValue;

import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a row to a JSON object by one rule for every table the pipelines write, so each endpoint's
 * JSON is its {@code SELECT}'s columns and no hand-written record can drift from the migrations:
 *
 * <ul>
 *   <li>names: {@code snake_case} columns become {@code camelCase} keys;
 *   <li>{@code numeric} (token amounts, u64 values): decimal strings, exact (they pass 2^53);
 *   <li>{@code timestamptz}: ISO-8601 instants in UTC; {@code date}: {@code YYYY-MM-DD};
 *   <li>{@code jsonb}: embedded as the stored JSON text, verbatim (the chain's f64 text is kept);
 *   <li>everything else (bigint, integer, double, boolean, text, null) as JSON has it.
 * </ul>
 */
public final class JsonRows {

    /** The mapper; stateless, so one instance serves every query. */
    public static final RowMapper<Map<String, Object>> MAPPER =
            (rs, row) -> {
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String key = camel(meta.getColumnLabel(i));
                    String typeName = meta.getColumnTypeName(i);
                    Object value;
                    switch (meta.getColumnType(i)) {
                        case Types.NUMERIC, Types.DECIMAL -> {
                            BigDecimal number = rs.getBigDecimal(i);
                            value = number == null ? null : number.toPlainString();
                        }
                        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                            OffsetDateTime time = rs.getObject(i, OffsetDateTime.class);
                            value = time == null ? null : time.toInstant().toString();
                        }
                        case Types.DATE -> {
                            Object date = rs.getObject(i, java.time.LocalDate.class);
                            value = date == null ? null : date.toString();
                        }
                        default -> {
                            if ("jsonb".equals(typeName) || "json".equals(typeName)) {
                                String text = rs.getString(i);
                                value = text == null ? null : new RawValue(text);
                            } else {
                                value = rs.getObject(i);
                            }
                        }
                    }
                    out.put(key, value);
                }
                return out;
            };

    private JsonRows() {}

    /**
     * A board's rows, already in rank order, each led by its {@code rank} (1-based position), as
     * the leaderboards return them.
     */
    public static List<Map<String, Object>> ranked(List<Map<String, Object>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> ranked = new LinkedHashMap<>();
            ranked.put("rank", i + 1);
            ranked.putAll(rows.get(i));
            rows.set(i, ranked);
        }
        return rows;
    }

    static String camel(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
