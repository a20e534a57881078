package io.chainplay.bench.casino;

import io.chainplay.bench.Report;
import io.chainplay.embedded.EmbeddedKafka;
import io.chainplay.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The casino benchmark at a tiny scale: its job and its baseline compute the same bets and totals
 * from the same events (so the ratio compares equal work), and a quick run reports every figure.
 * The figures themselves mean nothing here.
 */
class CasinoJobBenchITCase {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.builder().start();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theJobWritesTheSameBetsAndTotalsAsTheSeedProcessor(@TempDir Path data) throws Exception {
        String topic = "raw.solana.fare_vault." + UUID.randomUUID();
        kafka.createTopic(topic, CasinoJobBench.PARTITIONS);
        long produced = BenchInput.produce(kafka.bootstrapServers(), topic, 3_000, 100, 40);

        CasinoJobBench.JobRun run = CasinoJobBench.job(kafka, postgres, topic, data, 0);
        EmbeddedPostgres.Database seed = postgres.createDatabase();
        SeedProcessor.createSchema(seed.jdbcUrl());
        SeedProcessor.run(kafka.bootstrapServers(), topic, seed.jdbcUrl(), produced);

        String job = run.db().jdbcUrl();
        assertThat(run.bets()).isGreaterThan(300);
        // The input ends with every bet resolved.
        assertThat(rows(job, "SELECT status, count(*) FROM casino.bets GROUP BY status"))
                .containsExactly("settled|" + run.bets());
        assertThat(
                        rows(
                                job,
                                "SELECT trial_id, pool_id, player, wager, result_k, payout,"
                                        + " delta_amount FROM casino.bets"))
                .hasSize((int) run.bets())
                .containsExactlyInAnyOrderElementsOf(
                        rows(
                                seed.jdbcUrl(),
                                "SELECT trial_id, pool_id, who, multiplier, result_k, payout,"
                                        + " delta_amount FROM seed.trials"));
        assertThat(
                        rows(
                                job,
                                "SELECT pool_id, player, bets, wins, wagered, paid_out"
                                        + " FROM casino.player_stats"))
                .hasSizeGreaterThan(40)
                .containsExactlyInAnyOrderElementsOf(
                        rows(
                                seed.jdbcUrl(),
                                "SELECT pool_id, wallet, total_bets, total_wins, total_wagered,"
                                        + " total_payout FROM seed.players"));
        assertThat(
                        rows(
                                job,
                                "SELECT pool_id, plays, wagered, paid_out, fees"
                                        + " FROM casino.pool_stats"))
                .hasSize(4)
                .containsExactlyInAnyOrderElementsOf(
                        rows(
                                seed.jdbcUrl(),
                                "SELECT pool_id, total_plays, total_wagered, total_payout,"
                                        + " total_fees FROM seed.casino_stats"));
    }

    @Test
    void aQuickRunReportsTheJobBesideBothReferencesAndTheTargets() throws Exception {
        Report report = new CasinoJobBench().run(true);

        assertThat(report.figures())
                .extracting(Report.Figure::role)
                .containsExactly(
                        Report.Role.MEASURED,
                        Report.Role.CEILING,
                        Report.Role.BASELINE,
                        Report.Role.TARGET,
                        Report.Role.TARGET);
        assertThat(report.figures()).allSatisfy(f -> assertThat(f.value()).isPositive());
    }

    /** Each row as its columns' text joined by '|'. */
    private static List<String> rows(String jdbcUrl, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
