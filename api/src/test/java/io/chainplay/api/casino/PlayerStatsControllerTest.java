package io.chainplay.api.casino;

import io.chainplay.api.TestKeys;
import io.chainplay.api.WebSliceConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PlayerStatsController.class)
@Import(WebSliceConfig.class)
class PlayerStatsControllerTest {

    private static final String ALICE = TestKeys.of("alice");

    @Autowired private MockMvc mvc;
    @MockitoBean private CasinoRepository repository;

    @Test
    void sumsPoolsAndWritesAmountsAsStrings() throws Exception {
        when(repository.findPlayerStats(ALICE))
                .thenReturn(
                        List.of(
                                new PoolStats(
                                        "pool-a",
                                        new StatsTotals(
                                                2,
                                                1,
                                                1,
                                                0,
                                                new BigInteger("9007199254740993"),
                                                new BigInteger("9007199254740994"),
                                                BigInteger.ONE),
                                        new BigInteger("18446744073709551616"),
                                        "trial-7",
                                        2,
                                        3,
                                        Instant.parse("2025-06-01T12:00:00Z"),
                                        Instant.parse("2025-06-02T08:30:00.5Z")),
                                new PoolStats(
                                        "pool-b",
                                        new StatsTotals(
                                                1,
                                                0,
                                                0,
                                                1,
                                                BigInteger.TEN,
                                                BigInteger.TEN,
                                                BigInteger.ZERO),
                                        null,
                                        null,
                                        0,
                                        0,
                                        null,
                                        null)));

        mvc.perform(get("/api/players/{wallet}/stats", ALICE))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"player": "%s",
                                         "totals": {"bets": 3, "wins": 1, "losses": 1, "pushes": 1,
                                                    "wagered": "9007199254741003",
                                                    "paidOut": "9007199254741004", "net": "1"},
                                         "pools": [
                                           {"poolId": "pool-a", "bets": 2, "wins": 1, "losses": 1,
                                            "pushes": 0, "wagered": "9007199254740993",
                                            "paidOut": "9007199254740994", "net": "1",
                                            "biggestWin": "18446744073709551616",
                                            "biggestWinTrial": "trial-7", "currentStreak": 2,
                                            "bestStreak": 3, "firstSeen": "2025-06-01T12:00:00Z",
                                            "lastSeen": "2025-06-02T08:30:00.500Z"},
                                           {"poolId": "pool-b", "bets": 1, "wins": 0, "losses": 0,
                                            "pushes": 1, "wagered": "10", "paidOut": "10",
                                            "net": "0", "biggestWin": null,
                                            "biggestWinTrial": null, "currentStreak": 0,
                                            "bestStreak": 0, "firstSeen": null, "lastSeen": null}]}
                                        """
                                                .formatted(ALICE),
                                        JsonCompareMode.STRICT));
    }

    @Test
    void rejectsAWalletThatIsNotAPublicKey() throws Exception {
        mvc.perform(get("/api/players/{wallet}/stats", "not-a-wallet"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "invalid_wallet",
                                         "message": "Wallet must be a Solana public key (base58 of 32 bytes), got 'not-a-wallet'"}
                                        """,
                                        JsonCompareMode.STRICT));
        verify(repository, never()).findPlayerStats(any());
    }

    @Test
    void rejectsBase58OfTheWrongLength() throws Exception {
        String twentyBytes =
                TestKeys.encode(
                        new byte[] {
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20
                        });
        mvc.perform(get("/api/players/{wallet}/stats", twentyBytes))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"code\": \"invalid_wallet\"}"));
    }

    @Test
    void answers404WhenThePlayerHasNoStats() throws Exception {
        when(repository.findPlayerStats(ALICE)).thenReturn(List.of());

        mvc.perform(get("/api/players/{wallet}/stats", ALICE))
                .andExpect(status().isNotFound())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "player_not_found",
                                         "message": "No casino stats for player %s (no settled bets)"}
                                        """
                                                .formatted(ALICE),
                                        JsonCompareMode.STRICT));
    }

    @Test
    void hidesUnexpectedFailuresBehindA500() throws Exception {
        when(repository.findPlayerStats(ALICE))
                .thenThrow(new IllegalStateException("relation casino.player_stats is broken"));

        mvc.perform(get("/api/players/{wallet}/stats", ALICE))
                .andExpect(status().isInternalServerError())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "internal_error",
                                         "message": "Internal error; the server log has the details"}
                                        """,
                                        JsonCompareMode.STRICT));
    }

    @ParameterizedTest
    @MethodSource("databaseDown")
    void answers503WhenTheDatabaseIsDown(RuntimeException failure) throws Exception {
        when(repository.findPlayerStats(ALICE)).thenThrow(failure);

        mvc.perform(get("/api/players/{wallet}/stats", ALICE))
                .andExpect(status().isServiceUnavailable())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "database_unavailable",
                                         "message": "The database is unavailable; try again later"}
                                        """,
                                        JsonCompareMode.STRICT));
    }

    // Outside a transaction the pool's timeout surfaces as the first, inside one as the second.
    static Stream<RuntimeException> databaseDown() {
        return Stream.of(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"),
                new CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction"));
    }
}
