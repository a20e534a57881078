package io.chainplay.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real Postgres 17 server from zonky's binaries, started by this JVM.
 *
 * <p>With a data directory the cluster is created on first start and reused afterwards; without one
 * it lives in a temporary directory that is removed on {@link #close()}. Server settings (e.g.
 * {@code wal_level=logical} for CDC, {@code max_prepared_transactions} for XA) are passed in.
 * Authentication is {@code trust} on localhost for the user {@value #USER}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return server.getPort();
    }

    /** JDBC URL of one database, with the user in it. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + USER;
    }

    public DataSource dataSource(String database) {
        return server.getDatabase(USER, database);
    }

    /** Creates a database if it does not exist yet. */
    public Database createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "Database name must be lower-case letters, digits and _: " + name);
        }
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return new Database(name, jdbcUrl(name), USER, "");
    }

    /** Creates a new, empty database with a unique name. */
    public Database createDatabase() {
        return createDatabase("t_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not stop cleanly", e);
        }
    }

    /**
     * One database of the server.
     *
     * @param name database name
     * @param jdbcUrl URL including the user
     * @param user user name
     * @param password empty: the embedded server trusts localhost
     */
    public record Database(String name, String jdbcUrl, String user, String password) {}

    /** Settings of an {@link EmbeddedPostgres}. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private boolean stopOnJvmExit = true;
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {}

        /** Where the cluster lives; reused when it exists. Default: a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Listen port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Whether a JVM shutdown hook stops the server (default true). A launcher that stops its
         * services in order itself turns it off: shutdown hooks run concurrently, so the server
         * would go away while jobs still write to it.
         */
        public Builder stopOnJvmExit(boolean stop) {
            this.stopOnJvmExit = stop;
            return this;
        }

        /** A {@code postgresql.conf} setting, e.g. {@code wal_level=logical}. */
        public Builder serverConfig(String key, String value) {
            serverConfig.put(key, value);
            return this;
        }

        public Builder serverConfig(Map<String, String> settings) {
            serverConfig.putAll(settings);
            return this;
        }

        public EmbeddedPostgres start() {
            var builder =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setRegisterShutdownHook(stopOnJvmExit);
            if (dataDir != null) {
                try {
                    Files.createDirectories(dataDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create Postgres data dir " + dataDir, e);
                }
                // Keep the cluster across restarts; zonky runs initdb only when it is missing.
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (port != 0) {
                if (!FreePorts.isFree(port)) {
                    throw new IllegalStateException(
                            "Postgres port " + port + " is taken; choose another or pass 0");
                }
                builder.setPort(port);
            }
            serverConfig.forEach(builder::setServerConfig);
            long started = System.nanoTime();
            try {
                EmbeddedPostgres postgres = new EmbeddedPostgres(builder.start());
                LOG.info(
                        "Postgres up at localhost:{} in {} ms{}",
                        postgres.port(),
                        (System.nanoTime() - started) / 1_000_000,
                        dataDir == null ? "" : " (data in " + dataDir + ")");
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("Postgres did not start", e);
            }
        }
    }
}
