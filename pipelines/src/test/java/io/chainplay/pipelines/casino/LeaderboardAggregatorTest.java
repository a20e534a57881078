package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardAggregatorTest {

    private static final int SIZE = 5;
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, LeaderboardUpdate, TableRow> harness;
    private long now;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new LeaderboardAggregator(SIZE, RETENTION, Duration.ofSeconds(1))),
                        LeaderboardUpdate::boardKey,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void theRowsAreAlwaysTheTopOfTheStandings() throws Exception {
        Random random = new Random(3);
        Map<String, long[]> standings = new HashMap<>(); // player -> net, volume, wins
        for (int step = 0; step < 3_000; step++) {
            String player = "player-" + random.nextInt(30);
            LeaderboardUpdate update = update(player);
            if (random.nextInt(10) == 0 && standings.containsKey(player)) {
                update.deleted = true; // a reorg took all the player's bets of the period
                standings.remove(player);
            } else {
                long[] s = standings.computeIfAbsent(player, p -> new long[3]);
                // nets go up and down, as bets win and lose; ties are common
                s[0] += random.nextInt(7) - 3;
                s[1] += random.nextInt(3);
                s[2] += random.nextInt(2);
                update.net = BigInteger.valueOf(s[0]);
                update.volume = BigInteger.valueOf(s[1]);
                update.wins = s[2];
            }
            harness.processElement(new StreamRecord<>(update));
            if (random.nextInt(25) == 0) {
                flush();
                assertThat(table()).isEqualTo(expected(standings));
            }
        }
        flush();
        assertThat(table()).isEqualTo(expected(standings));
    }

    @Test
    void dropsADayBoardOnceItIsPastTheReorgWindowAndKeepsItsRows() throws Exception {
        LeaderboardUpdate update = update("alice");
        update.period = "day";
        update.periodStart = Periods.epochDay(T0);
        update.net = BigInteger.TEN;
        harness.processElement(new StreamRecord<>(update));

        harness.processWatermark(Periods.end("day", update.periodStart) + RETENTION.toMillis());

        assertThat(table()).hasSize(3); // written before the state went
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /** Applies the emitted rows in order: what the table holds. */
    private Map<String, String> table() {
        Map<String, String> table = new TreeMap<>();
        for (TableRow row : harness.extractOutputValues()) {
            String key = row.get("metric") + "/" + row.get("player");
            if (row.deleted) {
                table.remove(key);
            } else {
                table.put(key, row.get("value"));
            }
        }
        return table;
    }

    /** The top SIZE of each metric by value, then player, computed from scratch. */
    private static Map<String, String> expected(Map<String, long[]> standings) {
        Map<String, String> table = new TreeMap<>();
        String[] metrics = {"net", "volume", "wins"};
        for (int m = 0; m < 3; m++) {
            int metric = m;
            standings.entrySet().stream()
                    .sorted(
                            Comparator.<Map.Entry<String, long[]>>comparingLong(
                                            e -> -e.getValue()[metric])
                                    .thenComparing(Map.Entry::getKey))
                    .limit(SIZE)
                    .forEach(
                            e ->
                                    table.put(
                                            metrics[metric] + "/" + e.getKey(),
                                            Long.toString(e.getValue()[metric])));
        }
        return table;
    }

    private void flush() throws Exception {
        now += 1_000;
        harness.setProcessingTime(now);
    }

    private static LeaderboardUpdate update(String player) {
        LeaderboardUpdate update = new LeaderboardUpdate();
        update.poolId = POOL_A;
        update.period = "all";
        update.periodStart = 0;
        update.player = player;
        return update;
    }

    @SuppressWarnings("unused")
    private static List<String> keys(Map<String, String> table) {
        return List.copyOf(table.keySet());
    }
}
