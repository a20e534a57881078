package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The fare_vault traffic follows the casino's rules, across forks and failed transactions. */
class CasinoActivityTest {

    @Test
    void everyFinalBetIsResolvedOnceByItsQkTable() {
        try (SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(17)
                        .genesisTime(Instant.parse("2025-10-28T18:00:00Z"))
                        .transactionsPerSecond(30)
                        .mafiaShare(0)
                        .forks(0.03, 3, 0.5)
                        .start()) {
            devnet.advance(600);
            long finalized = devnet.slot(Commitment.FINALIZED);
            List<GeneratedEvent> events =
                    devnet.groundTruth().finalEvents(devnet.startSlot(), finalized);

            List<GeneratedEvent> pools =
                    events.stream().filter(e -> e.eventName().equals("PoolRegistered")).toList();
            assertThat(pools).hasSize(4);
            assertThat(pools).allMatch(e -> e.slot() == pools.get(0).slot());
            assertThat(pools.stream().map(e -> e.fields().get("pool_id").asText()))
                    .containsExactlyInAnyOrderElementsOf(devnet.poolIds());

            Map<String, JsonNode> registered = new HashMap<>();
            Map<String, Long> registeredAt = new HashMap<>();
            Map<String, Integer> resolutions = new HashMap<>();
            Map<String, Long> lastAccumulated = new HashMap<>();
            int jackpots = 0;
            for (GeneratedEvent event : events) {
                JsonNode f = event.fields();
                switch (event.eventName()) {
                    case "TrialRegistered" -> {
                        assertThat(registered.put(f.get("trial_id").asText(), f)).isNull();
                        registeredAt.put(f.get("trial_id").asText(), event.slot());
                    }
                    case "TrialResolved" -> {
                        String trial = f.get("trial_id").asText();
                        JsonNode bet = registered.get(trial);
                        assertThat(bet).as("resolved after it was registered").isNotNull();
                        // Later, or in the same block when both were re-included after a fork.
                        assertThat(event.slot()).isGreaterThanOrEqualTo(registeredAt.get(trial));
                        resolutions.merge(trial, 1, Integer::sum);
                        JsonNode qk = bet.get("qk").get("0");
                        double randomness = f.get("randomness").asDouble();
                        double cumulative = 0;
                        int expected = qk.size() - 1;
                        for (int i = 0; i < qk.size(); i++) {
                            cumulative += qk.get(i).get(0).asDouble();
                            if (randomness < cumulative) {
                                expected = i;
                                break;
                            }
                        }
                        assertThat(f.get("result_index").asInt()).isEqualTo(expected);
                    }
                    case "FeeCharged" -> {
                        JsonNode bet = registered.get(f.get("trial_id").asText());
                        assertThat(Long.parseLong(f.get("fee_amount").asText()))
                                .isLessThan(Long.parseLong(bet.get("multiplier").asText()) / 50);
                    }
                    case "PoolAccumulatedAmountUpdated" -> {
                        String pool = f.get("pool_id").asText();
                        long amount = Long.parseLong(f.get("new_accumulated_amount").asText());
                        assertThat(amount).isGreaterThan(lastAccumulated.getOrDefault(pool, 0L));
                        lastAccumulated.put(pool, amount);
                    }
                    case "PoolAccumulatedAmountReleased" -> {
                        String pool = f.get("pool_id").asText();
                        assertThat(Long.parseLong(f.get("released_amount").asText()))
                                .isEqualTo(lastAccumulated.get(pool));
                        lastAccumulated.put(pool, 0L);
                        jackpots++;
                    }
                    default -> {}
                }
            }
            assertThat(registered).hasSizeGreaterThan(1_000);
            assertThat(resolutions.values()).allMatch(count -> count == 1);
            // Bets old enough have been resolved (resolution comes 2 to 8 slots later).
            registeredAt.forEach(
                    (trial, slot) -> {
                        if (slot < finalized - 30) {
                            assertThat(resolutions).containsKey(trial);
                        }
                    });
            assertThat(jackpots).isPositive();

            // A bet that was only on an abandoned fork never gets resolved.
            Set<String> finalTrials = registered.keySet();
            Set<String> droppedOnly = new HashSet<>();
            devnet.groundTruth().events(devnet.startSlot(), finalized).stream()
                    .filter(
                            e ->
                                    e.fate() == Fate.DROPPED
                                            && e.eventName().equals("TrialRegistered"))
                    .map(e -> e.fields().get("trial_id").asText())
                    .filter(trial -> !finalTrials.contains(trial))
                    .forEach(droppedOnly::add);
            assertThat(droppedOnly).isNotEmpty();
            assertThat(resolutions.keySet()).doesNotContainAnyElementsOf(droppedOnly);

            // Failed bets are in the logs but not in the ground truth, and are never resolved.
            Set<String> failedTrials = new HashSet<>();
            devnet.groundTruth().failedTransactionEvents(devnet.startSlot(), finalized).stream()
                    .filter(e -> e.eventName().equals("TrialRegistered"))
                    .forEach(e -> failedTrials.add(e.fields().get("trial_id").asText()));
            assertThat(failedTrials).isNotEmpty().doesNotContainAnyElementsOf(resolutions.keySet());
        }
    }
}
