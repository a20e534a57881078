package io.chainplay.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * The Chainplay API: REST over the Postgres tables that the pipelines write.
 *
 * <p>It reads what the pipelines write: every row it serves is an idempotent upsert by a Flink job,
 * and every feed message it relays comes from a {@code feed.*} Kafka topic as the job wrote it; the
 * only rows it writes are its own sign-in nonces and players. Flyway migrates the database at start
 * from the {@code chainplay-schemas-sql} jar, the same migrations the launcher and the tests use.
 * Configuration is {@code application.yml} with {@code CHAINPLAY_*} environment variables.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ChainplayApiApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ChainplayApiApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(ChainplayApiApplication.class, args);
    }

    /** The clock every time check reads; tests replace it to replay the fixtures' timestamps. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    // The launcher picks a free port when 8080 is taken; one plain line tells the operator which.
    @EventListener
    void onListening(WebServerInitializedEvent event) {
        LOG.info(
                "Chainplay API listening on http://localhost:{} (try /health)",
                event.getWebServer().getPort());
    }
}
