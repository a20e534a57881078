package io.chainplay.embedded.junit;

import io.chainplay.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;

import java.util.Map;

/**
 * Starts one real Postgres server per test class; each test takes a fresh database from it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension POSTGRES = new PostgresExtension(Map.of("wal_level", "logical"));
 *
 * @Test void test() { EmbeddedPostgres.Database db = POSTGRES.createDatabase(); ... }
 * }</pre>
 *
 * <p>A database rather than a schema per test: the migrations own the schema names ({@code casino},
 * {@code earnings}, ...), so every test gets the real layout.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> serverConfig;
    private EmbeddedPostgres server;

    public PostgresExtension() {
        this(Map.of());
    }

    /** With {@code postgresql.conf} settings such as {@code wal_level=logical}. */
    public PostgresExtension(Map<String, String> serverConfig) {
        this.serverConfig = Map.copyOf(serverConfig);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedPostgres.builder().serverConfig(serverConfig).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public EmbeddedPostgres server() {
        if (server == null) {
            throw new IllegalStateException(
                    "Postgres is not running: register the extension on a static field with"
                            + " @RegisterExtension");
        }
        return server;
    }

    /** A new, empty database with a unique name. */
    public EmbeddedPostgres.Database createDatabase() {
        return server().createDatabase();
    }

    public DataSource dataSource(EmbeddedPostgres.Database database) {
        return server().dataSource(database.name());
    }
}
