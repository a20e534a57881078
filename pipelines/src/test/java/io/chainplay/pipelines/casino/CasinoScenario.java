package io.chainplay.pipelines.casino;

import io.chainplay.schemas.chain.EventKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.pubkey;
import static io.chainplay.pipelines.casino.CasinoFixtures.registered;
import static io.chainplay.pipelines.casino.CasinoFixtures.resolved;

/**
 * A generated stream of fare_vault trials with what a correct casino job must write for it.
 *
 * <p>The expected tables come from a plain reading of the rules (pair each trial's first
 * registration and resolution, pay floor(wager x k), sum per player and pool), written apart from
 * the job's code so that the two check each other.
 */
final class CasinoScenario {

    static final double[][] TABLES = {
        {0.5, 0.0, 0.5, 1.98},
        {0.5, 0.0, 0.25, 1.0, 0.125, 2.0, 0.125, 3.0},
        {0.9, 0.0, 0.09, 5.0, 0.01, 42.5}
    };

    final List<CasinoEvent> events = new ArrayList<>();
    final Map<String, String> expectedBets = new TreeMap<>();
    final Map<String, String> expectedStats = new TreeMap<>();

    /**
     * Trials over several players and pools; some unresolved, some resolved before they are
     * registered, some sent twice or also as finalized; then shuffled.
     */
    static CasinoScenario generate(int trials, long seed) {
        Random random = new Random(seed);
        CasinoScenario scenario = new CasinoScenario();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigInteger[]> sums = new TreeMap<>();
        for (int n = 0; n < trials; n++) {
            String trial = pubkey("scenario-" + seed + "-trial-" + n);
            String player = pubkey("player-" + random.nextInt(40));
            String pool = pubkey("pool-" + random.nextInt(3));
            double[] table = TABLES[random.nextInt(TABLES.length)];
            long wager =
                    random.nextInt(10) == 0
                            ? random.nextLong() // anywhere in the u64 range
                            : 1_000_000L * (1 + random.nextInt(1000));
            long time = T0 + n * 500L;
            CasinoEvent registration = registered(trial, player, pool, wager, table, time);
            scenario.add(registration, random);
            boolean resolvedTrial = random.nextInt(20) != 0;
            if (!resolvedTrial) {
                scenario.expectedBets.put(trial, row(registration, null, null));
                continue;
            }
            int index = random.nextInt(table.length / 2);
            CasinoEvent resolution = resolved(trial, index, time + 400 + random.nextInt(5_000));
            scenario.add(resolution, random);
            BigInteger w = new BigInteger(Long.toUnsignedString(wager));
            BigInteger payout =
                    new BigDecimal(w)
                            .multiply(BigDecimal.valueOf(table[2 * index + 1]))
                            .setScale(0, RoundingMode.FLOOR)
                            .toBigInteger();
            scenario.expectedBets.put(trial, row(registration, resolution, payout));
            String key = player + "|" + pool;
            long[] c = counts.computeIfAbsent(key, k -> new long[4]);
            BigInteger[] s =
                    sums.computeIfAbsent(
                            key, k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            c[0]++;
            c[payout.compareTo(w) > 0 ? 1 : payout.compareTo(w) < 0 ? 2 : 3]++;
            s[0] = s[0].add(w);
            s[1] = s[1].add(payout);
        }
        counts.forEach(
                (key, c) -> {
                    BigInteger[] s = sums.get(key);
                    scenario.expectedStats.put(
                            key,
                            key
                                    + "|"
                                    + c[0]
                                    + "|"
                                    + c[1]
                                    + "|"
                                    + c[2]
                                    + "|"
                                    + c[3]
                                    + "|"
                                    + s[0]
                                    + "|"
                                    + s[1]
                                    + "|"
                                    + s[1].subtract(s[0]));
                });
        Collections.shuffle(scenario.events, random);
        return scenario;
    }

    private void add(CasinoEvent event, Random random) {
        events.add(event);
        int r = random.nextInt(20);
        if (r == 0) {
            events.add(event.copy()); // sent twice
        } else if (r == 1) {
            events.add(event.withKind(EventKind.FINALIZED));
        }
    }

    /** The bets columns the tests compare, as {@link TableSnapshot#bets} prints them. */
    static String row(CasinoEvent registration, CasinoEvent resolution, BigInteger payout) {
        String wager = Long.toUnsignedString(registration.wager);
        if (resolution == null) {
            return String.join(
                    "|",
                    registration.trialId,
                    registration.poolId,
                    registration.player,
                    wager,
                    "expired",
                    "null",
                    "null",
                    "null",
                    "null",
                    "null");
        }
        BigInteger w = new BigInteger(wager);
        int index = (int) resolution.resultIndex;
        return String.join(
                "|",
                registration.trialId,
                registration.poolId,
                registration.player,
                wager,
                "settled",
                Long.toString(index),
                Double.toString(registration.qk[2 * index + 1]),
                payout.toString(),
                payout.subtract(w).toString(),
                Boolean.toString(payout.compareTo(w) > 0));
    }
}
