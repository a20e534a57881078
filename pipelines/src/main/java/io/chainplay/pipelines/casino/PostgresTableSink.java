package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@link TableRow}s of any casino table to Postgres in batches: per table one {@code INSERT
 * ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE} for the rows and one {@code DELETE ...
 * USING unnest(arrays)} for the deletions, in one transaction per flush.
 *
 * <p>A batch keeps only the latest row per key: the rows are absolute values, so an older one is of
 * no use once a newer one is there, and Postgres refuses to upsert the same key twice in one
 * statement. A batch is flushed when it holds {@code maxRows} rows, every {@code interval} ms, on
 * every checkpoint (before the barrier, so a completed checkpoint implies its rows are committed)
 * and at the end of input. A provisional row (a placed bet) may wait up to {@code holdMillis} for
 * the row that replaces it ({@link RowBatch}). At-least-once with idempotent rows is exactly-once
 * in effect (ARCHITECTURE.md, principle 4).
 *
 * <p>Each key is written by one subtask only: the rows of a key come from one subtask of a keyed
 * operator, and this sink is chained to it, so the order of a key's rows is kept. Statements with
 * arrays are parsed once and carry thousands of rows: a few round trips per flush instead of one
 * per row, which is what lets one connection per subtask keep up with the job.
 */
public final class PostgresTableSink implements Sink<TableRow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTableSink.class);
    private static final int MAX_ATTEMPTS = 3;

    private final String url;
    private final String user;
    private final String password;
    private final int maxRows;
    private final long intervalMillis;
    private final long holdMillis;

    /**
     * @param holdMillis how long a provisional row may be held back for its replacement ({@link
     *     RowBatch}); 0 writes it like any other
     */
    public PostgresTableSink(
            String url,
            String user,
            String password,
            int maxRows,
            long intervalMillis,
            long holdMillis) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.maxRows = maxRows;
        this.intervalMillis = intervalMillis;
        this.holdMillis = holdMillis;
    }

    @Override
    public SinkWriter<TableRow> createWriter(WriterInitContext context) throws IOException {
        return createWriter(
                context.getProcessingTimeService(),
                context.metricGroup().counter("rowsWritten"),
                context.metricGroup().counter("flushes"));
    }

    /** A writer on the given clock and timers (tests drive them by hand). */
    SinkWriter<TableRow> createWriter(
            ProcessingTimeService time, Counter rowsWritten, Counter flushes) {
        return new Writer(time, rowsWritten, flushes);
    }

    /** The INSERT for a table's rows, with one text[] parameter per column. */
    static String upsertSql(CasinoTables.Table table) {
        List<String> columns = table.columns();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" (");
        sql.append(String.join(", ", columns)).append(") SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(cast(table, i));
        }
        sql.append(" FROM unnest(");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append("?::text[]");
        }
        sql.append(") AS u(").append(aliases(columns.size())).append(") ON CONFLICT (");
        sql.append(String.join(", ", columns.subList(0, table.keyCount()))).append(") DO ");
        if (columns.size() == table.keyCount()) {
            return sql.append("NOTHING").toString();
        }
        sql.append("UPDATE SET ");
        for (int i = table.keyCount(); i < columns.size(); i++) {
            sql.append(i > table.keyCount() ? ", " : "")
                    .append(columns.get(i))
                    .append(" = EXCLUDED.")
                    .append(columns.get(i));
        }
        return sql.toString();
    }

    /** The DELETE for a table's deletions, with one text[] parameter per key column. */
    static String deleteSql(CasinoTables.Table table) {
        StringBuilder sql =
                new StringBuilder("DELETE FROM ").append(table.name()).append(" t USING unnest(");
        for (int i = 0; i < table.keyCount(); i++) {
            sql.append(i > 0 ? ", " : "").append("?::text[]");
        }
        sql.append(") AS u(").append(aliases(table.keyCount())).append(") WHERE ");
        for (int i = 0; i < table.keyCount(); i++) {
            sql.append(i > 0 ? " AND " : "")
                    .append("t.")
                    .append(table.columns().get(i))
                    .append(" = ")
                    .append(cast(table, i));
        }
        return sql.toString();
    }

    private static String cast(CasinoTables.Table table, int column) {
        String type = table.types().get(column);
        return type.equals("text") ? "u.c" + column : "u.c" + column + "::" + type;
    }

    private static String aliases(int count) {
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < count; i++) {
            aliases.append(i > 0 ? ", " : "").append('c').append(i);
        }
        return aliases.toString();
    }

    private final class Writer implements SinkWriter<TableRow> {
        private final ProcessingTimeService time;
        private final Counter rowsWritten;
        private final Counter flushes;

        private final RowBatch batch = new RowBatch(holdMillis);

        /**
         * Writes the batches, one at a time and in order, while the task goes on: the task thread
         * would otherwise wait for Postgres on every flush, and with it the operators chained
         * before it and, by backpressure, the source.
         */
        private final ExecutorService io =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "postgres-table-writer");
                            t.setDaemon(true);
                            return t;
                        });

        /** The batch being written, which returns its row count; null when none is. */
        private Future<Integer> inFlight;

        // Used by the io thread only.
        private final Map<String, PreparedStatement[]> statements = new HashMap<>();
        private boolean timerSet;
        private Connection connection;

        Writer(ProcessingTimeService time, Counter rowsWritten, Counter flushes) {
            this.time = time;
            this.rowsWritten = rowsWritten;
            this.flushes = flushes;
        }

        @Override
        public void write(TableRow row, Context context) throws IOException {
            batch.add(row, time.getCurrentProcessingTime());
            if (batch.readyRows() >= maxRows) {
                flushBatch();
            }
            scheduleFlush();
        }

        /** One timer at a time, while rows wait: it writes the ready ones and releases holds. */
        private void scheduleFlush() {
            // Without an interval, ready rows wait for a full batch or a checkpoint; held rows
            // (only ever held with a hold > 0) are still released when their hold is over.
            boolean waiting = batch.heldRows() > 0 || (batch.readyRows() > 0 && intervalMillis > 0);
            if (timerSet || !waiting) {
                return;
            }
            timerSet = true;
            time.registerTimer(
                    time.getCurrentProcessingTime()
                            + (intervalMillis > 0 ? intervalMillis : holdMillis),
                    now -> {
                        timerSet = false;
                        batch.releaseDue(now);
                        flushBatch();
                        scheduleFlush();
                    });
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            // Before a checkpoint's barrier and at the end: nothing may stay behind, held or not,
            // and nothing may still be on its way.
            batch.releaseAll();
            flushBatch();
            awaitInFlight();
        }

        /**
         * Hands the ready rows to the io thread, after the batch before them is written: one batch
         * at a time keeps each key's rows in order and bounds what waits in memory. A failed write
         * fails the task here, at the next flush.
         */
        private void flushBatch() throws IOException {
            if (batch.readyRows() == 0) {
                return;
            }
            awaitInFlight();
            Map<String, ? extends Map<String, TableRow>> rows = batch.takeReady();
            inFlight = io.submit(() -> write(rows));
        }

        private void awaitInFlight() throws IOException {
            if (inFlight == null) {
                return;
            }
            try {
                rowsWritten.inc(inFlight.get());
                flushes.inc();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
                inFlight = null;
            }
        }

        /** On the io thread: writes one batch, with retries; the number of rows written. */
        private int write(Map<String, ? extends Map<String, TableRow>> rows) throws IOException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return writeBatch(rows);
                } catch (SQLException e) {
                    closeConnection();
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new IOException(
                                "Writing the casino tables failed " + attempt + " times", e);
                    }
                    LOG.warn("Writing the casino tables failed, retrying: {}", e.getMessage());
                    try {
                        Thread.sleep(200L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IOException(interrupted);
                    }
                }
            }
        }

        /** Writes the whole batch in one transaction; the number of rows written. */
        private int writeBatch(Map<String, ? extends Map<String, TableRow>> rows)
                throws SQLException {
            Connection c = connection();
            int written = 0;
            try {
                for (Map.Entry<String, ? extends Map<String, TableRow>> e : rows.entrySet()) {
                    CasinoTables.Table table = CasinoTables.table(e.getKey());
                    List<TableRow> upserts = new ArrayList<>(e.getValue().size());
                    List<TableRow> deletes = new ArrayList<>();
                    for (TableRow row : e.getValue().values()) {
                        (row.deleted ? deletes : upserts).add(row);
                    }
                    PreparedStatement[] ps =
                            statements.computeIfAbsent(e.getKey(), t -> new PreparedStatement[2]);
                    if (!deletes.isEmpty()) {
                        if (ps[1] == null) {
                            ps[1] = c.prepareStatement(deleteSql(table));
                        }
                        execute(c, ps[1], deletes, table.keyCount());
                    }
                    if (!upserts.isEmpty()) {
                        if (ps[0] == null) {
                            ps[0] = c.prepareStatement(upsertSql(table));
                        }
                        execute(c, ps[0], upserts, table.columns().size());
                    }
                    written += upserts.size() + deletes.size();
                }
                c.commit();
                return written;
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is dropped and made again
                }
                throw e;
            }
        }

        private void execute(Connection c, PreparedStatement ps, List<TableRow> rows, int columns)
                throws SQLException {
            Array[] arrays = new Array[columns];
            for (int column = 0; column < columns; column++) {
                String[] values = new String[rows.size()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = rows.get(r).values[column];
                }
                arrays[column] = c.createArrayOf("text", values);
                ps.setArray(column + 1, arrays[column]);
            }
            ps.executeUpdate();
            for (Array array : arrays) {
                array.free();
            }
        }

        private Connection connection() throws SQLException {
            if (connection == null) {
                Properties properties = new Properties();
                if (user != null && !user.isEmpty()) {
                    properties.setProperty("user", user);
                }
                if (password != null && !password.isEmpty()) {
                    properties.setProperty("password", password);
                }
                connection = DriverManager.getConnection(url, properties);
                connection.setAutoCommit(false);
            }
            return connection;
        }

        private void closeConnection() {
            statements.clear();
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
                connection = null;
            }
        }

        @Override
        public void close() throws Exception {
            // After flush(true) nothing is in flight; on a cancellation a write may be, and it is
            // given up: the restarted job writes those rows again.
            io.shutdownNow();
            io.awaitTermination(10, TimeUnit.SECONDS);
            closeConnection();
        }
    }
}
