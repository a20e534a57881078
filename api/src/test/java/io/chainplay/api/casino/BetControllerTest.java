package io.chainplay.api.casino;

import io.chainplay.api.TestKeys;
import io.chainplay.api.WebSliceConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(BetController.class)
@Import(WebSliceConfig.class)
class BetControllerTest {

    private static final String ALICE = TestKeys.of("alice");

    @Autowired private MockMvc mvc;
    @MockitoBean private CasinoRepository repository;

    @Test
    void defaultsToTwentyBetsOfEveryone() throws Exception {
        when(repository.findBets(new BetQuery(null, null, null, null, 20))).thenReturn(List.of());

        mvc.perform(get("/api/bets"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        "{\"bets\": [], \"nextCursor\": null}",
                                        JsonCompareMode.STRICT));
        verify(repository).findBets(new BetQuery(null, null, null, null, 20));
    }

    @Test
    void passesThePlayerAndLimitThrough() throws Exception {
        when(repository.findBets(new BetQuery(ALICE, null, null, null, 100))).thenReturn(List.of());

        mvc.perform(get("/api/bets").param("player", ALICE).param("limit", "100"))
                .andExpect(status().isOk());
        verify(repository).findBets(new BetQuery(ALICE, null, null, null, 100));
    }

    @Test
    void writesAnUnresolvedBetWithNullsAndStringAmounts() throws Exception {
        Bet bet =
                new Bet(
                        "trial-1",
                        "pool-a",
                        ALICE,
                        new BigInteger("18446744073709551615"),
                        "[[0.5, 2.0], [0.5, 0.0]]",
                        "hash",
                        "placed",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "sig-1",
                        301_000_000L,
                        Instant.parse("2025-06-01T12:00:00.123456Z"),
                        null,
                        null,
                        null,
                        null);
        when(repository.findBets(new BetQuery(null, null, null, null, 1))).thenReturn(List.of(bet));

        mvc.perform(get("/api/bets").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"bets": [{
                                          "trialId": "trial-1", "poolId": "pool-a", "player": "%s",
                                          "wager": "18446744073709551615",
                                          "qk": [[0.5, 2.0], [0.5, 0.0]],
                                          "extraDataHash": "hash", "status": "placed",
                                          "resultIndex": null, "randomness": null, "resultK": null,
                                          "payout": null, "deltaAmount": null, "won": null,
                                          "registeredSignature": "sig-1",
                                          "registeredSlot": 301000000,
                                          "registeredAt": "2025-06-01T12:00:00.123456Z",
                                          "resolvedSignature": null, "resolvedSlot": null,
                                          "resolvedAt": null, "expiredAt": null}],
                                         "nextCursor": "MjAyNS0wNi0wMVQxMjowMDowMC4xMjM0NTZaCnRyaWFsLTE"}
                                        """
                                                .formatted(ALICE),
                                        JsonCompareMode.STRICT));
    }

    @Test
    void filtersByPoolAndStatusAndPagesFromTheCursor() throws Exception {
        String pool = TestKeys.of("pool");
        var after =
                new io.chainplay.api.Pages.TimeCursor(
                        Instant.parse("2025-06-01T12:00:00.123456Z"), "trial-1");
        when(repository.findBets(new BetQuery(null, pool, "settled", after, 5)))
                .thenReturn(List.of());

        mvc.perform(
                        get("/api/bets")
                                .param("pool", pool)
                                .param("status", "settled")
                                .param("cursor", after.encode())
                                .param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        "{\"bets\": [], \"nextCursor\": null}",
                                        JsonCompareMode.STRICT));
        verify(repository).findBets(new BetQuery(null, pool, "settled", after, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=won", "cursor=%%%", "cursor=bm90LWEtY3Vyc29y", "pool=nope"})
    void rejectsBadFiltersAndCursors(String query) throws Exception {
        mvc.perform(get("/api/bets?" + query.replace("%%%", "%25%25")))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.code")
                                .value(
                                        org.hamcrest.Matchers.oneOf(
                                                "invalid_status",
                                                "invalid_cursor",
                                                "invalid_pool")));
        verify(repository, never()).findBets(any());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1000})
    void rejectsALimitOutsideOneToAHundred(int limit) throws Exception {
        mvc.perform(get("/api/bets").param("limit", String.valueOf(limit)))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "invalid_limit",
                                         "message": "Parameter 'limit' must be between 1 and 100, got %d"}
                                        """
                                                .formatted(limit),
                                        JsonCompareMode.STRICT));
        verify(repository, never()).findBets(any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "99999999999"})
    void rejectsALimitThatIsNotAnInteger(String limit) throws Exception {
        mvc.perform(get("/api/bets").param("limit", limit))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "invalid_limit",
                                         "message": "Parameter 'limit' must be an integer, got '%s'"}
                                        """
                                                .formatted(limit),
                                        JsonCompareMode.STRICT));
        verify(repository, never()).findBets(any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "So1111111111111111111111111111111111111111O"})
    void rejectsAPlayerThatIsNotAPublicKey(String player) throws Exception {
        mvc.perform(get("/api/bets").param("player", player))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "invalid_player",
                                         "message": "Parameter 'player' must be a Solana public key (base58 of 32 bytes), got '%s'"}
                                        """
                                                .formatted(player),
                                        JsonCompareMode.STRICT));
        verify(repository, never()).findBets(any());
    }

    @Test
    void cutsLongInputShortInTheMessage() throws Exception {
        String player = "x".repeat(500);
        mvc.perform(get("/api/bets").param("player", player))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "invalid_player",
                                         "message": "Parameter 'player' must be a Solana public key (base58 of 32 bytes), got '%s...'"}
                                        """
                                                .formatted("x".repeat(64)),
                                        JsonCompareMode.STRICT));
    }

    @Test
    void answersAnUnknownRouteWithA404Body() throws Exception {
        mvc.perform(get("/api/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "not_found", "message": "No endpoint GET /api/nothing-here"}
                                        """,
                                        JsonCompareMode.STRICT));
    }

    @Test
    void answersAWrongMethodWithA405Body() throws Exception {
        mvc.perform(post("/api/bets"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET"))
                .andExpect(
                        content()
                                .json(
                                        """
                                        {"code": "method_not_allowed",
                                         "message": "Method 'POST' is not supported."}
                                        """,
                                        JsonCompareMode.STRICT));
    }
}
