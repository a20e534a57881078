package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.chainplay.devnet.solana.TestRpc.config;
import static org.assertj.core.api.Assertions.assertThat;

/** The same seed and genesis time give the same ledger, whether clocked by hand or by time. */
class DeterminismTest {

    private static final Instant GENESIS = Instant.parse("2025-10-28T18:00:00Z");

    private static SolanaDevnet.Builder builder(long seed) {
        return SolanaDevnet.builder()
                .seed(seed)
                .genesisTime(GENESIS)
                .slotTime(Duration.ofMillis(50))
                .transactionsPerSecond(100)
                .forks(0.03, 3, 0.5);
    }

    @Test
    void sameSeedSameLedgerDifferentSeedDifferentLedger() {
        try (SolanaDevnet one = builder(42).manualClock().start();
                SolanaDevnet two = builder(42).manualClock().start();
                SolanaDevnet other = builder(43).manualClock().start()) {
            one.advance(150);
            two.advance(150);
            other.advance(150);
            assertThat(blocks(two)).isEqualTo(blocks(one)).isNotEmpty();
            assertThat(two.groundTruth().events(two.startSlot(), two.tipSlot()))
                    .isEqualTo(one.groundTruth().events(one.startSlot(), one.tipSlot()));
            assertThat(blocks(other)).isNotEqualTo(blocks(one));
        }
    }

    @Test
    void clockedLedgerEqualsManualLedger() throws InterruptedException {
        try (SolanaDevnet manual = builder(7).manualClock().start();
                SolanaDevnet clocked = builder(7).start()) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (clocked.slot(Commitment.FINALIZED) < clocked.startSlot() + 20
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            long upTo = clocked.slot(Commitment.FINALIZED);
            assertThat(upTo).isGreaterThanOrEqualTo(clocked.startSlot() + 20);
            manual.advanceTo(upTo + 32);
            assertThat(blocks(clocked, upTo)).isEqualTo(blocks(manual, upTo));
        }
    }

    private static List<String> blocks(SolanaDevnet devnet) {
        return blocks(devnet, devnet.slot(Commitment.FINALIZED));
    }

    /** Every finalized block up to a slot, as the node serializes it. */
    private static List<String> blocks(SolanaDevnet devnet, long upTo) {
        TestRpc rpc = new TestRpc(devnet.url());
        List<String> out = new ArrayList<>();
        for (JsonNode slot : rpc.result("getBlocks", devnet.startSlot(), upTo)) {
            out.add(
                    rpc.result(
                                    "getBlock",
                                    slot.asLong(),
                                    config("maxSupportedTransactionVersion", 0))
                            .toString());
        }
        return out;
    }
}
