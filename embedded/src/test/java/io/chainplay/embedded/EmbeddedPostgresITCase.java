package io.chainplay.embedded;

import io.chainplay.embedded.junit.PostgresExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresITCase {

    @RegisterExtension
    static final PostgresExtension POSTGRES =
            new PostgresExtension(
                    Map.of("wal_level", "logical", "max_prepared_transactions", "10"));

    @Test
    void appliesTheServerSettingsPassedIn() throws Exception {
        EmbeddedPostgres.Database db = POSTGRES.createDatabase();

        assertThat(setting(db, "wal_level")).isEqualTo("logical");
        assertThat(setting(db, "max_prepared_transactions")).isEqualTo("10");
        assertThat(setting(db, "server_version")).startsWith("17.");
    }

    @Test
    void eachDatabaseIsFreshAndSeparate() throws Exception {
        EmbeddedPostgres.Database first = POSTGRES.createDatabase();
        EmbeddedPostgres.Database second = POSTGRES.createDatabase();
        try (Connection c = DriverManager.getConnection(first.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x int)");
        }

        try (Connection c = DriverManager.getConnection(second.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM information_schema.tables"
                                        + " WHERE table_name = 't'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        assertThat(first.name()).isNotEqualTo(second.name());
    }

    @Test
    void keepsDataAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.builder().dataDir(dir).start()) {
            first.createDatabase("kept");
            try (Connection c = DriverManager.getConnection(first.jdbcUrl("kept"));
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x int); INSERT INTO t VALUES (42)");
            }
        }

        try (EmbeddedPostgres second = EmbeddedPostgres.builder().dataDir(dir).start();
                Connection c = DriverManager.getConnection(second.jdbcUrl("kept"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT x FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    private static String setting(EmbeddedPostgres.Database db, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
