package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.Faults.Kind;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    private static final String GET_SLOT = TestRpc.request(1, "getSlot").toString();
    private static SolanaDevnet devnet;
    private static TestRpc rpc;

    @BeforeAll
    static void start() {
        devnet = SolanaDevnet.builder().manualClock().seed(9).start();
        devnet.advance(40);
        rpc = new TestRpc(devnet.url());
    }

    @AfterAll
    static void stop() {
        devnet.close();
    }

    @AfterEach
    void clear() {
        devnet.faults().clear();
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        devnet.faults().rateLimit(0, Duration.ofSeconds(3)).injectNext(Kind.RATE_LIMIT, 2);
        long before = devnet.faults().injected(Kind.RATE_LIMIT);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = rpc.post(GET_SLOT);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("3");
            JsonNode body = TestRpc.readTree(limited.body());
            assertThat(body.get("error").get("code").asInt()).isEqualTo(429);
        }
        assertThat(rpc.post(GET_SLOT).statusCode()).isEqualTo(200);
        assertThat(devnet.faults().injected(Kind.RATE_LIMIT) - before).isEqualTo(2);
    }

    @Test
    void fractionsApplyPerRequest() {
        devnet.faults().rateLimit(0.5, Duration.ofSeconds(1));
        int limited = 0;
        for (int i = 0; i < 200; i++) {
            if (rpc.post(GET_SLOT).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isBetween(60, 140);
        devnet.faults().clear();
        assertThat(rpc.post(GET_SLOT).statusCode()).isEqualTo(200);
        devnet.faults().rateLimit(1, Duration.ofSeconds(1));
        assertThat(rpc.post(GET_SLOT).statusCode()).isEqualTo(429);
    }

    @Test
    void serverErrorsAre5xx() {
        devnet.faults().injectNext(Kind.SERVER_ERROR, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(rpc.post(GET_SLOT).statusCode()).isIn(500, 502, 503);
        }
        assertThat(rpc.post(GET_SLOT).statusCode()).isEqualTo(200);
    }

    @Test
    void slowResponsesArriveLate() {
        devnet.faults().slow(0, Duration.ofMillis(700)).injectNext(Kind.SLOW, 1);
        long started = System.nanoTime();
        HttpResponse<String> response = rpc.post(GET_SLOT);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestRpc.readTree(response.body()).get("result").asLong())
                .isEqualTo(devnet.slot(Commitment.FINALIZED));
        assertThat(millis).isGreaterThanOrEqualTo(700);
    }

    @Test
    void timeoutsNeverAnswer() {
        devnet.faults().timeouts(0, Duration.ofSeconds(2)).injectNext(Kind.TIMEOUT, 2);
        assertThatThrownBy(() -> rpc.post(GET_SLOT, Duration.ofMillis(300)))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        // A client that waits longer sees the connection closed without a response.
        assertThatThrownBy(() -> rpc.post(GET_SLOT, Duration.ofSeconds(10)))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(rpc.post(GET_SLOT).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsCanBeSetAtBuildTime() {
        try (SolanaDevnet limited =
                SolanaDevnet.builder()
                        .manualClock()
                        .faults(f -> f.rateLimit(1, Duration.ofSeconds(2)))
                        .start()) {
            HttpResponse<String> response = new TestRpc(limited.url()).post(GET_SLOT);
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).contains("2");
        }
    }
}
