package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Solana Mafia traffic against the game's rules: a reconciliation written from the constants
 * and the events alone (not from the generator's code) must agree with every EarningsUpdated — and
 * must catch a program that pays otherwise.
 */
class MafiaRulesTest {

    private static final JsonNode CONSTANTS =
            TestRpc.fixtureFromClasspath("/io/chainplay/devnet/solana/game_constants.json")
                    .get("constants");
    private static final long INTERVAL = 60;

    @Test
    void rulesFromTheConstants() {
        MafiaRules rules = MafiaRules.load();
        assertThat(rules.entryFee(0)).isEqualTo(12_345_679L);
        assertThat(rules.entryFee(250)).isEqualTo(12_345_679L + 2 * 6_000_000L);
        assertThat(rules.entryFee(100_000)).isEqualTo(123_456_790L);
        assertThat(rules.dailyRate(0, 0, 0)).isEqualTo(200);
        assertThat(rules.dailyRate(0, 2, 5)).isEqualTo(200 + 25 + 200);
        // 1 SOL at 2 % a day earns 0.02 SOL in a day, half of it in half a day.
        assertThat(MafiaRules.earnings(1_000_000_000L, 200, 86_400)).isEqualTo(20_000_000L);
        assertThat(MafiaRules.earnings(1_000_000_000L, 200, 43_200)).isEqualTo(10_000_000L);
        assertThat(MafiaRules.earnings(100_000_000_000L, 450, 86_400L * 3_650))
                .isEqualTo(16_425_000_000_000L);
        assertThat(rules.baseSellFee(0)).isEqualTo(25);
        assertThat(rules.baseSellFee(31)).isEqualTo(2);
        assertThat(rules.baseSellFee(400)).isEqualTo(2);
        assertThat(MafiaRules.finalSellFee(25, 50)).isEqualTo(12);
        assertThat(MafiaRules.sellReturn(1_000, 12)).isEqualTo(880);
    }

    @Test
    void everyEarningsUpdateReconciles() {
        try (SolanaDevnet devnet = mafiaDevnet(EarningsDiscrepancy.none())) {
            Reconciliation result = reconcile(devnet);
            assertThat(result.updates).isGreaterThan(100);
            assertThat(result.scheduledUpdates).isGreaterThan(20);
            assertThat(result.players).isGreaterThan(20);
            assertThat(result.mismatches).isEmpty();
            assertThat(result.eventNames)
                    .contains(
                            "PlayerCreated",
                            "BusinessCreatedInSlot",
                            "BusinessCreated",
                            "BusinessUpgradedInSlot",
                            "BusinessUpgraded",
                            "BusinessSoldFromSlot",
                            "BusinessSold",
                            "EarningsClaimed",
                            "EarningsUpdated");
        }
    }

    @Test
    void aSkimmingProgramIsCaught() {
        EarningsDiscrepancy skim = (player, correct, time) -> correct - correct / 100;
        try (SolanaDevnet devnet = mafiaDevnet(skim)) {
            Reconciliation result = reconcile(devnet);
            assertThat(result.mismatches).isNotEmpty();
            for (long[] mismatch : result.mismatches) {
                assertThat(mismatch[1]).isEqualTo(mismatch[0] - mismatch[0] / 100);
            }
        }
    }

    private static SolanaDevnet mafiaDevnet(EarningsDiscrepancy discrepancy) {
        SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(11)
                        .genesisTime(Instant.parse("2025-10-28T18:00:00Z"))
                        .players(40)
                        .transactionsPerSecond(25)
                        .mafiaShare(0.9)
                        .forks(0.02, 3, 0.5)
                        .earningsInterval(Duration.ofSeconds(INTERVAL))
                        .earningsDiscrepancy(discrepancy)
                        .start();
        devnet.advance(900); // six minutes of ledger time: about six scheduled updates per player
        return devnet;
    }

    private static final class Business {
        long invested;
        int rate;
        final long created;

        Business(long invested, int rate, long created) {
            this.invested = invested;
            this.rate = rate;
            this.created = created;
        }
    }

    private static final class Player {
        final TreeMap<Integer, Business> slots = new TreeMap<>();
        long lastUpdate;
        long pending;
        long next;
    }

    private static final class Reconciliation {
        int updates;
        int scheduledUpdates;
        int players;
        final List<long[]> mismatches = new ArrayList<>();
        final java.util.Set<String> eventNames = new java.util.TreeSet<>();
    }

    /** Replays the final solana_mafia events with the rules, checking every reported figure. */
    private static Reconciliation reconcile(SolanaDevnet devnet) {
        int[] rates = ints("BUSINESS_RATES");
        int[] premiumBonus = ints("PREMIUM_SLOT_YIELD_BONUSES");
        Reconciliation result = new Reconciliation();
        Map<String, Player> players = new HashMap<>();
        long joined = 0;
        for (GeneratedEvent event :
                devnet.groundTruth().finalEvents(devnet.startSlot(), devnet.tipSlot())) {
            if (!event.programName().equals("solana_mafia")) {
                continue;
            }
            assertThat(event.fate())
                    .as("mafia transactions are never re-included")
                    .isEqualTo(Fate.FINAL);
            result.eventNames.add(event.eventName());
            JsonNode f = event.fields();
            long time = event.blockTime();
            String wallet = f.has("wallet") ? f.get("wallet").asText() : f.get("player").asText();
            Player player = players.get(wallet);
            switch (event.eventName()) {
                case "PlayerCreated" -> {
                    assertThat(player).isNull();
                    player = new Player();
                    players.put(wallet, player);
                    player.lastUpdate = time;
                    player.next = f.get("next_earnings_time").asLong();
                    assertThat(f.get("created_at").asLong()).isEqualTo(time);
                    assertThat(player.next).isBetween(time, time + INTERVAL - 1);
                    long fee = Math.min(12_345_679L + 6_000_000L * (joined / 100), 123_456_790L);
                    assertThat(f.get("entry_fee").asLong()).isEqualTo(fee);
                    joined++;
                }
                case "BusinessCreatedInSlot" -> {
                    int slot = f.get("slot_index").asInt();
                    int expected =
                            rates[f.get("business_type").asInt()]
                                    + (slot >= 3 ? premiumBonus[slot - 3] : 0);
                    assertThat(f.get("daily_rate").asInt()).isEqualTo(expected);
                    assertThat(f.get("total_paid").asLong())
                            .isEqualTo(f.get("base_cost").asLong() + f.get("slot_cost").asLong());
                    assertThat(
                                    player.slots.put(
                                            slot,
                                            new Business(
                                                    f.get("base_cost").asLong(),
                                                    f.get("daily_rate").asInt(),
                                                    f.get("created_at").asLong())))
                            .isNull();
                }
                case "BusinessCreated" -> {
                    int slot = 0;
                    while (player.slots.containsKey(slot)) {
                        slot++;
                    }
                    player.slots.put(
                            slot,
                            new Business(
                                    f.get("invested_amount").asLong(),
                                    f.get("daily_rate").asInt(),
                                    f.get("created_at").asLong()));
                }
                case "BusinessUpgradedInSlot", "BusinessUpgraded" -> {
                    int slot =
                            f.has("slot_index")
                                    ? f.get("slot_index").asInt()
                                    : f.get("business_index").asInt();
                    Business business = player.slots.get(slot);
                    business.invested += f.get("upgrade_cost").asLong();
                    business.rate = f.get("new_daily_rate").asInt();
                }
                case "BusinessSoldFromSlot", "BusinessSold" -> {
                    int slot =
                            f.has("slot_index")
                                    ? f.get("slot_index").asInt()
                                    : f.get("business_index").asInt();
                    assertThat(player.slots.remove(slot)).isNotNull();
                }
                case "EarningsUpdated" -> {
                    long expected = 0;
                    for (Business business : player.slots.values()) {
                        long seconds = time - Math.max(player.lastUpdate, business.created);
                        expected +=
                                BigInteger.valueOf(business.invested)
                                        .multiply(BigInteger.valueOf(business.rate))
                                        .multiply(BigInteger.valueOf(seconds))
                                        .divide(BigInteger.valueOf(10_000L * 86_400L))
                                        .longValueExact();
                    }
                    long added = f.get("earnings_added").asLong();
                    if (added != expected) {
                        result.mismatches.add(new long[] {expected, added});
                    }
                    assertThat(f.get("total_pending").asLong()).isEqualTo(player.pending + added);
                    assertThat(f.get("businesses_count").asInt()).isEqualTo(player.slots.size());
                    long next = f.get("next_earnings_time").asLong();
                    if (next != player.next) {
                        // A scheduled update moves the schedule by whole intervals past now.
                        assertThat((next - player.next) % INTERVAL).isZero();
                        assertThat(next).isGreaterThan(time).isLessThanOrEqualTo(time + INTERVAL);
                        player.next = next;
                        result.scheduledUpdates++;
                    }
                    player.pending += added;
                    player.lastUpdate = time;
                    result.updates++;
                }
                case "EarningsClaimed" -> {
                    assertThat(f.get("amount").asLong()).isEqualTo(player.pending);
                    player.pending = 0;
                }
                default -> throw new AssertionError("Unexpected event " + event.eventName());
            }
        }
        result.players = players.size();
        return result;
    }

    private static int[] ints(String name) {
        JsonNode values = CONSTANTS.get(name).get("value");
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asInt();
        }
        return out;
    }
}
