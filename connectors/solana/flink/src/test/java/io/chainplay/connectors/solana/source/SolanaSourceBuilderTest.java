package io.chainplay.connectors.solana.source;

import org.apache.flink.api.connector.source.Boundedness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SolanaSourceBuilderTest {

    private final SolanaChain.Factory chain =
            ScriptedChain.script(UUID.randomUUID().toString()).factory();

    @Test
    void needsAChain() {
        assertThatThrownBy(() -> SolanaSource.builder().build())
                .hasMessageContaining("No chain set: call setChain(");
    }

    @Test
    void aBoundedSourceNeedsAStartAndARange() {
        assertThatThrownBy(() -> SolanaSource.builder().setChain(chain).setBounded(10).build())
                .hasMessageContaining("needs a starting slot");
        assertThatThrownBy(
                        () ->
                                SolanaSource.builder()
                                        .setChain(chain)
                                        .setStartingSlot(20)
                                        .setBounded(10)
                                        .build())
                .hasMessageContaining("last slot 10 < starting slot 20");
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThatThrownBy(() -> SolanaSource.builder().setChain(chain).setSlotsPerSplit(0).build())
                .hasMessageContaining("Slots per split must be >= 1");
        assertThatThrownBy(
                        () ->
                                SolanaSource.builder()
                                        .setChain(chain)
                                        .setPollInterval(Duration.ZERO)
                                        .build())
                .hasMessageContaining("Poll interval must be positive");
        assertThatThrownBy(() -> SolanaSource.builder().setChain(chain).setStartingSlot(-1).build())
                .hasMessageContaining("Starting slot must be >= 0");
    }

    @Test
    void cutsABoundedRangeIntoChunks() throws Exception {
        SolanaSource source =
                SolanaSource.builder()
                        .setChain(chain)
                        .setStartingSlot(100)
                        .setBounded(350)
                        .setSlotsPerSplit(100)
                        .build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.initialSplits(2))
                .extracting(s -> s.firstSlot() + "-" + s.lastSlot())
                .containsExactly("100-199", "200-299", "300-350");
    }

    @Test
    void givesEachLiveReaderEveryNthSlotFromTheCurrentSlot() throws Exception {
        ScriptedChain.Script script = ScriptedChain.script(UUID.randomUUID().toString());
        script.tips(5_000, 4_968);
        SolanaSource source = SolanaSource.builder().setChain(script.factory()).build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.initialSplits(3))
                .extracting(s -> s.nextSlot() + "/" + s.modulus())
                .containsExactly("5001/3", "5002/3", "5000/3");
    }
}
