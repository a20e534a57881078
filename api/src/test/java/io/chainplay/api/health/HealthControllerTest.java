package io.chainplay.api.health;

import io.chainplay.api.WebSliceConfig;
import io.chainplay.api.feed.FeedStatus;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The health routes with the database mocked and a stand-in Flink REST API answering with the
 * shapes of Flink 2.0's {@code /jobs/overview} and {@code /jobs/:id/checkpoints}.
 */
@WebMvcTest(HealthController.class)
@Import({WebSliceConfig.class, HealthProbes.class})
class HealthControllerTest {

    // What the stand-in Flink answers, by path.
    private static final Map<String, String> FLINK = new ConcurrentHashMap<>();
    private static final HttpServer FLINK_SERVER = startFlink();

    @Autowired private MockMvc mvc;
    @MockitoBean private DataSource dataSource;
    @MockitoBean private FeedStatus feed;

    @DynamicPropertySource
    static void flink(DynamicPropertyRegistry registry) {
        registry.add(
                "chainplay.flink.url",
                () -> "http://localhost:" + FLINK_SERVER.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stopFlink() {
        FLINK_SERVER.stop(0);
    }

    @BeforeEach
    void healthyFlink() throws InterruptedException {
        FLINK.clear();
        FLINK.put(
                "/jobs/overview",
                """
                {"jobs":[
                  {"jid":"aaa","name":"chainplay-casino","start-time":1000,"end-time":2000,
                   "duration":1000,"state":"FAILED","last-modification":2000,"tasks":{}},
                  {"jid":"bbb","name":"chainplay-casino","start-time":3000,"end-time":-1,
                   "duration":5000,"state":"RUNNING","last-modification":3000,"tasks":{}},
                  {"jid":"ccc","name":"chainplay-solana-ingest","start-time":2500,"end-time":-1,
                   "duration":5000,"state":"RUNNING","last-modification":2500,"tasks":{}}]}
                """);
        FLINK.put(
                "/jobs/bbb/checkpoints",
                """
                {"counts":{"restored":0,"total":19,"in_progress":0,"completed":18,"failed":1},
                 "latest":{"completed":{"id":18,"status":"COMPLETED","is_savepoint":false,
                   "trigger_timestamp":1748779190000,"latest_ack_timestamp":1748779200000,
                   "state_size":4096,"end_to_end_duration":120,"external_path":"file:/c/chk-18"},
                   "savepoint":null,"failed":null,"restored":null},"history":[]}
                """);
        FLINK.put(
                "/jobs/ccc/checkpoints",
                """
                {"counts":{"completed":0},"latest":{"completed":null,"savepoint":null,
                 "failed":null,"restored":null},"history":[]}
                """);
        Thread.sleep(HealthProbes.CACHE_MILLIS + 50); // past the previous test's cached probe
    }

    @Test
    void isDownWith503WhenNoConnectionCanBeHad() throws Exception {
        when(dataSource.getConnection())
                .thenThrow(new SQLException("Connection to localhost:5432 refused"));

        mvc.perform(get("/health"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"status": "DOWN", "components": {
                                          "db": {"status": "DOWN",
                                            "reason": "SELECT 1 failed: Connection to localhost:5432 refused"},
                                          "kafka": {"status": "DISABLED",
                                            "reason": "the feed relay is off (chainplay.feed.enabled=false)"},
                                          "flink": {"status": "UP"}}}
                                        """,
                                        JsonCompareMode.STRICT));
        mvc.perform(get("/health/db")).andExpect(status().isServiceUnavailable());
    }

    @Test
    void isDownWhenTheQueryTimesOutAndSetsAShortTimeout() throws Exception {
        Connection connection = mock(Connection.class);
        Statement statement = mock(Statement.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.createStatement()).thenReturn(statement);
        when(statement.executeQuery(anyString()))
                .thenThrow(new SQLTimeoutException("canceling statement due to statement timeout"));

        mvc.perform(get("/health/db"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"status": "DOWN",
                                         "reason": "SELECT 1 failed: canceling statement due to statement timeout"}
                                        """,
                                        JsonCompareMode.STRICT));
        verify(statement).setQueryTimeout(HealthProbes.TIMEOUT_SECONDS);
    }

    @Test
    void flinkShowsTheNewestRunOfEachJobWithItsLastCheckpoint() throws Exception {
        mvc.perform(get("/health/flink"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"status":"UP","url":"http://localhost:%d","jobs":[
                                          {"name":"chainplay-casino","id":"bbb","state":"RUNNING",
                                           "startTime":"1970-01-01T00:00:03Z",
                                           "lastCheckpoint":{"id":18,
                                             "completedAt":"2025-06-01T12:00:00Z",
                                             "durationMs":120,"stateSizeBytes":4096}},
                                          {"name":"chainplay-solana-ingest","id":"ccc","state":"RUNNING",
                                           "startTime":"1970-01-01T00:00:02.500Z",
                                           "lastCheckpoint":null}]}
                                        """
                                                .formatted(FLINK_SERVER.getAddress().getPort()),
                                        JsonCompareMode.LENIENT))
                .andExpect(jsonPath("$.jobs.length()").value(2))
                .andExpect(jsonPath("$.jobs[0].lastCheckpoint.ageSeconds").isNumber());
    }

    @Test
    void flinkIsDownWhenAJobRestartsAndHealthIsDegraded() throws Exception {
        FLINK.put(
                "/jobs/overview",
                FLINK.get("/jobs/overview")
                        .replace(
                                "\"state\":\"RUNNING\",\"last-modification\":3000",
                                "\"state\":\"RESTARTING\",\"last-modification\":3000"));
        Connection connection = mock(Connection.class);
        Statement statement = mock(Statement.class);
        ResultSet rows = mock(ResultSet.class);
        ResultSetMetaData meta = mock(ResultSetMetaData.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.createStatement()).thenReturn(statement);
        when(statement.executeQuery(anyString())).thenReturn(rows);
        when(rows.next()).thenReturn(true, false);
        when(rows.getMetaData()).thenReturn(meta);
        when(meta.getColumnCount()).thenReturn(1);
        when(rows.getInt(1)).thenReturn(1);

        mvc.perform(get("/health/flink"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"))
                .andExpect(jsonPath("$.reason").value("chainplay-casino is RESTARTING"));
        mvc.perform(get("/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DEGRADED"));
    }

    @Test
    void flinkIsDownWhenItsRestApiDoesNotAnswer() throws Exception {
        FLINK.clear(); // every path 404

        mvc.perform(get("/health/flink"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"))
                .andExpect(
                        jsonPath("$.reason")
                                .value(
                                        org.hamcrest.Matchers.containsString(
                                                "HTTP 404 for /jobs/overview")));
    }

    private static HttpServer startFlink() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        String body = FLINK.get(exchange.getRequestURI().getPath());
                        byte[] bytes =
                                (body == null ? "{\"errors\":[\"Not found\"]}" : body)
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                        exchange.getResponseBody().write(bytes);
                        exchange.close();
                    });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
