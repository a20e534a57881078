package io.chainplay.pipelines.casino;

import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.PostgresExtension;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.SimpleCounter;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The table sink's writer against a real Postgres, on a clock and timers driven by hand: what it
 * holds back, when it writes, and that a write failing on its io thread fails the task.
 */
class PostgresTableSinkITCase {

    private static final long INTERVAL = 200;
    private static final long HOLD = 5_000;

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

    private EmbeddedPostgres.Database db;
    private final ManualTime time = new ManualTime();
    private final SimpleCounter rows = new SimpleCounter();

    @BeforeEach
    void migrate() throws SQLException {
        db = POSTGRES.createDatabase();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            // Every row version Postgres writes to casino.bets, for the tests to count.
            c.createStatement()
                    .execute(
                            """
                            CREATE TABLE bet_writes (n serial, trial_id text, op text);
                            CREATE FUNCTION record_bet_write() RETURNS trigger AS $$
                            BEGIN
                                INSERT INTO bet_writes (trial_id, op) VALUES (NEW.trial_id, TG_OP);
                                RETURN NEW;
                            END $$ LANGUAGE plpgsql;
                            CREATE TRIGGER bet_writes AFTER INSERT OR UPDATE ON casino.bets
                                FOR EACH ROW EXECUTE FUNCTION record_bet_write();
                            """);
        }
    }

    @Test
    void writesAPlacedBetSettledWithinTheHoldOnlyAsSettled() throws Exception {
        try (SinkWriter<TableRow> writer = writer(db.jdbcUrl())) {
            writer.write(bet("t1", "placed"), null);
            time.advance(INTERVAL); // a flush: the placed row is held
            writer.write(bet("t2", "settled"), null);
            time.advance(INTERVAL); // t2 is written, t1 still held
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses().containsKey("t2"));
            assertThat(statuses()).doesNotContainKey("t1");

            writer.write(bet("t1", "settled"), null);
            time.advance(INTERVAL);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "settled".equals(statuses().get("t1")));
            writer.flush(false);
            assertThat(statuses())
                    .containsExactly(Map.entry("t1", "settled"), Map.entry("t2", "settled"));
            assertThat(writes("t1")).containsExactly("INSERT"); // never written as placed
        }
    }

    @Test
    void writesAPlacedBetWhenItsHoldIsOverOrAtACheckpoint() throws Exception {
        try (SinkWriter<TableRow> writer = writer(db.jdbcUrl())) {
            writer.write(bet("t1", "placed"), null);
            time.advance(INTERVAL);
            writer.write(bet("t2", "placed"), null);
            time.advance(HOLD - INTERVAL); // t1's hold is over, t2's is not

            await().atMost(Duration.ofSeconds(10)).until(() -> statuses().containsKey("t1"));
            assertThat(statuses()).containsExactly(Map.entry("t1", "placed"));

            writer.flush(false); // a checkpoint: returns once everything is in Postgres
            assertThat(statuses())
                    .containsExactly(Map.entry("t1", "placed"), Map.entry("t2", "placed"));
            assertThat(rows.getCount()).isEqualTo(2);
        }
    }

    @Test
    void aWriteThatFailsOnTheIoThreadFailsTheNextFlush() throws Exception {
        // Nothing listens on port 1: every attempt fails to connect.
        try (SinkWriter<TableRow> writer = writer("jdbc:postgresql://127.0.0.1:1/none")) {
            writer.write(bet("t1", "settled"), null);

            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Writing the casino tables failed 3 times");
        }
    }

    private SinkWriter<TableRow> writer(String url) {
        return new PostgresTableSink(url, db.user(), db.password(), 5_000, INTERVAL, HOLD)
                .createWriter(time, rows, new SimpleCounter());
    }

    private Map<String, String> statuses() throws SQLException {
        Map<String, String> statuses = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                ResultSet rs =
                        c.createStatement()
                                .executeQuery("SELECT trial_id, status FROM casino.bets")) {
            while (rs.next()) {
                statuses.put(rs.getString(1), rs.getString(2));
            }
        }
        return statuses;
    }

    /** The writes Postgres made to a bet's row, as the test's trigger recorded them. */
    private List<String> writes(String trial) throws SQLException {
        List<String> writes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var ps =
                        c.prepareStatement(
                                "SELECT op FROM bet_writes WHERE trial_id = ? ORDER BY n")) {
            ps.setString(1, trial);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    writes.add(rs.getString(1));
                }
            }
        }
        return writes;
    }

    private static TableRow bet(String trial, String status) {
        BetRow row = new BetRow();
        row.trialId = trial;
        row.poolId = "pool";
        row.player = "player";
        row.wager = BigInteger.TEN;
        row.qkJson = "[]";
        row.extraDataHash = "0x00";
        row.status = status;
        row.registeredEventId = "solana:sig-" + trial + ":0:0";
        row.registeredSignature = "sig-" + trial;
        row.registeredSlot = 1;
        row.registeredAt = 1_767_225_600_000L;
        return CasinoTables.bet(row);
    }

    /** Processing time moved by hand; timers fire when it passes them, on the caller's thread. */
    private static final class ManualTime implements ProcessingTimeService {
        private long now = 1_000_000;
        private final List<Object[]> timers = new ArrayList<>();

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            timers.add(new Object[] {timestamp, callback});
            return null;
        }

        void advance(long millis) throws Exception {
            now += millis;
            List<Object[]> due = new ArrayList<>();
            timers.removeIf(t -> (long) t[0] <= now && due.add(t));
            for (Object[] t : due) {
                ((ProcessingTimeCallback) t[1]).onProcessingTime(now);
            }
        }
    }
}
