package io.chainplay.pipelines.earnings;

import io.chainplay.devnet.solana.Fate;
import io.chainplay.devnet.solana.GeneratedEvent;
import io.chainplay.devnet.solana.SolanaDevnet;
import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.earnings.SolanaMafiaEvents;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devnet's Solana Mafia activity delivered the way Kafka partitions deliver it (each partition
 * in order, the partitions at uneven speeds, the watermark the slowest partition's minus a second),
 * with fork copies observed and retracted, and finalized copies: the rows must end as when the
 * canonical chain is delivered in order.
 */
class OutOfOrderDeliveryTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);

    @Test
    void unevenPartitionsLateEventsAndRetractionsEndWithTheCanonicalRows() throws Exception {
        List<MafiaEvent> stream = new ArrayList<>();
        List<MafiaEvent> canonical = new ArrayList<>();
        generate(17, stream, canonical);

        // The input ends where the canonical chain ends: a dropped fork's block may be later than
        // the last canonical event, but it is no part of the chain the backfill read.
        long end = canonical.stream().mapToLong(e -> e.eventTime).max().orElseThrow();
        Map<String, Object> expected = run(canonical, end, 1, new Random(1), 0);
        for (long seed = 1; seed <= 2; seed++) {
            Map<String, Object> actual = run(stream, end, 3, new Random(seed), 1_000);
            assertThat(actual).as("seed " + seed).containsExactlyEntriesOf(expected);
        }
    }

    /**
     * Delivers events from {@code partitions} partitions at random speeds, then the end of input at
     * {@code end}; the last row per key.
     */
    private static Map<String, Object> run(
            List<MafiaEvent> events, long end, int partitions, Random random, long outOfOrderness)
            throws Exception {
        Timeline timeline =
                new Timeline(
                        SolanaMafiaEvents.PROGRAM_ID, GameRules.bundled(), INTERVAL.toSeconds());
        PlayerEarnings function = new PlayerEarnings(timeline, Duration.ofHours(1));
        try (KeyedBroadcastOperatorTestHarness<String, MafiaEvent, Long, HistoryRow> harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                function, List.of(PlayerEarnings.INPUT_END)),
                        e -> e.player,
                        Types.STRING,
                        128,
                        1,
                        0)) {
            harness.setup();
            harness.open();
            List<List<MafiaEvent>> queues = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                queues.add(new ArrayList<>());
            }
            for (MafiaEvent e : events) {
                queues.get(Math.floorMod(e.txSignature.hashCode(), partitions)).add(e);
            }
            int[] next = new int[partitions];
            long[] maxSeen = new long[partitions];
            java.util.Arrays.fill(maxSeen, Long.MIN_VALUE);
            long watermark = Long.MIN_VALUE;
            while (true) {
                List<Integer> open = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    if (next[p] < queues.get(p).size()) {
                        open.add(p);
                    }
                }
                if (open.isEmpty()) {
                    break;
                }
                int p = open.get(random.nextInt(open.size()));
                int burst = 1 + random.nextInt(40);
                for (int i = 0; i < burst && next[p] < queues.get(p).size(); i++) {
                    MafiaEvent e = queues.get(p).get(next[p]++);
                    maxSeen[p] = Math.max(maxSeen[p], e.eventTime);
                    harness.processElement(e, e.eventTime);
                }
                // Two readers, as two source subtasks: one watermark generator per reader over its
                // partitions (so a partition read behind the other's records is late), the
                // operator at the slower reader's; a finished reader no longer holds it back.
                long low = Long.MAX_VALUE;
                for (int reader = 0; reader < 2; reader++) {
                    long seen = Long.MIN_VALUE;
                    boolean done = true;
                    for (int q = reader; q < partitions; q += 2) {
                        seen = Math.max(seen, maxSeen[q]);
                        done &= next[q] >= queues.get(q).size();
                    }
                    if (!done) {
                        low =
                                Math.min(
                                        low,
                                        seen == Long.MIN_VALUE
                                                ? Long.MIN_VALUE
                                                : seen - outOfOrderness - 1);
                    }
                }
                if (low != Long.MAX_VALUE && low > watermark) {
                    watermark = low;
                    harness.watermark(watermark);
                }
            }
            harness.processBroadcastElement(end, end);
            harness.watermark(Long.MAX_VALUE);

            Map<String, Object> rows = new TreeMap<>();
            for (HistoryRow row : harness.extractOutputValues()) {
                rows.put("history " + row.key(), row.deleted ? "deleted" : row);
            }
            for (StreamRecord<PlayerRow> r : harness.getSideOutput(PlayerEarnings.PLAYERS)) {
                rows.put(
                        "player " + r.getValue().player,
                        r.getValue().deleted ? "deleted" : r.getValue());
            }
            for (StreamRecord<BusinessRows> r : harness.getSideOutput(PlayerEarnings.BUSINESSES)) {
                for (BusinessRow b : r.getValue().rows) {
                    rows.put(
                            "business " + r.getValue().player + "#" + b.businessNo,
                            b.deleted ? "deleted" : b);
                }
            }
            if (harness.getSideOutput(PlayerEarnings.RECONCILIATION) != null) {
                for (StreamRecord<ReconciliationRow> r :
                        harness.getSideOutput(PlayerEarnings.RECONCILIATION)) {
                    rows.put(
                            "reconciliation " + r.getValue().key(),
                            r.getValue().deleted ? "deleted" : r.getValue());
                }
            }
            if (harness.getSideOutput(PlayerEarnings.DEAD_LETTERS) != null) {
                for (StreamRecord<io.chainplay.pipelines.common.DeadLetterRecord> r :
                        harness.getSideOutput(PlayerEarnings.DEAD_LETTERS)) {
                    rows.put(
                            "dead letter " + r.getValue().position + " " + r.getValue().reason, "");
                }
            }
            rows.values().removeIf("deleted"::equals);
            return rows;
        }
    }

    private static void generate(long seed, List<MafiaEvent> stream, List<MafiaEvent> canonical) {
        try (SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(seed)
                        .genesisTime(Instant.parse("2026-03-01T00:00:00Z"))
                        .players(50)
                        .transactionsPerSecond(20)
                        .mafiaShare(0.9)
                        .forks(0.03, 3, 0.5)
                        .earningsInterval(INTERVAL)
                        .start()) {
            devnet.advance(900);
            Random random = new Random(seed);
            List<Object[]> timed = new ArrayList<>();
            for (GeneratedEvent g :
                    devnet.groundTruth().events(devnet.startSlot(), devnet.tipSlot())) {
                if (!g.programName().equals("solana_mafia")) {
                    continue;
                }
                timed.add(
                        new Object[] {
                            g.slot() + random.nextDouble() * 0.5, event(g, EventKind.OBSERVED)
                        });
                if (g.fate() == Fate.DROPPED) {
                    timed.add(
                            new Object[] {
                                g.slot() + 2 + random.nextInt(6) + 0.7,
                                event(g, EventKind.RETRACTED)
                            });
                } else {
                    timed.add(new Object[] {g.slot() + 32.9, event(g, EventKind.FINALIZED)});
                    canonical.add(event(g, EventKind.FINALIZED));
                }
            }
            timed.sort(Comparator.comparingDouble(o -> (Double) o[0]));
            for (Object[] t : timed) {
                stream.add((MafiaEvent) t[1]);
            }
        }
    }

    private static MafiaEvent event(GeneratedEvent g, EventKind kind) {
        ChainEvent envelope =
                ChainEvent.newBuilder()
                        .setEventId(g.eventId())
                        .setChain(Chain.SOLANA)
                        .setProgram(g.programId())
                        .setProgramName(g.programName())
                        .setEventName(g.eventName())
                        .setTxSignature(g.txSignature())
                        .setSlot(g.slot())
                        .setInstructionIndex(g.instructionIndex())
                        .setEventIndex(g.eventIndex())
                        .setEventTime(Instant.ofEpochSecond(g.blockTime()))
                        .setCommitment("confirmed")
                        .setFinality(
                                kind == EventKind.FINALIZED
                                        ? Finality.FINALIZED
                                        : Finality.OBSERVED)
                        .setRetracted(kind == EventKind.RETRACTED)
                        .setPayload(g.fieldsJson())
                        .build();
        return MafiaEvent.of(SolanaMafiaEvents.typed(envelope));
    }
}
