package io.chainplay.bench.solana;

import io.chainplay.bench.Benchmark;
import io.chainplay.bench.Jmh;
import io.chainplay.bench.Report;

import java.util.Map;

/**
 * {@code solana-decode}: Anchor event decoding on one core, in events/s, over a mix of the real
 * pump.fun TradeEvents and FarePlay's fare_vault events. The target: decoding is never the
 * bottleneck, over 200,000 events/s per core.
 */
public final class DecodeBench implements Benchmark {

    static final double TARGET_EVENTS_PER_SECOND = 200_000;

    @Override
    public String name() {
        return "solana-decode";
    }

    @Override
    public String description() {
        return "Anchor event decoding to canonical JSON, one thread (events/s/core)";
    }

    @Override
    public Report run(boolean quick) throws Exception {
        Map<String, Double> scores = Jmh.throughput(DecodeBenchmark.class, quick);
        return new Report(name())
                .add(
                        Report.Role.MEASURED,
                        "chainplay EventDecoder",
                        scores.get("chainplay"),
                        "events/s")
                .add(
                        Report.Role.CEILING,
                        "read every byte once, build nothing",
                        scores.get("ceiling"),
                        "events/s")
                .add(
                        Report.Role.BASELINE,
                        "IDL interpreter + Jackson tree",
                        scores.get("baseline"),
                        "events/s")
                .add(Report.Role.TARGET, "issue 3 target", TARGET_EVENTS_PER_SECOND, "events/s")
                .note(
                        "mix: "
                                + BenchEvents.load().size()
                                + " events (real pump TradeEvents, fare_vault events); JMH, 1 fork,"
                                + " 1 thread");
    }
}
