package io.chainplay.pipelines.casino;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a casino table, with absolute values, or its deletion: what every aggregate emits and
 * {@link PostgresTableSink} writes.
 *
 * <p>The values are text in the order of the table's {@link CasinoTables.Table#columns()} (keys
 * first), cast by Postgres on insert: one row type for every table keeps the sink generic and the
 * Flink type a plain POJO (no Kryo). A deletion carries only the key values.
 */
public class TableRow {

    /** The table, e.g. {@code casino.pool_stats}. */
    public String table;

    public boolean deleted;

    /**
     * A row that a newer one of the same key is likely to replace soon (a bet placed and not yet
     * settled): the sink may hold it back for a moment and write only its replacement ({@link
     * RowBatch}).
     */
    public boolean provisional;

    /** Column values as text (null for SQL NULL), in the table's column order. */
    public String[] values;

    public TableRow() {}

    public TableRow(String table, boolean deleted, String[] values) {
        this.table = table;
        this.deleted = deleted;
        this.values = values;
    }

    /** The value of a column by name, for tests and logs. */
    public String get(String column) {
        int index = CasinoTables.table(table).indexOf(column);
        return index < values.length ? values[index] : null;
    }

    /** The key columns' values joined, identifying the row within its table. */
    public String key() {
        int keys = CasinoTables.table(table).keyCount();
        if (keys == 1) {
            return values[0];
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            if (i > 0) {
                key.append('\u0001');
            }
            key.append(values[i]);
        }
        return key.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRow that
                && deleted == that.deleted
                && Objects.equals(table, that.table)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, deleted, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return table + (deleted ? " DELETE " : " ") + Arrays.toString(values);
    }
}
