package io.chainplay.bench;

import io.chainplay.bench.api.FeedBench;
import io.chainplay.bench.api.ReadBench;
import io.chainplay.bench.casino.CasinoJobBench;
import io.chainplay.bench.earnings.EarningsTimersBench;
import io.chainplay.bench.solana.DecodeBench;
import io.chainplay.bench.solana.SourceBench;
import io.chainplay.bench.statefun.DailyTradeBench;

import java.util.List;

/**
 * {@code ./chainplay bench}: lists the benchmarks, or runs one and prints its figures beside its
 * references as ratios.
 */
public final class Bench {

    /** Every benchmark, by name. */
    static final List<Benchmark> ALL =
            List.of(
                    new DecodeBench(),
                    new SourceBench(),
                    new ReadBench(),
                    new FeedBench(),
                    new CasinoJobBench(),
                    new EarningsTimersBench(),
                    new DailyTradeBench());

    private Bench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        List<String> names = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
        if (names.isEmpty()) {
            System.out.println("Benchmarks (./chainplay bench <name>):");
            for (Benchmark b : ALL) {
                System.out.printf("  %-16s %s%n", b.name(), b.description());
            }
            return;
        }
        for (String name : names) {
            Benchmark benchmark =
                    ALL.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
            if (benchmark == null) {
                System.err.println("No benchmark '" + name + "'; ./chainplay bench lists them");
                System.exit(2);
            }
            System.out.println("Running " + name + ": " + benchmark.description());
            benchmark.run(quick).print(System.out);
        }
    }
}
