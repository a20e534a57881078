package io.chainplay.api.health;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(HealthController.class)
class HealthControllerTest {

    @Autowired private MockMvc mvc;
    @MockitoBean private DataSource dataSource;

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
                                        {"status": "DOWN", "components": {"db": {"status": "DOWN",
                                          "reason": "SELECT 1 failed: Connection to localhost:5432 refused"}}}
                                        """,
                                        JsonCompareMode.STRICT));
    }

    @Test
    void isDownWhenTheQueryTimesOutAndSetsAShortTimeout() throws Exception {
        Connection connection = mock(Connection.class);
        Statement statement = mock(Statement.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.createStatement()).thenReturn(statement);
        when(statement.executeQuery(anyString()))
                .thenThrow(new SQLTimeoutException("canceling statement due to statement timeout"));

        mvc.perform(get("/health"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"status": "DOWN", "components": {"db": {"status": "DOWN",
                                          "reason": "SELECT 1 failed: canceling statement due to statement timeout"}}}
                                        """,
                                        JsonCompareMode.STRICT));
        verify(statement).setQueryTimeout(HealthController.QUERY_TIMEOUT_SECONDS);
    }
    // UP is asserted against a real Postgres in ApiITCase.
}
