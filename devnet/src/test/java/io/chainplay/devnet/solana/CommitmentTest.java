package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.chainplay.devnet.solana.RpcMethodsTest.assertError;
import static io.chainplay.devnet.solana.TestRpc.config;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commitment semantics on a manually clocked devnet: a block is visible at confirmed before it is
 * at finalized; a fork is visible at processed and confirmed, then "not available", then skipped;
 * its transactions are dropped or re-included.
 */
class CommitmentTest {

    private static final Object[] V0 = {"maxSupportedTransactionVersion", 0};

    private static SolanaDevnet.Builder quiet() {
        return SolanaDevnet.builder()
                .manualClock()
                .genesisTime(Instant.parse("2025-10-28T18:00:00Z"))
                .skippedSlotFraction(0)
                .transactionsPerSecond(20);
    }

    @Test
    void blockIsConfirmedBeforeItIsFinalized() {
        try (SolanaDevnet devnet = quiet().seed(5).start()) {
            TestRpc rpc = new TestRpc(devnet.url());
            devnet.advance(40);
            long tip = devnet.tipSlot();
            long slot = tip - 1;
            assertThat(devnet.slot(Commitment.CONFIRMED)).isEqualTo(slot);
            assertThat(devnet.slot(Commitment.FINALIZED)).isEqualTo(tip - 32);

            JsonNode block =
                    rpc.result("getBlock", slot, config("commitment", "confirmed", V0[0], V0[1]));
            assertThat(block.get("transactions")).isNotEmpty();
            assertError(
                    rpc.error("getBlock", slot, config(V0)),
                    -32004,
                    "Block not available for slot " + slot);
            assertError(
                    rpc.error("getBlock", tip, config("commitment", "confirmed")),
                    -32004,
                    "Block not available for slot " + tip);

            String signature =
                    block.get("transactions")
                            .get(0)
                            .get("transaction")
                            .get("signatures")
                            .get(0)
                            .asText();
            assertThat(
                            rpc.result(
                                            "getTransaction",
                                            signature,
                                            config("commitment", "confirmed", V0[0], V0[1]))
                                    .get("slot")
                                    .asLong())
                    .isEqualTo(slot);
            assertThat(rpc.result("getTransaction", signature, config(V0)).isNull()).isTrue();
            JsonNode status =
                    rpc.result("getSignatureStatuses", List.of(signature)).get("value").get(0);
            assertThat(status.get("confirmationStatus").asText()).isEqualTo("confirmed");
            assertThat(status.get("confirmations").asLong()).isEqualTo(1);
            // A transaction in the tip block is only processed.
            GeneratedEvent atTip = devnet.groundTruth().events(tip, tip).get(0);
            JsonNode processedOnly =
                    rpc.result("getSignatureStatuses", List.of(atTip.txSignature()))
                            .get("value")
                            .get(0);
            assertThat(processedOnly.get("confirmationStatus").asText()).isEqualTo("processed");
            assertThat(processedOnly.get("confirmations").asLong()).isZero();

            devnet.advance(32);
            assertThat(rpc.result("getBlock", slot, config(V0)).get("blockhash").asText())
                    .isEqualTo(block.get("blockhash").asText());
            JsonNode finalStatus =
                    rpc.result("getSignatureStatuses", List.of(signature)).get("value").get(0);
            assertThat(finalStatus.get("confirmationStatus").asText()).isEqualTo("finalized");
            assertThat(finalStatus.get("confirmations").isNull()).isTrue();
        }
    }

    @Test
    void forkIsVisibleAtConfirmedThenSkippedAtFinalized() {
        try (SolanaDevnet devnet = quiet().seed(8).start()) {
            TestRpc rpc = new TestRpc(devnet.url());
            devnet.advance(20);
            long base = devnet.tipSlot();
            devnet.forkNext(4);
            devnet.advance(4);
            long first = base + 1;
            assertThat(devnet.slot(Commitment.PROCESSED)).isEqualTo(base + 4);
            assertThat(devnet.slot(Commitment.CONFIRMED)).isEqualTo(base + 3);
            assertThat(devnet.groundTruth().forkSlots(first, base + 4))
                    .containsExactly(first, first + 1, first + 2, first + 3);

            // Visible while the confirmed head is on the fork.
            JsonNode forkBlock =
                    rpc.result("getBlock", first, config("commitment", "confirmed", V0[0], V0[1]));
            assertThat(forkBlock.get("parentSlot").asLong()).isEqualTo(base);
            List<GeneratedEvent> forkEvents = devnet.groundTruth().events(first, first + 3);
            assertThat(forkEvents).isNotEmpty().allMatch(e -> e.fate() == Fate.DROPPED);
            GeneratedEvent onFork = forkEvents.get(0);
            assertThat(
                            rpc.result(
                                            "getTransaction",
                                            onFork.txSignature(),
                                            config("commitment", "confirmed", V0[0], V0[1]))
                                    .get("slot")
                                    .asLong())
                    .isEqualTo(onFork.slot());

            // The canonical chain continues from the block before the fork.
            devnet.advance(1);
            long next = base + 5;
            // The confirmed head steps back to the fork's parent until the new block is confirmed.
            assertThat(devnet.slot(Commitment.CONFIRMED)).isEqualTo(base);
            assertThat(
                            rpc.error("getBlock", next, config("commitment", "confirmed"))
                                    .get("code")
                                    .asInt())
                    .isEqualTo(-32004);
            devnet.advance(1);
            JsonNode canonical =
                    rpc.result("getBlock", next, config("commitment", "confirmed", V0[0], V0[1]));
            assertThat(canonical.get("parentSlot").asLong()).isEqualTo(base);
            assertError(
                    rpc.error("getBlock", first, config("commitment", "confirmed")),
                    -32004,
                    "Block not available for slot " + first);

            // Re-included transactions come first in that block, with the same signature and event
            // ids.
            List<GeneratedEvent> reincluded =
                    devnet.groundTruth().events(next, next).stream()
                            .filter(e -> e.fate() == Fate.REINCLUDED)
                            .toList();
            Set<String> droppedIds =
                    forkEvents.stream().map(GeneratedEvent::eventId).collect(Collectors.toSet());
            assertThat(reincluded).isNotEmpty();
            assertThat(reincluded).allMatch(e -> droppedIds.contains(e.eventId()));
            Set<String> reincludedTx =
                    reincluded.stream()
                            .map(GeneratedEvent::txSignature)
                            .collect(Collectors.toSet());
            GeneratedEvent dropped =
                    forkEvents.stream()
                            .filter(e -> !reincludedTx.contains(e.txSignature()))
                            .findFirst()
                            .orElseThrow();
            String again = reincluded.get(0).txSignature();
            assertThat(
                            rpc.result(
                                            "getTransaction",
                                            again,
                                            config("commitment", "confirmed", V0[0], V0[1]))
                                    .get("slot")
                                    .asLong())
                    .isEqualTo(next);
            assertThat(
                            rpc.result(
                                            "getTransaction",
                                            dropped.txSignature(),
                                            config("commitment", "confirmed", V0[0], V0[1]))
                                    .isNull())
                    .isTrue();

            // Once the root passes, the fork's slots are skipped at every commitment.
            devnet.advance(40);
            for (long slot = first; slot <= first + 3; slot++) {
                String message =
                        "Slot "
                                + slot
                                + " was skipped, or missing due to ledger jump to recent snapshot";
                assertError(rpc.error("getBlock", slot), -32007, message);
                assertError(
                        rpc.error("getBlock", slot, config("commitment", "confirmed")),
                        -32007,
                        message);
            }
            assertThat(rpc.result("getBlocks", base, next).toString())
                    .isEqualTo("[" + base + "," + next + "]");
            assertThat(rpc.result("getTransaction", dropped.txSignature(), config(V0)).isNull())
                    .isTrue();
            assertThat(rpc.result("getTransaction", again, config(V0)).get("slot").asLong())
                    .isEqualTo(next);
            assertThat(
                            rpc.result(
                                            "getSignatureStatuses",
                                            List.of(dropped.txSignature()),
                                            config("searchTransactionHistory", true))
                                    .get("value")
                                    .get(0)
                                    .isNull())
                    .isTrue();
            Set<String> listed = new HashSet<>();
            rpc.result("getSignaturesForAddress", dropped.programId())
                    .forEach(entry -> listed.add(entry.get("signature").asText()));
            assertThat(listed).contains(again).doesNotContain(dropped.txSignature());
            assertThat(devnet.groundTruth().slotsWithoutBlock(first, next))
                    .containsExactly(first, first + 1, first + 2, first + 3);
            assertThat(devnet.groundTruth().finalEvents(first, next))
                    .noneMatch(e -> e.fate() == Fate.DROPPED);
        }
    }

    @Test
    void randomForksFollowTheSameRules() {
        try (SolanaDevnet devnet = quiet().seed(13).forks(0.05, 3, 0.5).start()) {
            TestRpc rpc = new TestRpc(devnet.url());
            devnet.advance(300);
            long finalized = devnet.slot(Commitment.FINALIZED);
            List<Long> forks = devnet.groundTruth().forkSlots(devnet.startSlot(), finalized);
            assertThat(forks).hasSizeGreaterThanOrEqualTo(6);
            for (long slot : forks) {
                assertThat(
                                rpc.error("getBlock", slot, config("commitment", "confirmed"))
                                        .get("code")
                                        .asInt())
                        .isEqualTo(-32007);
            }
            // Final events are served at finalized exactly where the ground truth puts them (every
            // 10th checked, to keep the test quick); dropped ones are not served.
            List<GeneratedEvent> events =
                    devnet.groundTruth().events(devnet.startSlot(), finalized);
            for (int i = 0; i < events.size(); i += 10) {
                GeneratedEvent event = events.get(i);
                JsonNode tx = rpc.result("getTransaction", event.txSignature(), config(V0));
                if (event.fate() == Fate.DROPPED) {
                    assertThat(tx.isNull() || tx.get("slot").asLong() != event.slot()).isTrue();
                    continue;
                }
                assertThat(
                                rpc.result("getTransaction", event.txSignature(), config(V0))
                                        .get("slot")
                                        .asLong())
                        .isEqualTo(event.slot());
            }
        }
    }

    @Test
    void oldSkippedSlotsComeFromLongTermStorage() {
        try (SolanaDevnet devnet =
                quiet().seed(2).skippedSlotFraction(0.2).localLedgerSlots(50).start()) {
            TestRpc rpc = new TestRpc(devnet.url());
            devnet.advance(200);
            long root = devnet.slot(Commitment.FINALIZED);
            List<Long> skipped = devnet.groundTruth().slotsWithoutBlock(devnet.startSlot(), root);
            long old = skipped.get(0);
            long recent = skipped.get(skipped.size() - 1);
            assertThat(root - old).isGreaterThan(50);
            assertThat(root - recent).isLessThanOrEqualTo(50);
            assertError(
                    rpc.error("getBlock", old),
                    -32009,
                    "Slot " + old + " was skipped, or missing in long-term storage");
            assertThat(rpc.error("getBlock", recent).get("code").asInt()).isEqualTo(-32007);
        }
    }

    @Test
    void retentionForgetsOldSlots() {
        try (SolanaDevnet devnet = quiet().seed(4).retainSlots(100).start()) {
            TestRpc rpc = new TestRpc(devnet.url());
            devnet.advance(20);
            GeneratedEvent early =
                    devnet.groundTruth().events(devnet.startSlot(), devnet.tipSlot()).get(0);
            devnet.advance(600);
            long first = rpc.result("getFirstAvailableBlock").asLong();
            assertThat(first)
                    .isGreaterThan(devnet.tipSlot() - 100 - 32)
                    .isLessThanOrEqualTo(devnet.tipSlot() - 100);
            assertError(
                    rpc.error("getBlock", early.slot()),
                    -32001,
                    "Block "
                            + early.slot()
                            + " cleaned up, does not exist on node. First available block: "
                            + first);
            assertThat(rpc.result("getTransaction", early.txSignature(), config(V0)).isNull())
                    .isTrue();
            assertThat(devnet.groundTruth().events(devnet.startSlot(), first - 1)).isEmpty();
        }
    }
}
