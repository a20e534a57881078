package io.chainplay.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * The Chainplay API: REST over the Postgres tables that the pipelines write.
 *
 * <p>It only reads: every row it serves is an idempotent upsert by a Flink job, so the API never
 * computes results of its own. Flyway migrates the database at start from the {@code
 * chainplay-schemas-sql} jar, the same migrations the launcher and the tests use. Configuration is
 * {@code application.yml} with {@code CHAINPLAY_*} environment variables.
 */
@SpringBootApplication
public class ChainplayApiApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ChainplayApiApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(ChainplayApiApplication.class, args);
    }

    // The launcher picks a free port when 8080 is taken; one plain line tells the operator which.
    @EventListener
    void onListening(WebServerInitializedEvent event) {
        LOG.info(
                "Chainplay API listening on http://localhost:{} (try /health)",
                event.getWebServer().getPort());
    }
}
