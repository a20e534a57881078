package io.chainplay.devnet.solana;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SolanaDevnetMainTest {

    @Test
    void parsesOptionsIntoTheBuilder() {
        SolanaDevnet.Builder builder =
                SolanaDevnetMain.parse(
                        new String[] {
                            "--port",
                            "0",
                            "--seed",
                            "12",
                            "--rate",
                            "3.5",
                            "--players",
                            "7",
                            "--slot-ms",
                            "100",
                            "--forks",
                            "0.01",
                            "--fork-length",
                            "5",
                            "--genesis-time",
                            "2025-10-28T18:00:00Z",
                            "--rate-limit",
                            "0.25"
                        });
        assertThat(builder.port).isZero();
        assertThat(builder.seed).isEqualTo(12L);
        assertThat(builder.transactionsPerSecond).isEqualTo(3.5);
        assertThat(builder.players).isEqualTo(7);
        assertThat(builder.slotTime.toMillis()).isEqualTo(100);
        assertThat(builder.forkProbability).isEqualTo(0.01);
        assertThat(builder.forkLength).isEqualTo(5);
        assertThat(builder.genesisTime.getEpochSecond()).isEqualTo(1_761_674_400L);
    }

    @Test
    void defaultsToSolanasRpcPortAndRefusesNonsense() {
        assertThat(SolanaDevnetMain.parse(new String[0]).port).isEqualTo(8899);
        assertThat(SolanaDevnetMain.parse(new String[] {"--help"})).isNull();
        assertThatThrownBy(() -> SolanaDevnetMain.parse(new String[] {"--port"}))
                .hasMessageContaining("Missing value for --port");
        assertThatThrownBy(() -> SolanaDevnetMain.parse(new String[] {"--rate", "fast"}))
                .hasMessageContaining("Bad value for --rate: fast");
        assertThatThrownBy(() -> SolanaDevnetMain.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("Unknown option --colour");
    }

    @Test
    void builderChecksSayWhatToFix() {
        assertThatThrownBy(() -> SolanaDevnet.builder().forks(0.1, 40, 0.5).start())
                .hasMessageContaining("Fork length must be above the confirmed lag");
        assertThatThrownBy(() -> SolanaDevnet.builder().skippedSlotFraction(1.5))
                .hasMessageContaining("skippedSlotFraction is a fraction in [0, 1]");
        assertThatThrownBy(() -> SolanaDevnet.builder().players(0))
                .hasMessageContaining("players must be at least 1");
        try (SolanaDevnet devnet = SolanaDevnet.builder().start()) {
            assertThatThrownBy(() -> devnet.advance(1)).hasMessageContaining("manualClock()");
            assertThat(devnet.url()).startsWith("http://127.0.0.1:").endsWith("/");
        }
    }
}
