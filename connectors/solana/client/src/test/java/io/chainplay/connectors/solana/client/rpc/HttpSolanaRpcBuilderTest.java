package io.chainplay.connectors.solana.client.rpc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSolanaRpcBuilderTest {

    static HttpSolanaRpcBuilder valid() {
        return HttpSolanaRpc.builder().setEndpoints("https://api.mainnet-beta.solana.com");
    }

    @Test
    void defaultsBuild() {
        try (HttpSolanaRpc rpc = valid().build()) {
            assertThat(rpc.endpoints()).containsExactly("https://api.mainnet-beta.solana.com");
        }
    }

    @Test
    void endpointsAreShownWithoutSecrets() {
        try (HttpSolanaRpc rpc =
                HttpSolanaRpc.builder()
                        .setEndpoints(
                                "https://mainnet.helius-rpc.com/?api-key=SECRET",
                                "https://solana-mainnet.g.alchemy.com/v2/SECRET",
                                "http://localhost:8899")
                        .build()) {
            assertThat(rpc.endpoints())
                    .containsExactly(
                            "https://mainnet.helius-rpc.com?***",
                            "https://solana-mainnet.g.alchemy.com/***",
                            "http://localhost:8899");
            assertThat(rpc.toString()).doesNotContain("SECRET");
        }
    }

    @Test
    void missingEndpoint() {
        assertThatThrownBy(() -> HttpSolanaRpc.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No RPC endpoint set: call setEndpoints(");
    }

    @Test
    void badEndpoints() {
        assertThatThrownBy(() -> HttpSolanaRpc.builder().setEndpoints("ftp://node.example").build())
                .hasMessageContaining(
                        "RPC endpoint #1 must be an http:// or https:// URL with a host, got ftp://node.example");
        assertThatThrownBy(() -> HttpSolanaRpc.builder().setEndpoints("localhost:8899").build())
                .hasMessageContaining("must be an http:// or https:// URL");
        assertThatThrownBy(() -> HttpSolanaRpc.builder().setEndpoints("https://a b").build())
                .hasMessageContaining("RPC endpoint #1 is not a URL");
        assertThatThrownBy(
                        () ->
                                HttpSolanaRpc.builder()
                                        .setEndpoints(
                                                "https://x.io/?k=SECRET", "https://x.io/?k=SECRET")
                                        .build())
                .hasMessageContaining("RPC endpoint https://x.io?*** is listed twice")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void badTimesAndLimits() {
        assertThatThrownBy(() -> valid().setRequestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout must be positive, got PT0S");
        assertThatThrownBy(() -> valid().setConnectTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("connectTimeout must be positive");
        assertThatThrownBy(() -> valid().setInitialBackoff(Duration.ofMinutes(1)).build())
                .hasMessageContaining("initialBackoff (PT1M) must not exceed maxBackoff (PT30S)");
        assertThatThrownBy(() -> valid().setMaxAttempts(0).build())
                .hasMessageContaining("maxAttempts must be at least 1, got 0");
        assertThatThrownBy(() -> valid().setRateLimit(-1).build())
                .hasMessageContaining("rateLimit must be a finite number of calls per second >= 0");
        assertThatThrownBy(() -> valid().setRateLimit(Double.NaN).build())
                .hasMessageContaining("rateLimit must be");
        assertThatThrownBy(() -> valid().setRateLimit(5).setRateLimitBurst(0).build())
                .hasMessageContaining("rateLimitBurst must be at least 1");
        assertThatThrownBy(() -> valid().setMaxBatchSize(0).build())
                .hasMessageContaining("maxBatchSize must be 1..1000, got 0");
        assertThatThrownBy(() -> valid().setHeader("Content-Type", "text/plain").build())
                .hasMessageContaining("Header 'Content-Type' is set by the client itself");
    }

    @Test
    void commitmentNames() {
        assertThat(Commitment.CONFIRMED.wireName()).isEqualTo("confirmed");
        assertThat(Commitment.parse(" Finalized ")).isEqualTo(Commitment.FINALIZED);
        assertThatThrownBy(() -> Commitment.parse("rooted"))
                .hasMessage("Unknown commitment 'rooted': use processed, confirmed or finalized");
    }
}
